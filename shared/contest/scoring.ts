import type { ContestConfig } from './config.js';
import type { AudienceBoard, AudienceState, BoardEntry, CoreState, TiebreakGroup } from './types.js';

/** Scores keep at most two decimals (judged rounds average); rounding at each step keeps 0.1 + 0.2 from leaking. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Whether a number has at most two decimals. */
export function hasTwoDecimals(n: number): boolean {
  return Math.abs(Math.round(n * 100) - n * 100) < 1e-6;
}

/**
 * Aggregates judges' scores: the mean, or the mean without one highest and one lowest score
 * (去掉一个最高分和一个最低分). Rounded to two decimals.
 */
export function aggregateScores(scores: readonly number[], method: 'mean' | 'trimmed-mean'): number {
  if (scores.length === 0) return 0;
  let list = [...scores];
  if (method === 'trimmed-mean' && list.length >= 3) {
    list.sort((a, b) => a - b);
    list = list.slice(1, -1);
  }
  return round2(list.reduce((s, v) => s + v, 0) / list.length);
}

/**
 * Audience points for one answer: `pointsPerCorrect` plus a speed bonus that falls linearly from
 * `speedBonusMax` (answered at once) to 0 (answered at the deadline). Wrong answers earn nothing.
 * Working from the remaining time makes a pause cost nothing: the deadline moves with it.
 */
export function audiencePoints(
  settings: ContestConfig['audience'],
  correct: boolean,
  remainingMs: number,
  windowMs: number,
): number {
  if (!correct) return 0;
  const share = windowMs > 0 ? Math.min(1, Math.max(0, remainingMs / windowMs)) : 0;
  return settings.pointsPerCorrect + Math.floor(settings.speedBonusMax * share);
}

export interface Standing {
  teamId: string;
  score: number;
  rank: number;
}

/**
 * Teams ranked by score, then by tiebreak order inside a tied group. Teams still tied share a rank
 * (1, 2, 2, 4); the list keeps config order among them.
 */
export function rankTeams(config: ContestConfig, scores: Record<string, number>, tieOrder: Record<string, number>): Standing[] {
  const key = (id: string) => (Object.hasOwn(tieOrder, id) ? tieOrder[id]! : Number.POSITIVE_INFINITY);
  const rows = config.teams.map((t, i) => ({ teamId: t.id, score: scores[t.id] ?? 0, tie: key(t.id), i }));
  rows.sort((a, b) => b.score - a.score || a.tie - b.tie || a.i - b.i);
  const out: Standing[] = [];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    const rank = prev && prev.score === r.score && prev.tie === r.tie ? out[i - 1]!.rank : i + 1;
    out.push({ teamId: r.teamId, score: r.score, rank });
  });
  return out;
}

/**
 * Groups of teams sharing a rank, best first, limited to ties that reach into the first `places` ranks
 * (a tie for 2nd decides a prize when three are awarded; a tie for 7th does not).
 */
export function tiedGroups(standings: readonly Standing[], places: number): string[][] {
  const groups = new Map<number, string[]>();
  for (const s of standings) groups.set(s.rank, [...(groups.get(s.rank) ?? []), s.teamId]);
  return [...groups.entries()].filter(([rank, teams]) => teams.length > 1 && rank <= places).map(([, teams]) => teams);
}

/**
 * The final order of a played-off group: winners in the order they won, the teams still tied sharing
 * one place, then losers with the first eliminated last.
 */
export function groupOrder(group: TiebreakGroup): string[][] {
  const order = group.top.map((t) => [t]);
  if (group.teams.length) order.push([...group.teams]);
  for (const t of [...group.bottom].reverse()) order.push([t]);
  return order;
}

/** The openings whose answers count (shown and not undone) and those already revealed. */
export function openingSets(core: CoreState): { valid: Set<number>; revealed: Set<number> } {
  const valid = new Set<number>();
  const revealed = new Set<number>();
  for (const o of core.openings) {
    valid.add(o.openingId);
    if (o.revealed) revealed.add(o.openingId);
  }
  return { valid, revealed };
}

/** A member's score and right answers counting only revealed questions. O(answers of that member). */
export function memberScore(answers: readonly { openingId: number; points: number; correct: boolean }[], revealed: ReadonlySet<number>) {
  let score = 0;
  let correct = 0;
  for (const a of answers) {
    if (!revealed.has(a.openingId)) continue;
    score += a.points;
    if (a.correct) correct++;
  }
  return { score, correct };
}

/**
 * Recomputes the audience leaderboard and every member's rank: once per reveal, O(members × answers each),
 * never per answer. Ties share a rank; the listing breaks them by right answers, then member id.
 */
export function buildBoard(audience: AudienceState, core: CoreState, size: number, openingId: number): AudienceBoard {
  const { revealed } = openingSets(core);
  // memberScore's sum, with the revealed set as a flag table: this loop visits every stored answer at
  // every reveal, so it dominates both a late reveal and the replay of a long contest.
  const isRevealed = new Uint8Array(Math.max(0, ...revealed) + 1);
  for (const id of revealed) isRevealed[id] = 1;
  const rows: Omit<BoardEntry, 'rank'>[] = [];
  for (const id of Object.keys(audience.members)) {
    const m = audience.members[id]!;
    let score = 0;
    let correct = 0;
    for (const a of m.answers) {
      if (isRevealed[a.openingId] !== 1) continue;
      score += a.points;
      if (a.correct) correct++;
    }
    rows.push({ memberId: m.id, nickname: m.nickname, county: m.county, score, correct });
  }
  rows.sort((a, b) => b.score - a.score || b.correct - a.correct || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const ranks: Record<string, number> = {};
  const top: BoardEntry[] = [];
  let rank = 0;
  rows.forEach((r, i) => {
    if (i === 0 || rows[i - 1]!.score !== r.score) rank = i + 1;
    ranks[r.memberId] = rank;
    if (i < size) top.push({ ...r, rank });
  });
  return { top, ranks, ranked: rows.length, openingId };
}

export interface CountyTally {
  county: string;
  participants: number;
  answers: number;
  correct: number;
}

/**
 * Audience participation by county: members joined, answers given, and right answers to revealed
 * questions. Sums maintained per-opening counters (O(openings × counties)); never scans members.
 */
export function countyTally(audience: AudienceState, core: CoreState): CountyTally[] {
  const rows = new Map<string, CountyTally>();
  const row = (county: string) => {
    let r = rows.get(county);
    if (!r) rows.set(county, (r = { county, participants: 0, answers: 0, correct: 0 }));
    return r;
  };
  for (const [county, n] of Object.entries(audience.participants)) row(county).participants = n;
  for (const o of core.openings) {
    const stats = audience.stats[o.openingId];
    if (!stats) continue;
    for (const [county, c] of Object.entries(stats.byCounty)) {
      const r = row(county);
      r.answers += c.answers;
      if (o.revealed) r.correct += c.correct;
    }
  }
  return [...rows.values()].sort((a, b) => b.participants - a.participants || b.answers - a.answers || (a.county < b.county ? -1 : 1));
}
