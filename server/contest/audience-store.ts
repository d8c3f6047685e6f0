import type { createClient } from 'redis';
import type { OpeningStats } from '../../shared/contest/index.js';
import { emptyStats } from '../../shared/contest/audience-ledger.js';

type RedisClient = ReturnType<typeof createClient<{}, {}, {}, 3>>;

/** A member as the shared tally keeps it. */
export interface TallyMember {
  memberId: string;
  nickname: string;
  county: string | null;
}
/** An answer as counted (at acceptance) and scored (at the reveal). */
export interface TallyAnswer {
  memberId: string;
  options: number[];
  correct: boolean;
  points: number;
  county: string | null;
}

/**
 * A contest's audience tally shared by every process, in Redis: members (a hash), participants per
 * county (a hash), each question opening's counters (a hash: answers, right answers, per option, per
 * county) and the leaderboard (a sorted set). Every write is a script that takes a batch and counts each
 * member at most once per opening (a set of who was counted), so a batch sent twice, or the same answers
 * sent again from the database after a process died, never counts anything twice.
 */
export interface AudienceStore {
  join(contestId: string, members: readonly TallyMember[]): Promise<void>;
  /** Counts answers into their opening's counters (at acceptance, in batches). */
  count(contestId: string, openingId: number, optionCount: number, answers: readonly TallyAnswer[]): Promise<void>;
  /** Adds the answers' points to the leaderboard (at the reveal). */
  score(contestId: string, openingId: number, answers: readonly TallyAnswer[]): Promise<void>;
  /** Members counted and scored for an opening, and members known (to compare with the database). */
  progress(contestId: string, openingId: number): Promise<{ counted: number; scored: number; members: number }>;
  /** Openings' counters, the joined count and participants per county. */
  read(contestId: string, openingIds: readonly number[]): Promise<{ stats: Map<number, OpeningStats>; joined: number; participants: Record<string, number> }>;
  /**
   * The leaderboard: its top `size` (member, sorted-set value, nickname, county), how many are ranked, and for
   * each of `scores` how many members score more.
   */
  board(contestId: string, size: number, aboveValues: ReadonlyMap<number, number>): Promise<{ top: { memberId: string; value: number; nickname: string; county: string | null }[]; ranked: number; above: Map<number, number> }>;
  /** Forgets a contest's tally (a rehearsal reset). */
  clear(contestId: string): Promise<void>;
  /** Commands sent to Redis by this store since start (scripts and reads), for the benchmark's count. */
  readonly sent: number;
}

/** Kept a week after the last write: long enough for any contest day, gone by itself afterwards. */
const TTL_MS = String(7 * 24 * 3600 * 1000);

const JOIN = `
for i = 2, #ARGV, 3 do
  if redis.call('hsetnx', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    if ARGV[i + 2] ~= '' then redis.call('hincrby', KEYS[2], ARGV[i + 2], 1) end
    redis.call('zadd', KEYS[3], 'NX', 0, ARGV[i])
  end
end
for k = 1, 3 do redis.call('pexpire', KEYS[k], ARGV[1]) end
return 1`;

const COUNT = `
redis.call('hset', KEYS[2], 'len', ARGV[2])
for i = 3, #ARGV, 4 do
  if redis.call('sadd', KEYS[1], ARGV[i]) == 1 then
    redis.call('hincrby', KEYS[2], 'n', 1)
    local right = ARGV[i + 1] == '1'
    if right then redis.call('hincrby', KEYS[2], 'k', 1) end
    for opt in string.gmatch(ARGV[i + 3], '[^,]+') do redis.call('hincrby', KEYS[2], 'o' .. opt, 1) end
    if ARGV[i + 2] ~= '' then
      redis.call('hincrby', KEYS[2], 'a:' .. ARGV[i + 2], 1)
      if right then redis.call('hincrby', KEYS[2], 'c:' .. ARGV[i + 2], 1) end
    end
  end
end
for k = 1, 2 do redis.call('pexpire', KEYS[k], ARGV[1]) end
return 1`;

const SCORE = `
for i = 2, #ARGV, 2 do
  if redis.call('sadd', KEYS[1], ARGV[i]) == 1 and ARGV[i + 1] ~= '0' then
    redis.call('zincrby', KEYS[2], ARGV[i + 1], ARGV[i])
  end
end
for k = 1, 2 do redis.call('pexpire', KEYS[k], ARGV[1]) end
return 1`;

/** Scripts take at most this many members per call, so one call never holds Redis for long. */
const CHUNK = 2000;

