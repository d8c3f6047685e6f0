import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { sha256 } from './hash.js';
import { sessions, users } from './db/schema.js';

export const ROLES = ['admin', 'organizer', 'host'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
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
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, disabled: users.disabled, csrfToken: sessions.csrfToken })
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

/**
 * Counts failed logins per key (IP + username) in a sliding window. In memory: with several
 * processes each keeps its own count, which still bounds guessing to a small multiple.
 */
export class LoginLimiter {
  #failures = new Map<string, number[]>();
  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0. */
  retryAfter(key: string, now: number): number {
    const recent = (this.#failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, recent);
    return recent.length >= this.max ? recent[0]! + this.windowMs - now : 0;
  }

  fail(key: string, now: number): void {
    const list = this.#failures.get(key) ?? [];
    list.push(now);
    this.#failures.set(key, list);
    if (this.#failures.size > 100_000) this.#failures.delete(this.#failures.keys().next().value!);
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }
}

/** Creates a staff account; returns its id. */
export async function createUser(db: Db, input: { username: string; displayName: string; role: Role; password: string }, now: number): Promise<string> {
  const id = randomBytes(9).toString('base64url');
  await db.insert(users).values({ id, username: input.username, displayName: input.displayName, role: input.role, passwordHash: await hashPassword(input.password), createdAt: now });
  return id;
}
