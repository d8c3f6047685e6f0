import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events';
import { locale } from '../i18n';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Opens the realtime connection. Polling first then upgrade in the embedded default (works behind any
 * proxy); `onConnect` runs after every (re)connection so subscriptions are restored.
 */
export function connect(onConnect: (socket: AppSocket) => void): AppSocket {
  const socket: AppSocket = io({ auth: { lang: locale() }, reconnectionDelayMax: 5000 });
  socket.on('connect', () => onConnect(socket));
  return socket;
}
