/**
 * Audience answers taken by whichever process a phone is connected to, outside the contest log: checked
 * against that process's replica by the engine's own rules, recorded once durable, and the per-process
 * counters merged. Pure: no I/O, the time is passed in.
 */
import { reduce } from './engine.js';
import { buildBoard, memberScore, openingSets } from './scoring.js';
import type { AudienceAnswer, AudienceBoard, AudienceMember, AudienceState, BoardEntry, ContestError, ContestState, OpeningStats } from './types.js';

export type CheckedAnswer = { ok: true; answer: AudienceAnswer; optionCount: number; county: string | null } | { ok: false; error: ContestError };

/**
 * Whether `memberId` may give this answer now, and what it is worth: the engine's `audience:answer` rules
 * (phase, opening, deadline by the server clock, one answer per opening, valid options) run on a shadow of
 * the audience, so the replica itself is not touched until the answer is durable.
 */
export function checkAnswer(state: ContestState, memberId: string, command: unknown, now: number): CheckedAnswer {
  const member = Object.hasOwn(state.audience.members, memberId) ? state.audience.members[memberId]! : undefined;
  if (!member) return { ok: false, error: { code: 'contest/not-joined' } };
  const shadowMember: AudienceMember = { ...member, answers: member.answers.slice(-1) };
  const shadow: ContestState = { ...state, audience: { members: { [memberId]: shadowMember }, count: 0, participants: {}, stats: {} } };
  const r = reduce(shadow, command, { now, actor: member.county ? { role: 'audience', memberId, county: member.county } : { role: 'audience', memberId } });
  if (!r.ok) return r;
  const answer = shadowMember.answers.at(-1)!;
  return { ok: true, answer, optionCount: shadow.audience.stats[answer.openingId]!.optionCounts.length, county: member.county };
}

export function emptyStats(optionCount: number): OpeningStats {
  return { answers: 0, correct: 0, optionCounts: new Array<number>(optionCount).fill(0), byCounty: {} };
}

/** Adds one answer to an opening's counters. */
export function countAnswer(stats: OpeningStats, answer: Pick<AudienceAnswer, 'options' | 'correct'>, county: string | null): void {
  stats.answers++;
  if (answer.correct) stats.correct++;
  for (const i of answer.options) stats.optionCounts[i] = (stats.optionCounts[i] ?? 0) + 1;
  if (county !== null) {
    const c = Object.hasOwn(stats.byCounty, county) ? stats.byCounty[county]! : (stats.byCounty[county] = { answers: 0, correct: 0 });
    c.answers++;
    if (answer.correct) c.correct++;
  }
}

/**
 * Records a durable answer in the audience: onto the member's answers (kept in opening order) and, when
 * `count` (the audience's counters are this process's own, not merged from elsewhere), into its opening's counters.
 */
export function recordAnswer(audience: AudienceState, member: AudienceMember, answer: AudienceAnswer, optionCount: number, count: boolean): void {
  const at = member.answers.findIndex((a) => a.openingId >= answer.openingId);
  if (at >= 0 && member.answers[at]!.openingId === answer.openingId) return;
  if (at < 0) member.answers.push(answer);
  else member.answers.splice(at, 0, answer);
  if (count) countAnswer((audience.stats[answer.openingId] ??= emptyStats(optionCount)), answer, member.county);
}

/** Sums openings' counters (from several processes); the option list is as long as the longest. */
export function mergeStats(parts: readonly OpeningStats[]): OpeningStats {
  const out = emptyStats(Math.max(0, ...parts.map((p) => p.optionCounts.length)));
  for (const p of parts) {
    out.answers += p.answers;
    out.correct += p.correct;
    p.optionCounts.forEach((n, i) => (out.optionCounts[i]! += n));
    for (const [county, c] of Object.entries(p.byCounty)) {
      const o = Object.hasOwn(out.byCounty, county) ? out.byCounty[county]! : (out.byCounty[county] = { answers: 0, correct: 0 });
      o.answers += c.answers;
      o.correct += c.correct;
    }
  }
  return out;
}

