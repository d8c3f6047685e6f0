import type { ContestConfig } from './config.js';
import type { AudienceBoard, AudienceState, BoardEntry, CoreState, Playoff, TiebreakGroup } from './types.js';

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

const sameTeams = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t) => b.includes(t));

/** Teams sharing a score, best score first, each in config order. */
function scoreGroups(config: ContestConfig, scores: Record<string, number>): { score: number; teams: string[] }[] {
  const rows = config.teams.map((t, i) => ({ id: t.id, score: scores[t.id] ?? 0, i }));
  rows.sort((a, b) => b.score - a.score || a.i - b.i);
  const groups: { score: number; teams: string[] }[] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && last.score === r.score) last.teams.push(r.id);
    else groups.push({ score: r.score, teams: [r.id] });
  }
  return groups;
}

/** The playoff that decides exactly this tied group, if one does. */
export function playoffFor(playoffs: readonly Playoff[], teams: readonly string[]): Playoff | undefined {
  return playoffs.find((p) => sameTeams(p.teams, teams));
}

/**
 * Teams ranked by score, worked out from the scores every time (never stored), so a correction, an
 * undo or a judged score moves ranks at once. Teams with equal scores share a rank (1, 2, 2, 4) unless
 * a tie-break played off exactly that group of teams: then its order applies (teams it left tied still
 * share). A playoff whose group is no longer exactly the tied group (a correction broke or widened
 * the tie) is ignored. The list keeps config order among teams sharing a rank.
 */
export function rankTeams(config: ContestConfig, scores: Record<string, number>, playoffs: readonly Playoff[]): Standing[] {
  const out: Standing[] = [];
  for (const g of scoreGroups(config, scores)) {
    const start = out.length + 1;
    const playoff = g.teams.length > 1 ? playoffFor(playoffs, g.teams) : undefined;
    if (!playoff) {
      for (const teamId of g.teams) out.push({ teamId, score: g.score, rank: start });
      continue;
    }
    let rank = start;
    for (const place of playoff.order) {
      for (const teamId of g.teams.filter((t) => place.includes(t))) out.push({ teamId, score: g.score, rank });
      rank += place.length;
    }
  }
  return out;
}

/**
 * Tied groups no playoff has decided, best first, limited to ties that reach into the first `places`
 * ranks (a tie for 2nd decides a prize when three are awarded; a tie for 7th does not).
 */
export function openTies(config: ContestConfig, scores: Record<string, number>, playoffs: readonly Playoff[], places: number): string[][] {
  const out: string[][] = [];
  let start = 1;
  for (const g of scoreGroups(config, scores)) {
    if (g.teams.length > 1 && start <= places && !playoffFor(playoffs, g.teams)) out.push(g.teams);
    start += g.teams.length;
  }
  return out;
}

/** Groups of teams sharing a rank in a standings list, best first, limited to ranks within `places`. */
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

/** The median of a list of scores (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : round2((v[mid - 1]! + v[mid]!) / 2);
}

/** Share of the judges' scale a score may stray from the median before it is flagged for review. */
export const OUTLIER_SHARE = 0.2;

/**
 * Judges whose score lies more than `OUTLIER_SHARE` of the scale (max − min) from the median of all
 * the team's scores: likely a typo (9 for 92) the host should look at before publishing. Needs three
 * scores: with two, neither is "the odd one out".
 */
export function judgeOutliers(scores: Record<string, number>, minScore: number, maxScore: number): string[] {
  const values = Object.values(scores);
  const m = median(values);
  if (m === null || values.length < 3) return [];
  const limit = OUTLIER_SHARE * (maxScore - minScore);
  return Object.entries(scores)
    .filter(([, s]) => Math.abs(s - m) > limit + 1e-9)
    .map(([judgeId]) => judgeId);
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
