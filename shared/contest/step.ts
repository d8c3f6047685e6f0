/**
 * The contest engine's working parts: one command in progress (`Step`), a fresh question slot, and the
 * small transitions and rejections every round kind shares.
 */
import { UNDOABLE_COMMANDS, type CommandType } from './commands.js';
import type { ContestConfig, Round } from './config.js';
import { round2 } from './scoring.js';
import type {
  ContestError,
  ContestErrorCode,
  ContestEvent,
  ContestState,
  CoreState,
  JournalEntry,
  JournalRecord,
  Phase,
  QuestionState,
  ReduceResult,
  UndoEntry,
} from './types.js';

/** How many host steps `step:undo` can walk back. */
export const MAX_UNDO = 100;

/** A record's own entry (never one inherited from the prototype). */
export const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

/** A rejection with its message parameters. */
export const fail = (code: ContestErrorCode, params?: Record<string, string | number>): ContestError => (params ? { code, params } : { code });

/** What a command's handler says: rejected (an error), done (null), or accepted with nothing to change. */
export type Outcome = ContestError | null | 'noop';

export const wrongPhase = (step: Step) => fail('contest/wrong-phase', { phase: step.core.phase });

export const wrongRound = (round: Round | undefined) => fail('contest/wrong-round', { kind: round?.kind ?? 'none' });

/** A question slot of the round, nothing shown or answered yet. */
export function newSlot(index: number): QuestionState {
  return {
    index,
    openingId: null,
    shownAt: null,
    eligible: [],
    audienceWindowMs: null,
    answers: {},
    pickOrder: [],
    picks: {},
    buzzOpenedAt: null,
    buzzes: [],
    answering: null,
    attempts: [],
    falseStarts: [],
    excluded: [],
    dropped: false,
    revealed: false,
    deltas: {},
  };
}

/** Copies the core for a new step. The leaderboard is immutable and large, so it is shared, not copied. */
function cloneCore(core: CoreState): CoreState {
  const { board, ...rest } = core;
  return { ...structuredClone(rest), board };
}

/**
 * One team-level command in progress: a private copy of the core to change, and the events and
 * journal records it produces. Nothing reaches the state unless `commit` is called, so a rejection
 * found halfway leaves the state untouched.
 */
export class Step {
  core: CoreState;
  readonly events: ContestEvent[] = [];
  readonly records: JournalEntry[] = [];
  phaseChanged = false;
  scoresChanged = false;
  pausedAt: number | null;
  undo: UndoEntry[];
  /** Set by a correction: it is undone by its inverse rather than by a snapshot. */
  adjust: { teamId: string; delta: number } | null = null;
  /** Undo put back a whole earlier core: its tie-break groups were worked out with its scores already. */
  restored = false;
  readonly config: ContestConfig;

  constructor(
    readonly state: ContestState,
    readonly now: number,
  ) {
    this.core = cloneCore(state.core);
    this.pausedAt = state.pausedAt;
    this.undo = state.undo;
    this.config = state.config;
  }

  /** The phaseId this step will commit with if it changes the phase: what a question shown now is known by. */
  get nextPhaseId(): number {
    return this.state.phaseId + 1;
  }

  get round(): Round | undefined {
    return this.config.rounds[this.core.roundIndex];
  }

  setPhase(phase: Phase, deadline: number | null = null): void {
    this.core.phase = phase;
    this.core.deadline = deadline;
    this.phaseChanged = true;
  }

  addScore(teamId: string, delta: number): void {
    if (delta === 0) return;
    this.core.scores[teamId] = round2((this.core.scores[teamId] ?? 0) + delta);
    this.scoresChanged = true;
  }

  record(r: JournalRecord): void {
    this.records.push({ ...r, seq: this.state.seq + 1, at: this.now, round: this.core.roundIndex, question: this.core.question?.index ?? null });
  }

  emit(e: ContestEvent): void {
    this.events.push(e);
  }

  commit(type: CommandType): ReduceResult {
    const s = this.state;
    const phaseId = this.phaseChanged ? s.phaseId + 1 : s.phaseId;
    const events = [...this.events];
    if (this.scoresChanged) events.push({ type: 'scores', scores: { ...this.core.scores } });
    if (this.phaseChanged) {
      events.push({ type: 'phase', phase: this.core.phase, phaseId });
      if (this.core.deadline !== null && this.pausedAt === null) events.push({ type: 'timer', phaseId, at: this.core.deadline });
    }
    let undo = this.undo;
    if (UNDOABLE_COMMANDS.has(type)) {
      const entry: UndoEntry = this.adjust
        ? { type, seq: s.seq + 1, at: s.pausedAt ?? this.now, core: null, adjust: this.adjust }
        : { type, seq: s.seq + 1, at: s.pausedAt ?? this.now, core: s.core, adjust: null };
      undo = [...undo, entry];
      if (undo.length > MAX_UNDO) undo = undo.slice(undo.length - MAX_UNDO);
    }
    const state: ContestState = {
      ...s,
      core: this.core,
      phaseId,
      pausedAt: this.pausedAt,
      seq: s.seq + 1,
      undo,
      journal: this.records.length ? s.journal.concat(this.records) : s.journal,
    };
    return { ok: true, state, events };
  }
}

/** Answers close: the question waits for the reveal. */
export function lock(step: Step, by: 'host' | 'timer' | 'all-answered'): void {
  step.record({ type: 'lock', by });
  step.emit({ type: 'locked' });
  step.setPhase('locked');
}

/** Nobody buzzed in time: the question is dropped and waits for the reveal. */
export function drop(step: Step, by: 'host' | 'timer'): void {
  step.core.question!.dropped = true;
  step.record({ type: 'dropped', by });
  step.emit({ type: 'dropped' });
  step.setPhase('locked');
}
