import type { ErrorCode } from '../i18n/messages.js';
import type { CommandType } from './commands.js';
import type { ContestConfig } from './config.js';

/** Who sent a command, as the adapter knows it from the connection (socket.data), never from the payload. */
export type Actor =
  | { role: 'host' }
  | { role: 'team'; teamId: string }
  | { role: 'audience'; memberId: string; county?: string }
  | { role: 'judge'; judgeId: string }
  | { role: 'screen' }
  | { role: 'system' };

/**
 * Phases of a contest. Question rounds go
 * `round-intro → [stake-picking → stakes-locked →] (answering | question-shown → buzz-open → answering) → locked → revealed`
 * then `question-ready` for the next question; judged rounds go `round-intro → judging → scored → judging …`.
 */
export const PHASES = [
  'lobby',
  'round-intro',
  'question-ready',
  'stake-picking',
  'stakes-locked',
  'question-shown',
  'buzz-open',
  'answering',
  'locked',
  'revealed',
  'judging',
  'scored',
  'finished',
] as const;
export type Phase = (typeof PHASES)[number];

export type Verdict = 'correct' | 'incorrect' | 'timeout';
export type Stake = number | 'pass';

export interface TeamAnswer {
  options: number[];
  at: number;
  correct: boolean;
}

export interface BuzzEntry {
  teamId: string;
  at: number;
}

/** One team's turn at a buzzer question: the first buzz or a rebound (补答). */
export interface Attempt {
  teamId: string;
  verdict: Verdict;
  delta: number;
  rebound: boolean;
  at: number;
  /** Device answers only. */
  options?: number[];
}

export interface FalseStart {
  teamId: string;
  at: number;
  delta: number;
}

/** The current question slot of a question round. */
export interface QuestionState {
  index: number;
  /** The phaseId at which the question was shown; null while it is still hidden (question-ready, stake picking). */
  openingId: number | null;
  shownAt: number | null;
  /** Teams that take part in this question (all; risk: those that did not pass; tiebreak: the contestants). */
  eligible: string[];
  audienceWindowMs: number | null;
  /** Device answers of compulsory and risk questions. */
  answers: Record<string, TeamAnswer>;
  /** Risk: picking order and picks. */
  pickOrder: string[];
  picks: Record<string, Stake>;
  /** Buzzer and tiebreak. */
  buzzOpenedAt: number | null;
  buzzes: BuzzEntry[];
  answering: string | null;
  attempts: Attempt[];
  falseStarts: FalseStart[];
  /** Teams barred from buzzing on this question (a false start under forfeit rules). */
  excluded: string[];
  dropped: boolean;
  revealed: boolean;
  /** Score changes this question caused, per team (shown with the reveal). */
  deltas: Record<string, number>;
}

export interface JudgedResult {
  scores: Record<string, number>;
  aggregate: number;
  delta: number;
}

export interface JudgingState {
  /** The team being scored now, or null between performances. */
  teamId: string | null;
  /** judgeId → score, per team. A judge may change theirs until the host closes judging. */
  scores: Record<string, Record<string, number>>;
  /** The host closed judging of the current team: scores are frozen for review (except those sent back). */
  closed: boolean;
  /** Scores the host sent back to their judge in review: judgeId → the reason the judge is shown. */
  returned: Record<string, string>;
  /** Published results only: nothing reaches the scores or the screen before the host publishes. */
  results: Record<string, JudgedResult>;
}

export interface TiebreakGroup {
  /** Every team of the group as it started: the set whose tie it decides. */
  all: string[];
  /** Still tied: they play the next question. */
  teams: string[];
  /** Won a question, in order (best first). */
  top: string[];
  /** Lost a question, in order of elimination (the first eliminated ranks last). */
  bottom: string[];
}

export interface TiebreakState {
  /** Tied groups still waiting, best rank first: worked out again from the scores after every score change. */
  pending: string[][];
  active: TiebreakGroup | null;
  /**
   * The scores changed after the active group had started playing, and it is no longer a tied group:
   * the host is told and may restart the tie-break with the groups the scores make now.
   */
  stale: boolean;
  /** Groups played off, each in final order; teams still tied at the end share one inner array. */
  resolved: string[][][];
}

/**
 * The outcome of playing off a tied group: the order it decided. It decides ranks only while exactly
 * these teams are tied with one another; once a score change breaks or widens the tie, it no longer
 * applies and the teams rank by score again (sharing a rank if tied).
 */
