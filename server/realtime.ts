import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { boardWatchSchema, clockPingSchema, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from '../shared/events.js';
import { errorMessage, pickLocale } from '../shared/i18n.js';
import type { QuizService } from './quiz.js';
import type { Logger } from 'pino';
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
  opts: { version: string; websocketOnly: boolean; now: () => number; adapter?: ServerOptions['adapter']; quiz: QuizService },
): Io {
  const io: Io = new Server(httpServer, {
    adapter: opts.adapter,
    transports: opts.websocketOnly ? ['websocket'] : ['polling', 'websocket'],
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // No connection-state recovery: every page re-joins on each connect and is sent the whole current
    // view, which also works after a restart or on another process. Recovery would route every
    // socket.emit through the adapter (with Redis: one stream entry per personal message, read by every
    // process) and keep two minutes of packets in memory.
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
    socket.on('board:watch', (payload, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = parseInput(boardWatchSchema, payload, socket.data.locale);
      if (!parsed.ok) return ack(parsed);
      const locale = socket.data.locale;
      (async () => {
        const campaign = await opts.quiz.campaign(parsed.data.campaignId);
        if (!campaign || campaign.status === 'draft') return ack({ ok: false, error: { code: 'quiz/campaign-not-found', message: errorMessage('quiz/campaign-not-found', locale) } });
        await socket.join(`board:${parsed.data.campaignId}`);
        ack({ ok: true, data: await opts.quiz.countyTable(parsed.data.campaignId) });
      })().catch(() => ack({ ok: false, error: { code: 'server/internal', message: errorMessage('server/internal', locale) } }));
    });
  });
  return io;
}

/**
 * Pushes each campaign's county table to its board room when submissions changed it, at most once per
 * `intervalMs`, so a burst of thousands of answers costs one query and one broadcast per second.
 */
export function startBoardBroadcasts(io: Io, quiz: QuizService, logger: Logger, intervalMs = 1000): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running || quiz.dirty.size === 0) return;
    running = true;
    const ids = [...quiz.dirty];
    quiz.dirty.clear();
    try {
      for (const campaignId of ids) {
        // Emitted even when no local socket watches: with Redis the watchers may sit on another process.
        io.to(`board:${campaignId}`).emit('board:update', { campaignId, counties: await quiz.countyTable(campaignId) });
      }
    } catch (err) {
      logger.error({ err }, 'board broadcast failed');
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