export interface StoredMember {
  memberId: string;
  nickname: string;
  county: string | null;
  joinedAt: number;
}
export interface StoredAnswer {
  memberId: string;
  openingId: number;
  options: number[];
  at: number;
  correct: boolean;
  points: number;
}

/**
 * Puts stored members and answers into a state rebuilt from the contest log (a restart, an export): members
 * and their answers, and, with `count`, the joined count, participants per county and every opening's
 * counters. Answers of members not given are ignored. Then the leaderboard of the last revealed opening
 * is rebuilt from them. Members already in the state (joined through an older log) are kept.
 */
export function restoreAudience(state: ContestState, members: readonly StoredMember[], answers: readonly StoredAnswer[], optionCount: (openingId: number) => number, count = true): void {
  const audience = state.audience;
  for (const m of members) {
    if (Object.hasOwn(audience.members, m.memberId)) continue;
    audience.members[m.memberId] = { id: m.memberId, nickname: m.nickname, county: m.county, joinedAt: m.joinedAt, answers: [] };
    if (!count) continue;
    audience.count++;
    if (m.county !== null) audience.participants[m.county] = (audience.participants[m.county] ?? 0) + 1;
  }
  for (const a of answers) {
    const member = Object.hasOwn(audience.members, a.memberId) ? audience.members[a.memberId]! : undefined;
    if (!member) continue;
    recordAnswer(audience, member, { openingId: a.openingId, options: a.options, at: a.at, correct: a.correct, points: a.points }, optionCount(a.openingId), count);
  }
  const last = state.core.openings.filter((o) => o.revealed).at(-1);
  if (last && state.config.rounds[last.roundIndex]?.kind !== 'judged' && (state.config.rounds[last.roundIndex] as { audience?: boolean } | undefined)?.audience) {
    state.core.board = buildBoard(audience, state.core, state.config.audience.leaderboardSize, last.openingId);
  }
}

/**
 * A leaderboard's place in a sorted set: score first, then right answers (a board's tie-break), in one
 * number. Scores are whole points; right answers stay below 10,000 (no contest has that many questions).
 */
export const BOARD_FACTOR = 10_000;
export const boardValue = (score: number, correct: number) => score * BOARD_FACTOR + correct;
/** The lowest sorted-set value of any member scoring more than `score`: the count from it up is the members ranked above. */
export const aboveValue = (score: number) => (score + 1) * BOARD_FACTOR;

/**
 * A member's score over revealed openings, as the board ranks it: what this process knows of its answers.
 */
export function localScore(state: ContestState, member: AudienceMember): { score: number; correct: number } {
  return memberScore(member.answers, openingSets(state.core).revealed);
}

/**
 * The leaderboard of a shared (sorted-set) ranking: the top as read (member, value, nickname, county), the
 * number ranked, and how many members rank above each score this process's members hold. Every local
 * member gets its shared rank: one more than the members scoring more (equal scores share a rank).
 */
export function sharedBoard(
  top: readonly { memberId: string; value: number; nickname: string; county: string | null }[],
  ranked: number,
  above: ReadonlyMap<number, number>,
  local: readonly { memberId: string; score: number }[],
  size: number,
  openingId: number,
): AudienceBoard {
  const rows = top.map((t) => ({ memberId: t.memberId, nickname: t.nickname, county: t.county, score: Math.floor(t.value / BOARD_FACTOR), correct: t.value % BOARD_FACTOR }));
  rows.sort((a, b) => b.score - a.score || b.correct - a.correct || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const entries: BoardEntry[] = [];
  let rank = 0;
  rows.slice(0, size).forEach((r, i) => {
    if (i === 0 || rows[i - 1]!.score !== r.score) rank = i + 1;
    entries.push({ ...r, rank });
  });
  const ranks: Record<string, number> = {};
  for (const m of local) ranks[m.memberId] = (above.get(m.score) ?? 0) + 1;
  return { top: entries, ranks, ranked, openingId };
}