export interface Playoff {
  /** The tied teams, sorted. */
  teams: string[];
  /** Their order, best first; teams still tied at the end share an inner array. */
  order: string[][];
}

/** Every question shown (and not undone), in order: what the audience answers are interpreted against. */
export interface Opening {
  openingId: number;
  roundIndex: number;
  questionIndex: number;
  questionId: string;
  revision: number;
  at: number;
  revealed: boolean;
}

export interface BoardEntry {
  memberId: string;
  nickname: string;
  county: string | null;
  score: number;
  correct: number;
  rank: number;
}

/** The audience leaderboard as of the last reveal. Immutable once built: undo snapshots share it. */
export interface AudienceBoard {
  top: BoardEntry[];
  /** memberId → rank (1 = best; equal scores share a rank). */
  ranks: Record<string, number>;
  ranked: number;
  openingId: number;
}

/**
 * The team-level state: small, copied on every team/host command, and what `step:undo` restores.
 * Nothing of the audience lives here except the leaderboard reference and the list of openings.
 */
export interface CoreState {
  phase: Phase;
  /** -1 in the lobby. */
  roundIndex: number;
  /** Absolute server time at which the current phase times out; null when it has no time limit. */
  deadline: number | null;
  /** Until when the audience may answer the current question; null when it may not. */
  audienceDeadline: number | null;
  scores: Record<string, number>;
  question: QuestionState | null;
  /** Risk: the tiles each team has used in the current round. */
  stakesUsed: Record<string, number[]>;
  judging: JudgingState | null;
  tiebreak: TiebreakState | null;
  /** Played-off tied groups; decide rank, never score (see `rankTeams`). */
  playoffs: Playoff[];
  openings: Opening[];
  board: AudienceBoard | null;
}

export interface AudienceAnswer {
  openingId: number;
  options: number[];
  at: number;
  correct: boolean;
  /** Points it earns once its question is revealed (0 when wrong). */
  points: number;
}

export interface AudienceMember {
  id: string;
  nickname: string;
  county: string | null;
  joinedAt: number;
  answers: AudienceAnswer[];
}

export interface CountyCounters {
  answers: number;
  correct: number;
}

/** Audience counters of one question opening, maintained per answer. */
export interface OpeningStats {
  answers: number;
  correct: number;
  optionCounts: number[];
  byCounty: Record<string, CountyCounters>;
}

/**
 * The audience: append-only and MUTATED IN PLACE by audience commands so that an answer costs O(1)
 * (no copy of 10,000+ members per command — boardgame.io reaches for immer for the same reason).
 * Undo never touches it: answers are interpreted through `core.openings` (which openings still count,
 * which are revealed), so restoring `core` is enough to undo their effect.
 */
export interface AudienceState {
  members: Record<string, AudienceMember>;
  count: number;
  /** county code → members who joined from it. */
  participants: Record<string, number>;
  /** openingId → counters. */
  stats: Record<number, OpeningStats>;
}

/**
 * A host step that `step:undo` can take back. Most steps are undone by restoring the core as it was
 * before them (with the time that was left then); a score correction is undone by its inverse, so that
 * taking it back never rewinds the question that ran in the meantime.
 */
export interface UndoEntry {
  type: CommandType;
  seq: number;
  /** Contest time of the step (the pause start if it was taken while paused): deadlines are shifted from it on undo. */
  at: number;
  /** The core before the step; null for a correction. */
  core: CoreState | null;
  /** A correction's team and delta. */
  adjust: { teamId: string; delta: number } | null;
}

export interface ContestState {
  config: ContestConfig;
  /** Incremented whenever the phase, or the deadline of the phase, changes; timers carry it. Never goes back, even on undo. */
  phaseId: number;
  /** When the contest was paused, or null. Remaining time is frozen at `deadline - pausedAt`. */
  pausedAt: number | null;
  /** Accepted team-level commands (audience commands are not counted); journal entries carry it. */
  seq: number;
  core: CoreState;
  undo: UndoEntry[];
  audience: AudienceState;
  journal: JournalEntry[];
}

