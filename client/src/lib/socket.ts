import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol/events';
import { locale } from '../i18n';
import { RECONNECT } from './reconnect';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the realtime connection: WebSocket first (the only transport when several server processes
 * share Redis), falling back to long-polling where a proxy blocks WebSockets. `onConnect` runs after
 * every (re)connection so subscriptions are restored.
 */
export function connect(onConnect: (socket: AppSocket) => void): AppSocket {
  const socket: AppSocket = io({ auth: { lang: locale() }, ...RECONNECT, transports: ['websocket', 'polling'], tryAllTransports: true });
  socket.on('connect', () => onConnect(socket));
  return socket;
}
