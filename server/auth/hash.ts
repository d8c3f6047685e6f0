import { createHash, randomFillSync } from 'node:crypto';

/** Hex SHA-256 of a string: how tokens are stored (the token itself never is). */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

// Cryptographically random bytes, drawn from the system's generator 4 KiB at a time (as Node's own
// randomUUID does) instead of one call per id: the hot paths make several ids per request.
const pool = Buffer.alloc(4096);
let used = pool.length;
function take(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + n);
  used += n;
  return bytes;
}

/** A random id or secret of `bytes` random bytes, in URL-safe base64. */
export const randomId = (bytes: number): string => take(bytes).toString('base64url');

/** A random 32-bit unsigned integer (a seed for a shuffle, not a secret). */
export const randomUint32 = (): number => take(4).readUInt32LE(0);

// Crockford's base32 without the letters read as digits: what a person copies off a phone screen.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A recovery code of 10 characters as `XXXXX-XXXXX` (about 50 bits), for a person to write down. */
export function recoveryCode(): string {
  const bytes = take(10);
  let out = '';
  for (let i = 0; i < 10; i++) out += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length]!;
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** A typed recovery code as hashed: full-width forms folded, capitals, no spaces or dashes. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}