/** What happened, for the adapter to broadcast (it rebuilds views per role; events never carry secret answers). */
export type ContestEvent =
  | { type: 'phase'; phase: Phase; phaseId: number }
  | { type: 'timer'; phaseId: number; at: number }
  | { type: 'scores'; scores: Record<string, number> }
  | { type: 'round'; roundIndex: number }
  | { type: 'question-shown'; openingId: number; roundIndex: number; questionIndex: number }
  | { type: 'stake'; teamId: string; stake: Stake; auto: boolean }
  | { type: 'buzz'; teamId: string; at: number; position: number }
  | { type: 'false-start'; teamId: string; at: number; delta: number }
  | { type: 'answered'; teamId: string; at: number }
  | { type: 'judgement'; teamId: string; verdict: Verdict; delta: number; rebound: boolean }
  | { type: 'dropped' }
  | { type: 'locked' }
  | { type: 'reveal'; openingId: number }
  | { type: 'tiebreak'; teamId: string; outcome: 'win' | 'lose' }
  | { type: 'judge-score'; judgeId: string; teamId: string }
  | { type: 'judging-closed'; teamId: string }
  | { type: 'judge-returned'; judgeId: string; teamId: string; reason: string }
  | { type: 'judged'; teamId: string; aggregate: number; delta: number }
  | { type: 'correction'; teamId: string; delta: number; reason: string }
  | { type: 'tiebreak-stale' }
  | { type: 'tiebreak-restarted'; teams: string[] }
  | { type: 'undo'; undone: CommandType }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'leaderboard' }
  | { type: 'finished' }
  /** Not from the engine: the adapter's news that the contest was reloaded from the database (a rehearsal reset, an edit). */
  | { type: 'reloaded' }
  | { type: 'audience-joined'; memberId: string; count: number }
  | { type: 'audience-answer'; memberId: string; openingId: number; answers: number };

/** The contest's record for export: everything team-level that happened, with times. Append-only; undo adds an entry. */
export type JournalRecord =
  | { type: 'contest-start' }
  | { type: 'round-start'; roundId: string; kind: string }
  | { type: 'stake-open'; order: string[] }
  | { type: 'stake'; teamId: string; stake: Stake; auto: boolean }
  | { type: 'question-shown'; questionId: string; revision: number; openingId: number }
  | { type: 'buzz-open' }
  | { type: 'buzz'; teamId: string; position: number }
  | { type: 'false-start'; teamId: string; delta: number }
  | { type: 'answer'; teamId: string; options: number[]; correct: boolean }
  | { type: 'judgement'; teamId: string; verdict: Verdict; delta: number; rebound: boolean; by: 'host' | 'device' | 'timer'; options?: number[] }
  | { type: 'dropped'; by: 'host' | 'timer' }
  | { type: 'lock'; by: 'host' | 'timer' | 'all-answered' }
  | { type: 'reveal'; questionId: string; deltas: Record<string, number>; audience: { answers: number; correct: number } }
  | { type: 'tiebreak'; teamId: string; outcome: 'win' | 'lose' }
  | { type: 'judging-open'; teamId: string }
  | { type: 'judge-score'; judgeId: string; teamId: string; score: number; previous?: number }
  | { type: 'judging-close'; teamId: string }
  | { type: 'judge-return'; judgeId: string; teamId: string; score: number; reason: string }
  | { type: 'judged'; teamId: string; aggregate: number; delta: number; by: 'host' | 'judges' }
  | { type: 'correction'; teamId: string; delta: number; reason: string }
  | { type: 'tiebreak-restart'; teams: string[] }
  /** The host acted for a team (its device failed); the team's own records follow with the same seq. */
  | { type: 'proxy'; teamId: string; action: 'answer:submit' | 'buzz:press' | 'stake:pick'; reason: string }
  | { type: 'undo'; undoneSeq: number; undoneType: CommandType }
  | { type: 'pause' }
  | { type: 'resume'; pausedMs: number }
  | { type: 'finish'; standings: { teamId: string; score: number; rank: number }[] };

export type JournalEntry = JournalRecord & {
  seq: number;
  at: number;
  /** Round and question index at the time (-1 / null when there is none). */
  round: number;
  question: number | null;
};

export type ContestErrorCode = Extract<ErrorCode, `contest/${string}`>;

/** A rejected command, as a value. `params` fill the message's placeholders (see ERROR_MESSAGES). */
export interface ContestError {
  code: ContestErrorCode;
  params?: Record<string, string | number>;
}

export type ReduceResult = { ok: true; state: ContestState; events: ContestEvent[] } | { ok: false; error: ContestError };

export interface ReduceContext {
  /** Server time the command was accepted at (ms). */
  now: number;
  actor: Actor;
}

/** One accepted command as the adapter logs it: enough to replay the contest. */
export interface LoggedCommand {
  command: unknown;
  actor: Actor;
  now: number;
}
