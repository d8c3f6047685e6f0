import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { boardWatchSchema, clockPingSchema, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from '../../shared/protocol/events.js';
import { errorMessage, pickLocale } from '../../shared/i18n/messages.js';
import type { QuizService } from '../quiz/quiz.js';
import type { Logger } from 'pino';
import { parseInput } from '../../shared/protocol/validate.js';
import { clientAddress, NO_PROXY, type TrustProxy } from '../http/proxy.js';
import { limiter, RateLimiter } from '../http/rate-limit.js';

export type Io = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket payloads are small; anything bigger is refused by the transport before it is parsed. */
export const MAX_SOCKET_PAYLOAD = 16 * 1024;

/**
 * Attaches Socket.IO to the HTTP server. Every handler validates its payload, answers through the
 * acknowledgement, and treats a missing acknowledgement callback as a client bug it can ignore.
 */
export function attachRealtime(
  httpServer: HttpServer,
  opts: {
    version: string;
    websocketOnly: boolean;
    now: () => number;
    adapter?: ServerOptions['adapter'];
    quiz: QuizService;
    boards?: BoardCache;
    trustProxy?: TrustProxy;
    /** New connections and board watches per second per address (ten seconds' burst); 0 = off. */
    ratePerIp?: number;
    /** Connections open at once per address; 0 = off. */
    socketsPerIp?: number;
  },
): Io {
  const boards = opts.boards ?? new BoardCache(opts.quiz, opts.now);
  const trust = opts.trustProxy ?? NO_PROXY;
  const connectsPerIp = limiter(opts.ratePerIp ?? 0, 10, opts.now);
  const watchesPerIp = limiter(opts.ratePerIp ?? 0, 10, opts.now);
  const open = new Map<string, number>();
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
  // Per address as well as per connection: a limit per connection alone multiplies with connections.
  io.use((socket, next) => {
    const address = clientAddress(trust, socket.handshake.address, socket.handshake.headers['x-forwarded-for'] as string | undefined);
    const count = open.get(address) ?? 0;
    if ((opts.socketsPerIp && count >= opts.socketsPerIp) || !connectsPerIp.take(address)) return next(new Error('rate/limited'));
    socket.data.address = address;
    open.set(address, count + 1);
    socket.once('disconnect', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    next();
  });
  io.on('connection', (socket) => {
    const watches = new RateLimiter(5, 1, opts.now);
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
      const locale = socket.data.locale;
      if (!watches.take('watch') || !watchesPerIp.take(socket.data.address ?? socket.handshake.address)) return ack({ ok: false, error: { code: 'rate/limited', message: errorMessage('rate/limited', locale) } });
      const parsed = parseInput(boardWatchSchema, payload, socket.data.locale);
      if (!parsed.ok) return ack(parsed);
      (async () => {
        const campaign = await opts.quiz.campaign(parsed.data.campaignId);
        if (!campaign || campaign.status === 'draft') return ack({ ok: false, error: { code: 'quiz/campaign-not-found', message: errorMessage('quiz/campaign-not-found', locale) } });
        await socket.join(`board:${parsed.data.campaignId}`);
        ack({ ok: true, data: await boards.table(parsed.data.campaignId) });
      })().catch(() => ack({ ok: false, error: { code: 'server/internal', message: errorMessage('server/internal', locale) } }));
    });
  });
  return io;
}

/**
 * Pushes each campaign's county table to its board room when submissions changed it, at most once per
 * `intervalMs`, so a burst of thousands of answers costs one query and one broadcast per second.
 */
export function startBoardBroadcasts(io: Io, quiz: QuizService, logger: Logger, intervalMs = 1000, boards?: BoardCache): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running || quiz.dirty.size === 0) return;
    running = true;
    const ids = [...quiz.dirty];
    quiz.dirty.clear();
    try {
      for (const campaignId of ids) {
        // Emitted even when no local socket watches: with Redis the watchers may sit on another process.
        const counties = await quiz.boardTable(campaignId);
        boards?.set(campaignId, counties);
        io.to(`board:${campaignId}`).emit('board:update', { campaignId, counties });
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

type CountyTable = Awaited<ReturnType<QuizService['boardTable']>>;

/**
 * The county tables boards are served from: one query per campaign per `ttlMs` however many watchers arrive
 * (each watch used to run its own), refreshed by the broadcaster whenever submissions move the numbers.
 * Bounded: at most `max` campaigns kept, the least recently refreshed dropped first.
 */
export class BoardCache {
  #tables = new Map<string, { at: number; table: Promise<CountyTable> }>();
  constructor(
    private readonly quiz: Pick<QuizService, 'boardTable'>,
    private readonly now: () => number,
    private readonly ttlMs = 1000,
    private readonly max = 1000,
  ) {}

  table(campaignId: string): Promise<CountyTable> {
    const hit = this.#tables.get(campaignId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.table;
    const table = this.quiz.boardTable(campaignId);
    this.#put(campaignId, table);
    table.catch(() => this.#tables.delete(campaignId));
    return table;
  }

  set(campaignId: string, table: CountyTable): void {
    this.#put(campaignId, Promise.resolve(table));
  }

  #put(campaignId: string, table: Promise<CountyTable>) {
    this.#tables.delete(campaignId);
    this.#tables.set(campaignId, { at: this.now(), table });
    while (this.#tables.size > this.max) this.#tables.delete(this.#tables.keys().next().value!);
  }
}
