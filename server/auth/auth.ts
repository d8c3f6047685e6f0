import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sha256 } from './hash.js';
import { sessions, users } from '../db/schema.js';

export const ROLES = ['admin', 'organizer', 'host'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The region the account works for (null: the whole deployment); see `server/auth/scope.ts`. */
  regionCode: string | null;
}

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which makes GPU guessing expensive.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keylen, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

/** A password good enough for a staff account: 10+ characters, not all one kind. */
export function passwordProblem(password: string): 'auth/password-weak' | null {
  if (password.length < 10) return 'auth/password-weak';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  return kinds >= 2 ? null : 'auth/password-weak';
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;


/** The cookie that carries a staff session's token. */
export const SESSION_COOKIE = 'sid';

/** Creates a session; returns the cookie token (never stored) and the CSRF token the client echoes. */
export async function createSession(db: Db, userId: string, now: number): Promise<{ token: string; csrfToken: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  await db.insert(sessions).values({ tokenHash: sha256(token), userId, csrfToken, createdAt: now, expiresAt });
  // Sweep expired sessions opportunistically: logins are rare, so this costs nothing.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  return { token, csrfToken, expiresAt };
}

/** Resolves a session cookie to its user and CSRF token, or null when missing, expired or disabled. */
export async function readSession(db: Db, token: string, now: number): Promise<{ user: SessionUser; csrfToken: string } | null> {
  const [row] = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, regionCode: users.regionCode, disabled: users.disabled, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now)));
  if (!row || row.disabled) return null;
  const { csrfToken, disabled: _disabled, ...user } = row;
  return { user, csrfToken };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export interface LoginLimits {
  /** Failures in the window for one address and account together. */
  perPair: number;
  /** Failures in the window for one account, from any address (bounds a spread-out guessing of one password). */
  perAccount: number;
  /** Failures in the window from one address, any account (bounds spraying many usernames). */
  perAddress: number;
  windowMs: number;
}

export const LOGIN_LIMITS: LoginLimits = { perPair: 5, perAccount: 20, perAddress: 30, windowMs: 15 * 60 * 1000 };

/** A login attempt admitted by `LoginLimiter.begin`, counted as a failure until `succeed` says otherwise. */
export interface LoginTicket {
  keys: string[];
  at: number;
}

/**
 * Counts login attempts per address and account, per account and per address in a sliding window. An
 * attempt is counted when it starts, before its password is hashed, so a burst of guesses sent at once
 * meets the limit after the first few instead of all reaching the hash. A success takes its own count back
 * and clears its address-and-account count. In memory: with several processes each keeps its own count,
 * which still bounds guessing to a small multiple.
 */
export class LoginLimiter {
  #attempts = new Map<string, number[]>();
  constructor(private readonly limits: LoginLimits = LOGIN_LIMITS) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#attempts.get(key) ?? []).filter((t) => t > now - this.limits.windowMs);
    if (list.length === 0) this.#attempts.delete(key);
    else this.#attempts.set(key, list);
    return list;
  }

  /** Admits an attempt and counts it, or says how many milliseconds until one is allowed. */
  begin(address: string, username: string, now: number): { ok: true; ticket: LoginTicket } | { ok: false; waitMs: number } {
    const account = username.normalize('NFKC').toLowerCase();
    const checks: [string, number][] = [
      [`p|${address}|${account}`, this.limits.perPair],
      [`u|${account}`, this.limits.perAccount],
      [`a|${address}`, this.limits.perAddress],
    ];
    let waitMs = 0;
    for (const [key, max] of checks) {
      const recent = this.#recent(key, now);
      if (recent.length >= max) waitMs = Math.max(waitMs, recent[recent.length - max]! + this.limits.windowMs - now);
    }
    if (waitMs > 0) return { ok: false, waitMs };
    for (const [key] of checks) {
      const list = this.#attempts.get(key) ?? [];
      list.push(now);
      this.#attempts.set(key, list);
    }
    // Bounded: the oldest keys go first when a flood of distinct names fills the map.
    while (this.#attempts.size > 100_000) this.#attempts.delete(this.#attempts.keys().next().value!);
    return { ok: true, ticket: { keys: checks.map(([k]) => k), at: now } };
  }

  /** The attempt was right: it no longer counts, nor do earlier failures of this address on this account. */
  succeed(ticket: LoginTicket): void {
    for (const key of ticket.keys.slice(1)) {
      const list = this.#attempts.get(key);
      const i = list?.indexOf(ticket.at) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
    }
    this.#attempts.delete(ticket.keys[0]!);
  }
}

/**
 * At most `max` password hashes at once, `queue` more waiting; past that a login is refused at once. Each
 * scrypt costs 32 MiB and tens of milliseconds of a core: a flood of logins must not take the CPU and
 * memory the players need.
 */
export class HashGate {
  #running = 0;
  #waiting: (() => void)[] = [];
  constructor(
    private readonly max = 2,
    private readonly queue = 16,
  ) {}

  /** Runs `fn` when a slot is free; null when the queue is full too. */
  async run<T>(fn: () => Promise<T>): Promise<T | null> {
    if (this.#running >= this.max) {
      if (this.#waiting.length >= this.queue) return null;
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#running++;
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}

/** Creates a staff account; returns its id. */
export async function createUser(db: Db, input: { username: string; displayName: string; role: Role; password: string; regionCode?: string | null }, now: number): Promise<string> {
  const id = randomBytes(9).toString('base64url');
  await db.insert(users).values({ id, username: input.username, displayName: input.displayName, role: input.role, regionCode: input.regionCode ?? null, passwordHash: await hashPassword(input.password), createdAt: now });
  return id;
}
