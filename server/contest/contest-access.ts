import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ContestDraftParsed } from '../../shared/contest/draft.js';
import { sha256 } from '../auth/hash.js';
import { type Database, type Db, readSelect } from '../db/client.js';
import { contests, contestTokens, regions } from '../db/schema.js';
import type { Writer } from '../db/writer.js';
import type { DeviceLinks } from './device-links.js';

export const newToken = () => randomBytes(24).toString('base64url');

/** How long a process keeps a contest's county list before reading it again (another process may have edited the draft). */
const COUNTIES_KEPT_MS = 10_000;

type County = { code: string; name: string };

/**
 * Who joins a contest as whom: the contest a PIN opens, team and judge device links, audience tokens (and the
 * first join's key, so a retried join finds its member), and the counties an audience picks from.
 *
 * These are the reads every (re)joining device makes. After a restart thousands of phones re-join within
 * seconds, and drizzle's building and the client's preparing of each statement were most of a join's cost:
 * they are prepared once here (`readSelect`), and a contest's county list is kept a few seconds.
 */
export class ContestAccess {
  readonly #db: Db;
  readonly #reads: ReturnType<typeof joinReads>;
  #counties = new Map<string, { at: number; list: Promise<County[]> }>();

  constructor(
    database: Database,
    private readonly writer: Writer,
    private readonly now: () => number,
    private readonly links: DeviceLinks,
  ) {
    this.#db = database.db;
    this.#reads = joinReads(database);
  }

  async byPin(pin: string) {
    const [row] = await this.#reads.byPin({ pin });
    return row ?? null;
  }

  /** The counties an audience can pick: those of the draft's region. */
  counties(id: string): Promise<County[]> {
    const kept = this.#counties.get(id);
    if (kept && this.now() - kept.at < COUNTIES_KEPT_MS) return kept.list;
    const list = this.#readCounties(id);
    this.#counties.set(id, { at: this.now(), list });
    list.catch(() => this.#counties.delete(id));
    return list;
  }

  /** Called when this process changed a contest's draft: its county list is read again. */
  forget(id: string) {
    this.#counties.delete(id);
  }

  async #readCounties(id: string): Promise<County[]> {
    const [row] = await this.#db.select({ settings: contests.settings }).from(contests).where(eq(contests.id, id));
    const region = (row?.settings as ContestDraftParsed | undefined)?.regionCode;
    return region ? this.#reads.countiesOf({ region }) : [];
  }

  /** A team or judge link's token, or an audience member's: the subject it stands for, if it is valid. */
  async resolveToken(contestId: string, kind: 'team' | 'judge' | 'audience', token: string): Promise<string | null> {
    if (kind === 'audience') {
      const [row] = await this.#reads.token({ token: `h:${sha256(token)}`, contestId, kind });
      return row?.subjectId ?? null;
    }
    const stored = this.links.lookupKey(token);
    const [row] = await this.#reads.token({ token: stored, contestId, kind });
    return row && this.links.verify(contestId, kind, row.subjectId, stored, token) ? row.subjectId : null;
  }

  /** Issues an audience token for a member (and records the first join's key, so a retry finds the member). */
  async rememberAudience(contestId: string, memberId: string, joinKey?: string): Promise<string> {
    const token = newToken();
    const insert = "INSERT OR IGNORE INTO contest_tokens (token, contest_id, kind, subject_id, created_at) VALUES (?, ?, 'audience', ?, ?)";
    await this.writer.write([
      { sql: insert, args: [`h:${sha256(token)}`, contestId, memberId, this.now()] },
      ...(joinKey ? [{ sql: insert, args: [joinKeyToken(contestId, joinKey), contestId, memberId, this.now()] }] : []),
    ]);
    return token;
  }

  /** The member an earlier first join with this key created, if any. */
  async memberByJoinKey(contestId: string, joinKey: string): Promise<string | null> {
    const [row] = await this.#reads.joinKey({ token: joinKeyToken(contestId, joinKey), contestId });
    return row?.subjectId ?? null;
  }
}

/**
 * A first join's key as stored: hashed with its contest, so a phone (or a client) using one key in two contests
 * is two members, each found again by a retried join in its own contest (the token column is unique across contests).
 */
function joinKeyToken(contestId: string, joinKey: string): string {
  return `k:${sha256(`${contestId}:${joinKey}`)}`;
}

function joinReads(database: Database) {
  const p = (name: string) => sql.placeholder(name);
  return {
    byPin: readSelect(database, { id: contests.id, title: contests.title, status: contests.status, regionCode: contests.regionCode }, (s) =>
      database.db.select(s).from(contests).where(eq(contests.pin, p('pin'))),
    ),
    token: readSelect(database, { subjectId: contestTokens.subjectId }, (s) =>
      database.db.select(s).from(contestTokens).where(and(eq(contestTokens.token, p('token')), eq(contestTokens.contestId, p('contestId')), eq(contestTokens.kind, p('kind')))),
    ),
    joinKey: readSelect(database, { subjectId: contestTokens.subjectId }, (s) =>
      database.db.select(s).from(contestTokens).where(and(eq(contestTokens.token, p('token')), eq(contestTokens.contestId, p('contestId')))),
    ),
    countiesOf: readSelect(database, { code: regions.code, name: regions.name }, (s) =>
      database.db.select(s).from(regions).where(eq(regions.parentCode, p('region'))).orderBy(asc(regions.code)),
    ),
  };
}