export class RedisAudienceStore implements AudienceStore {
  sent = 0;
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  #key(contestId: string, part: string) {
    return `${this.prefix}:aud:${contestId}:${part}`;
  }

  async #eval(script: string, keys: string[], head: string[], items: readonly string[][]) {
    for (let i = 0; i < items.length; i += CHUNK) {
      this.sent++;
      await this.redis.eval(script, { keys, arguments: [...head, ...items.slice(i, i + CHUNK).flat()] });
    }
  }

  async join(contestId: string, members: readonly TallyMember[]) {
    if (!members.length) return;
    const items = members.map((m) => [m.memberId, JSON.stringify([m.nickname, m.county]), m.county ?? '']);
    await this.#eval(JOIN, [this.#key(contestId, 'm'), this.#key(contestId, 'p'), this.#key(contestId, 'lb')], [TTL_MS], items);
  }

  async count(contestId: string, openingId: number, optionCount: number, answers: readonly TallyAnswer[]) {
    if (!answers.length) return;
    const items = answers.map((a) => [a.memberId, a.correct ? '1' : '0', a.county ?? '', a.options.join(',')]);
    await this.#eval(COUNT, [this.#key(contestId, `a:${openingId}`), this.#key(contestId, `o:${openingId}`)], [TTL_MS, String(optionCount)], items);
  }

  async score(contestId: string, openingId: number, answers: readonly TallyAnswer[]) {
    if (!answers.length) return;
    const items = answers.map((a) => [a.memberId, String(a.points * 10_000 + (a.correct ? 1 : 0))]);
    await this.#eval(SCORE, [this.#key(contestId, `s:${openingId}`), this.#key(contestId, 'lb')], [TTL_MS], items);
  }

  async progress(contestId: string, openingId: number) {
    this.sent++;
    const m = this.redis.multi();
    m.sCard(this.#key(contestId, `a:${openingId}`));
    m.sCard(this.#key(contestId, `s:${openingId}`));
    m.hLen(this.#key(contestId, 'm'));
    const [counted, scored, members] = (await m.exec()) as unknown as number[];
    return { counted: Number(counted), scored: Number(scored), members: Number(members) };
  }

  async read(contestId: string, openingIds: readonly number[]) {
    this.sent++;
    const m = this.redis.multi();
    m.hLen(this.#key(contestId, 'm'));
    m.hGetAll(this.#key(contestId, 'p'));
    for (const o of openingIds) m.hGetAll(this.#key(contestId, `o:${o}`));
    const [joined, participants, ...hashes] = (await m.exec()) as unknown as [number, Record<string, string>, ...Record<string, string>[]];
    const stats = new Map<number, OpeningStats>();
    hashes.forEach((h, i) => {
      if (!h || !h.len) return;
      stats.set(openingIds[i]!, parseStats(h));
    });
    return { stats, joined: Number(joined), participants: Object.fromEntries(Object.entries(participants ?? {}).map(([k, v]) => [k, Number(v)])) };
  }

  async board(contestId: string, size: number, aboveValues: ReadonlyMap<number, number>) {
    this.sent++;
    const lb = this.#key(contestId, 'lb');
    const scores = [...aboveValues.keys()];
    const m = this.redis.multi();
    m.zRangeWithScores(lb, 0, size - 1, { REV: true });
    m.zCard(lb);
    for (const s of scores) m.zCount(lb, aboveValues.get(s)!, '+inf');
    const [top, ranked, ...counts] = (await m.exec()) as unknown as [{ value: string; score: number }[], number, ...number[]];
    const above = new Map(scores.map((s, i) => [s, Number(counts[i])]));
    if (!top.length) return { top: [], ranked: Number(ranked), above };
    this.sent++;
    const who = await this.redis.hmGet(this.#key(contestId, 'm'), top.map((t) => t.value));
    return {
      top: top.map((t, i) => {
        const [nickname, county] = who[i] ? (JSON.parse(who[i]) as [string, string | null]) : ['', null];
        return { memberId: t.value, value: t.score, nickname, county };
      }),
      ranked: Number(ranked),
      above,
    };
  }

  async clear(contestId: string) {
    const keys: string[] = [];
    for await (const batch of this.redis.scanIterator({ MATCH: this.#key(contestId, '*'), COUNT: 500 })) keys.push(...batch);
    if (keys.length) await this.redis.del(keys);
  }
}

/** An opening's counters as the COUNT script keeps them. */
export function parseStats(h: Record<string, string>): OpeningStats {
  const stats = emptyStats(Number(h.len ?? 0));
  for (const [field, value] of Object.entries(h)) {
    const n = Number(value);
    if (field === 'n') stats.answers = n;
    else if (field === 'k') stats.correct = n;
    else if (/^o\d+$/.test(field)) stats.optionCounts[Number(field.slice(1))] = n;
    else if (field.startsWith('a:') || field.startsWith('c:')) {
      const county = field.slice(2);
      const c = Object.hasOwn(stats.byCounty, county) ? stats.byCounty[county]! : (stats.byCounty[county] = { answers: 0, correct: 0 });
      if (field[0] === 'a') c.answers = n;
      else c.correct = n;
    }
  }
  return stats;
}
