import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import type { Database } from './db/client.js';
import { errorResponse, requestHost, requestLocale, type AppEnv } from './http/http.js';
import { NO_PROXY, type TrustProxy } from './http/proxy.js';
import { healthRoutes, type Readiness } from './http/routes/health.js';
import { storageFailure } from './db/health.js';
import type { Overload } from './http/overload.js';
import { firstData, PageShell } from './http/first-load.js';
import type { FirstData } from '../shared/protocol/first-data.js';
import { createAudit } from './auth/audit.js';
import { adminCheck, authRoutes } from './http/routes/auth.js';
import { bankRoutes, MAX_IMPORT_BYTES } from './http/routes/bank.js';
import { briefingRoutes } from './http/routes/briefings.js';
import { campaignRoutes } from './http/routes/campaigns.js';
import { contestRoutes, contestTeamRoutes } from './http/routes/contests.js';
import type { ContestService } from './contest/contests.js';
import { quizRoutes } from './http/routes/quiz.js';
import type { QuizService } from './quiz/quiz.js';
import { Writer } from './db/writer.js';
import { limiter } from './http/rate-limit.js';
import { publicRoutes } from './http/routes/public.js';
import { userRoutes } from './http/routes/users.js';
import { regionRoutes } from './http/routes/regions.js';
import { guideLinkRoutes, guidePageRoutes, guideRoutes } from './http/routes/guides.js';
import { DailyService } from './quiz/daily.js';
import { dailyReadRoutes, dailyRoutes } from './http/routes/daily.js';

export interface AppDeps {
  database: Database;
  version: string;
  clientDir: string;
  startedAt: number;
  now: () => number;
  logger: Logger;
  quiz: QuizService;
  contests: ContestService;
  writer?: Writer;
  publicUrl?: string;
  /** Requests per second per IP on the public hot paths; 0 = off. */
  ratePerIp?: number;
  /** The write probe behind `/api/health/ready` (and shutdown's "not ready"). */
  readiness?: Readiness;
  /** Load shedding of new writes (503 + Retry-After) while the event loop or the writer falls behind. */
  overload?: Overload;
  /** New quiz participants per minute per address; 0 = off. */
  newParticipantsPerIp?: number;
  /** The proxies in front whose X-Forwarded-* headers count (`TRUST_PROXY`). */
  trustProxy?: TrustProxy;
}

/** Request bodies above this are refused before they are read (imports use their own, larger limit). */
export const MAX_JSON_BODY = 256 * 1024;

/** Builds the API routes; exported separately so the `hc` client type covers exactly the API. */
export function apiRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const audit = createAudit(deps.writer ?? new Writer(deps.database.client), deps.now);
  const daily = new DailyService(db, deps.quiz, deps.now);
  return new Hono<AppEnv>()
    .route('/health', healthRoutes(deps.database, deps.version, deps.startedAt, deps.writer, deps.readiness, adminCheck(db, deps.now)))
    .route('/auth', authRoutes(db, deps.now, audit, deps.logger))
    .route('/users', userRoutes(db, deps.now, audit))
    .route('/bank', bankRoutes(db, deps.now, audit, deps.writer))
    // Ahead of the campaign routes: its route checks role and scope itself and answers before their middleware runs.
    .route('/campaigns', dailyReadRoutes(db, daily, deps.now))
    .route('/campaigns', campaignRoutes(db, deps.quiz, deps.now, audit, deps.publicUrl))
    .route('/briefings', briefingRoutes(db, deps.quiz, deps.now, audit))
    .route(
      '/quiz',
      quizRoutes(db, deps.quiz, deps.now, deps.publicUrl, limiter(deps.ratePerIp ?? 0, 10, deps.now), {
        // Per minute, with two minutes' burst: a hall scanning the code at once stays within it, a harvesting script does not.
        perIp: limiter((deps.newParticipantsPerIp ?? 0) / 60, 120, deps.now),
        perDevice: limiter(5 / 600, 600, deps.now),
      }),
    )
    .route('/quiz', dailyRoutes(daily, limiter(deps.ratePerIp ?? 0, 10, deps.now)))
    .route('/contests', contestRoutes(db, deps.contests, deps.now, audit, deps.publicUrl))
    .route('/contest-teams', contestTeamRoutes(db, deps.quiz, deps.now))
    .route('/regions', regionRoutes(deps.database.db))
    .route('/guides', guideRoutes(db, deps.quiz, deps.now, audit, deps.publicUrl))
    .route('/guide-links', guideLinkRoutes(db, deps.publicUrl))
    .route('/guide-page', guidePageRoutes(db, deps.now, deps.publicUrl))
    .route('/', publicRoutes(db, deps.now));
}
/** The API's routes, requests and answers: the type the client's `hc` calls are checked against. */
export type AppType = ReturnType<typeof apiRoutes>;

