import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomId, sha256 } from '../auth/hash.js';

const NONCE_CHARS = 16; // 12 random bytes
const MAC_BYTES = 16; // 22 characters of base64url

/**
 * Team and judge device links, signed with a secret kept outside the database. The link's token is a random
 * nonce followed by an HMAC of (contest, kind, subject, nonce); the database keeps only `n:<nonce>`, so a copy
 * of it opens no device, while the setup page can still show the link (it is rebuilt from the nonce and the
 * secret). Links issued before signing kept their token in plain text: those rows are rewritten to
 * `p:<sha256>` at start-up (`legacyKey`), keep working, and can no longer be shown.
 */
export class DeviceLinks {
  readonly #key: Buffer;

  constructor(secret: string) {
    // A key of its own, derived from the server's secret, so a link's MAC says nothing about the phone hashes.
    this.#key = createHmac('sha256', secret).update('contest-device-links').digest();
  }

  #mac(contestId: string, kind: string, subjectId: string, nonce: string): string {
    return createHmac('sha256', this.#key).update(`${contestId}\n${kind}\n${subjectId}\n${nonce}`).digest().subarray(0, MAC_BYTES).toString('base64url');
  }

  /** A new link: the token to hand out, and what the database keeps. */
  issue(contestId: string, kind: 'team' | 'judge', subjectId: string): { token: string; stored: string } {
    const nonce = randomId(12);
    return { token: nonce + this.#mac(contestId, kind, subjectId, nonce), stored: `n:${nonce}` };
  }

  /** The token of a stored link, or null for a legacy row (only its hash is kept). */
  rebuild(contestId: string, kind: 'team' | 'judge', subjectId: string, stored: string): string | null {
    if (!stored.startsWith('n:')) return null;
    const nonce = stored.slice(2);
    return nonce + this.#mac(contestId, kind, subjectId, nonce);
  }

  /** The stored key to look a presented token up by. */
  lookupKey(token: string): string {
    return token.length === NONCE_CHARS + 22 ? `n:${token.slice(0, NONCE_CHARS)}` : legacyKey(token);
  }

  /** Whether a presented token is the link of the row found by `lookupKey`. */
  verify(contestId: string, kind: 'team' | 'judge', subjectId: string, stored: string, token: string): boolean {
    if (stored.startsWith('p:')) return true; // found by the hash of the whole token
    const expected = this.rebuild(contestId, kind, subjectId, stored);
    return expected !== null && expected.length === token.length && timingSafeEqual(Buffer.from(expected), Buffer.from(token));
  }
}

/** How a link issued before signing is kept: the SHA-256 of its token. */
export const legacyKey = (token: string): string => `p:${sha256(token)}`;
