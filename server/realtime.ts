import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { clockPingSchema, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from '../shared/events.js';
import { pickLocale } from '../shared/i18n.js';
import { parseInput } from '../shared/validate.js';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket payloads are small; anything bigger is refused by the transport before it is parsed. */
export const MAX_SOCKET_PAYLOAD = 16 * 1024;

/**
 * Attaches Socket.IO to the HTTP server. Every handler validates its payload, answers through the
 * acknowledgement, and treats a missing acknowledgement callback as a client bug it can ignore.
 */
export function attachRealtime(
  httpServer: HttpServer,
  opts: { version: string; websocketOnly: boolean; now: () => number; adapter?: ServerOptions['adapter'] },
): Io {
  const io: Io = new Server(httpServer, {
    adapter: opts.adapter,
    transports: opts.websocketOnly ? ['websocket'] : ['polling', 'websocket'],
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });
  io.on('connection', (socket) => {
    const auth = socket.handshake.auth as { lang?: unknown };
    socket.data.locale = pickLocale(typeof auth.lang === 'string' ? auth.lang : socket.handshake.headers['accept-language']);
    socket.emit('server:hello', { version: opts.version, serverTime: opts.now() });
    socket.on('clock:ping', (payload, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = parseInput(clockPingSchema, payload, socket.data.locale);
      if (!parsed.ok) return ack(parsed);
      ack({ ok: true, data: { clientTime: parsed.data.clientTime, serverTime: opts.now() } });
    });
  });
  return io;
}