/**
 * The whole HTTP app: security headers, locale, `/api`, and the built Solid client for every other
 * path (index.html for client-side routes).
 */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const trustProxy = deps.trustProxy ?? NO_PROXY;
  app.use('*', async (c, next) => {
    c.set('locale', requestLocale(c));
    c.set('trustProxy', trustProxy);
    await next();
  });
  // The full set of security headers guards documents (CSP, framing); JSON answers only need nosniff,
  // and skipping the rest keeps the hot API responses cheap.
  const documentHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      // 'self' covers the page's own ws:/wss: origin (CSP Level 3); any other host is refused.
      connectSrc: ["'self'"],
      scriptSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'self'"],
    },
    crossOriginEmbedderPolicy: false,
  });
  // Set before the handler runs, so the adapter can still send the handler's response as it is (reading
  // or changing a finished response's headers turns it into a full web Response with a body stream).
  app.use('*', async (c, next) => {
    if (!c.req.path.startsWith('/api/')) return documentHeaders(c, next);
    c.header('X-Content-Type-Options', 'nosniff');
    // API answers carry session and participant tokens, recovery codes, device links and personal data:
    // never kept by a browser or a proxy cache (a route that may be cached, like the QR code, says so).
    c.header('Cache-Control', 'no-store');
    await next();
  });
  // Likewise, only a client that takes a compressed answer gets its response looked at by `compress`.
  const compression = compress();
  app.use('*', (c, next) => (c.req.header('accept-encoding') ? compression(c, next) : next()));
  // Body size: a declared Content-Length is checked up front (Node's parser never reads past it), which
  // keeps the hot JSON routes on the adapter's fast body path; only chunked bodies get the streaming check.
  const limit = (maxSize: number) => {
    const streaming = bodyLimit({ maxSize, onError: (c) => errorResponse(c as never, 413, 'input/too-large') });
    return async (c: Context<AppEnv>, next: Next): Promise<Response | void> => {
      const declared = c.req.header('content-length');
      if (declared !== undefined) {
        if (Number(declared) > maxSize) return errorResponse(c, 413, 'input/too-large');
        return next();
      }
      if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
      return streaming(c, next);
    };
  };
  const jsonLimit = limit(MAX_JSON_BODY);
  const importLimit = limit(MAX_IMPORT_BYTES);
  app.use('/api/*', (c, next) => (c.req.path === '/api/bank/import' || c.req.path === '/api/contest-teams/import' || c.req.path === '/api/guides/import' ? importLimit(c, next) : jsonLimit(c, next)));
  // Browsers send Origin on every POST: refuse cross-site ones outright, before the CSRF token check
  // (hono/csrf: the kinds of body a page on another site can send without a preflight). Hosts are
  // compared, not whole origins, so a TLS-terminating proxy in front does not break this; a request
  // without Origin (not from a browser) is left to the session's CSRF token.
  const originCheck = csrf({
    origin: (origin, c) => {
      try {
        return new URL(origin).host === requestHost(c);
      } catch {
        return false; // "null" or garbage: foreign
      }
    },
  });
  app.use('/api/*', async (c, next) => {
    if (!c.req.header('origin')) return next();
    let allowed = false;
    try {
      await originCheck(c, async () => {
        allowed = true;
      });
    } catch (err) {
      if (!(err instanceof HTTPException)) throw err;
    }
    if (!allowed) return errorResponse(c, 403, 'auth/csrf');
    await next();
  });
  if (deps.overload) app.use('/api/*', deps.overload.middleware());
  app.route('/api', apiRoutes(deps));
  app.all('/api/*', (c) => errorResponse(c, 404, 'route/not-found'));

  const shell = PageShell.load(deps.clientDir);
  const root = path.relative(process.cwd(), deps.clientDir) || '.';
  app.use('/assets/*', async (c, next) => {
    await next();
    // Vite puts a content hash in every asset name, so they can be cached forever.
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  // Scripts and stylesheets go out as the build compressed them (Brotli or gzip, see vite.config.ts).
  app.use('*', serveStatic({ root, precompressed: true }));
  app.get('*', async (c) => {
    if (!shell) return c.text('Client not built: run `npm run build`.', 503);
    c.header('Cache-Control', 'no-cache');
    let data: FirstData | undefined;
    try {
      data = await firstData(c.req.path, deps, c.get('locale'));
    } catch (err) {
      // The page asks the API itself when its first data is missing: serve it anyway.
      deps.logger.warn({ err, path: c.req.path }, 'first data of a page failed');
    }
    return c.html(shell.render(c.req.path, data));
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 400) return errorResponse(c, 400, 'input/malformed-json');
    if (err instanceof HTTPException) return err.getResponse();
    // A full disk, a read-only or locked file, a failing disk: said as such (503, retry later), never as "internal error".
    const failure = storageFailure(err);
    if (failure) {
      deps.logger.error({ err, path: c.req.path, failure }, 'database write failed');
      c.header('Retry-After', '10');
      return errorResponse(c, 503, failure);
    }
    deps.logger.error({ err, path: c.req.path }, 'unhandled error');
    return errorResponse(c, 500, 'server/internal');
  });
  return app;
}
