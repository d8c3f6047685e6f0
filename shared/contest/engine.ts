import { displayOptions, isCorrect } from '../question.js';
import { COMMAND_ROLES, contestCommandSchema, UNDOABLE_COMMANDS, type CommandOf, type CommandType, type ContestCommand } from './commands.js';
import {
  audienceWindowMs,
  isBuzzRound,
  isQuestionRound,
  performers,
  type BuzzRound,
  type ContestConfig,
  type ContestQuestion,
  type QuestionRound,
  type Round,
} from './config.js';
import { aggregateScores, audiencePoints, buildBoard, groupOrder, hasTwoDecimals, openTies, rankTeams, round2 } from './scoring.js';
import type {
  Actor,
  AudienceState,
  ContestError,
  ContestErrorCode,
  ContestEvent,
  ContestState,
  CoreState,
  JournalEntry,
  JournalRecord,
  LoggedCommand,
  Phase,
  QuestionState,
  ReduceContext,
  ReduceResult,
  Stake,
  UndoEntry,
  Verdict,
} from './types.js';

/** How many host steps `step:undo` can walk back. */
export const MAX_UNDO = 100;

// Actor ids come from the server, but they become object keys: a leading letter or digit keeps
// `__proto__` and friends out.
const ACTOR_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const COUNTY = /^(\d{6}|\d{9}|\d{12})$/;

/** Phases in which the audience may answer the question on screen. */
const AUDIENCE_PHASES: ReadonlySet<Phase> = new Set<Phase>(['question-shown', 'buzz-open', 'answering', 'locked']);
/** Host commands that still make sense while the contest is paused. */
const ALLOWED_WHILE_PAUSED: ReadonlySet<CommandType> = new Set<CommandType>(['contest:resume', 'contest:pause', 'score:adjust', 'step:undo']);
/** Phases with no question in flight, from which the host may move to the next round. */
const BETWEEN_QUESTIONS: ReadonlySet<Phase> = new Set<Phase>(['round-intro', 'question-ready', 'revealed', 'scored']);

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
const fail = (code: ContestErrorCode, params?: Record<string, string | number>): ContestError => (params ? { code, params } : { code });

/**
 * A fresh contest in the lobby. `config` must already have passed `contestConfigSchema` (the server parses
 * it when the organizer saves the contest, and again when it loads it for replay).
 */
export function createContest(config: ContestConfig): ContestState {
  return {
    config,
    phaseId: 0,
    pausedAt: null,
    seq: 0,
    core: {
      phase: 'lobby',
      roundIndex: -1,
      deadline: null,
      audienceDeadline: null,
      scores: Object.fromEntries(config.teams.map((t) => [t.id, config.baseScore])),
      question: null,
      stakesUsed: {},
      judging: null,
      tiebreak: null,
      playoffs: [],
      openings: [],
      board: null,
    },
    undo: [],
    audience: { members: {}, count: 0, participants: {}, stats: {} },
    journal: [],
  };
}

/** The round the contest is in, if any. */
export function currentRound(state: ContestState): Round | undefined {
  return state.config.rounds[state.core.roundIndex];
}

/** The question in the current slot (shown or not), key included: server-side only. */
export function currentQuestion(state: ContestState): ContestQuestion | undefined {
  const round = currentRound(state);
  const q = state.core.question;
  if (!round || !isQuestionRound(round) || !q) return undefined;
  return round.questions[q.index];
}

function newSlot(index: number): QuestionState {
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
class Step {
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
    // Ranks and tie-break groups follow the scores: whatever changed them, work the groups out again.
    if (this.scoresChanged && !this.restored) refreshTies(this);
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

/**
 * Applies one command. Pure for team-level commands (a new state comes back; the old one is intact
 * apart from the audience); audience commands (`audience:join`, `audience:answer`) MUTATE
 * `state.audience` IN PLACE and return the same state object, so that each answer is O(1) with
 * 10,000+ members. Hold on to the latest state only.
 *
 * A rejected command comes back as `{ ok: false, error }` and changes nothing. A `timer:expire` for a
 * phase that has since changed is accepted as a no-op (same state, no events).
 */
export function reduce(state: ContestState, input: unknown, ctx: ReduceContext): ReduceResult {
  const parsed = contestCommandSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: fail('contest/invalid-command', { path: issue?.path.length ? issue.path.map(String).join('.') : '(root)' }) };
  }
  const command = parsed.data;
  const { actor, now } = ctx;
  const role = COMMAND_ROLES[command.type];
  if (actor.role !== role) return { ok: false, error: fail('contest/wrong-role', { expected: role }) };
  const actorError = checkActor(state, actor);
  if (actorError) return { ok: false, error: actorError };

  if (command.type === 'audience:join') return audienceJoin(state, command, actor as Extract<Actor, { role: 'audience' }>, now);
  if (command.type === 'audience:answer') return audienceAnswer(state, command, (actor as Extract<Actor, { role: 'audience' }>).memberId, now);
  if (command.type === 'timer:expire') {
    // A timer of a phase that has moved on (answered early, paused, undone) is expected, not an error.
    if (command.phaseId !== state.phaseId || state.pausedAt !== null) return { ok: true, state, events: [] };
    const step = new Step(state, now);
    return timerExpire(step) === 'noop' ? { ok: true, state, events: [] } : step.commit(command.type);
  }

  if (state.core.phase === 'finished' && command.type !== 'score:adjust' && command.type !== 'step:undo') {
    return { ok: false, error: fail('contest/finished') };
  }
  if (state.pausedAt !== null && !ALLOWED_WHILE_PAUSED.has(command.type)) return { ok: false, error: fail('contest/paused') };
  if (role === 'host' && 'phaseId' in command && command.phaseId !== undefined && command.phaseId !== state.phaseId) {
    return { ok: false, error: fail('contest/stale-phase', { phaseId: state.phaseId }) };
  }

  const step = new Step(state, now);
  const outcome = apply(step, command, actor);
  if (outcome === 'noop') return { ok: true, state, events: [] };
  if (outcome) return { ok: false, error: outcome };
  return step.commit(command.type);
}

function checkActor(state: ContestState, actor: Actor): ContestError | null {
  switch (actor.role) {
    case 'team':
      return state.config.teams.some((t) => t.id === actor.teamId) ? null : fail('contest/bad-actor');
    case 'audience':
      if (!ACTOR_ID.test(actor.memberId)) return fail('contest/bad-actor');
      return actor.county === undefined || COUNTY.test(actor.county) ? null : fail('contest/bad-actor');
    case 'judge':
      return ACTOR_ID.test(actor.judgeId) ? null : fail('contest/bad-actor');
    default:
      return null;
  }
}

type Outcome = ContestError | null | 'noop';

function apply(step: Step, command: ContestCommand, actor: Actor): Outcome {
  const teamId = actor.role === 'team' ? actor.teamId : '';
  switch (command.type) {
    case 'contest:start':
      return contestStart(step);
    case 'stake:open':
      return stakeOpen(step);
    case 'question:open':
      return questionOpen(step);
    case 'buzz:open':
      return buzzOpen(step);
    case 'answer:lock':
      return answerLock(step);
    case 'answer:judge':
      return answerJudge(step, command);
    case 'question:reveal':
      return questionReveal(step);
    case 'question:next':
      return questionNext(step);
    case 'round:next':
      return roundNext(step);
    case 'judging:open':
      return judgingOpen(step, command);
    case 'score:adjust':
      return scoreAdjust(step, command);
    case 'step:undo':
      return stepUndo(step);
    case 'judging:close':
      return judgingClose(step);
    case 'judging:return':
      return judgingReturn(step, command);
    case 'judging:publish':
      return judgingPublish(step);
    case 'tiebreak:restart':
      return tiebreakRestart(step);
    case 'team:act':
      return teamAct(step, command);
    case 'contest:pause':
      return contestPause(step);
    case 'contest:resume':
      return contestResume(step);
    case 'answer:submit':
      return answerSubmit(step, command, teamId);
    case 'buzz:press':
      return buzzPress(step, teamId);
    case 'stake:pick':
      return stakePick(step, command, teamId);
    case 'judge:score':
      return judgeScore(step, command, actor.role === 'judge' ? actor.judgeId : '');
    case 'timer:expire':
    case 'audience:join':
    case 'audience:answer':
      return null; // handled before a step is opened
  }
}

const wrongPhase = (step: Step) => fail('contest/wrong-phase', { phase: step.core.phase });
const wrongRound = (round: Round | undefined) => fail('contest/wrong-round', { kind: round?.kind ?? 'none' });

// ── rounds ──────────────────────────────────────────────────────────────────────────────────────

function contestStart(step: Step): Outcome {
  if (step.core.phase !== 'lobby') return wrongPhase(step);
  step.record({ type: 'contest-start' });
  enterRound(step, 0);
  return null;
}

function enterRound(step: Step, index: number): void {
  const { config, core } = step;
  const round = config.rounds[index];
  if (!round) return finish(step);
  core.roundIndex = index;
  core.question = null;
  core.audienceDeadline = null;
  core.stakesUsed = round.kind === 'risk' ? Object.fromEntries(config.teams.map((t) => [t.id, []])) : {};
  core.judging = round.kind === 'judged' ? { teamId: null, scores: {}, closed: false, returned: {}, results: {} } : null;
  core.tiebreak = null;
  if (round.kind === 'tiebreak') {
    const pending = openTies(config, core.scores, core.playoffs, round.places ?? config.teams.length);
    const first = pending.shift();
    core.tiebreak = { pending, active: first ? newGroup(first) : null, stale: false, resolved: [] };
  }
  step.setPhase('round-intro');
  step.record({ type: 'round-start', roundId: round.id, kind: round.kind });
  step.emit({ type: 'round', roundIndex: index });
}

function finish(step: Step): void {
  const { core } = step;
  core.question = null;
  core.audienceDeadline = null;
  step.setPhase('finished');
  step.record({ type: 'finish', standings: rankTeams(step.config, core.scores, core.playoffs) });
  step.emit({ type: 'finished' });
}

function roundNext(step: Step): Outcome {
  if (!BETWEEN_QUESTIONS.has(step.core.phase)) return wrongPhase(step);
  // A tie-break cut short (questions used up, or the host moves on) keeps what it decided so far.
  const tb = step.core.tiebreak;
  if (tb?.active) finalizeGroup(step, false);
  enterRound(step, step.core.roundIndex + 1);
  return null;
}

// ── questions ───────────────────────────────────────────────────────────────────────────────────

function questionOpen(step: Step): Outcome {
  const { core, now } = step;
  const round = step.round;
  if (!round || core.phase === 'lobby') return wrongPhase(step);
  if (!isQuestionRound(round)) return wrongRound(round);
  if (round.kind === 'risk' ? core.phase !== 'stakes-locked' : core.phase !== 'round-intro' && core.phase !== 'question-ready') {
    return wrongPhase(step);
  }
  if (round.kind === 'tiebreak' && !core.tiebreak?.active) return fail('contest/no-tie');
  const q = (core.question ??= newSlot(0));
  const question = round.questions[q.index]!;
  const teams = step.config.teams.map((t) => t.id);
  q.eligible =
    round.kind === 'risk'
      ? teams.filter((t) => typeof q.picks[t] === 'number')
      : round.kind === 'tiebreak'
        ? [...core.tiebreak!.active!.teams]
        : teams;
  q.openingId = step.nextPhaseId;
  q.shownAt = now;
  // A short answer is spoken on stage: the audience has nothing to pick, so it does not play along.
  q.audienceWindowMs = round.audience && question.type !== 'shortanswer' ? audienceWindowMs(round) : null;
  core.audienceDeadline = q.audienceWindowMs === null ? null : now + q.audienceWindowMs;
  core.openings.push({
    openingId: q.openingId,
    roundIndex: core.roundIndex,
    questionIndex: q.index,
    questionId: question.id,
    revision: question.revision,
    at: now,
    revealed: false,
  });
  step.record({ type: 'question-shown', questionId: question.id, revision: question.revision, openingId: q.openingId });
  step.emit({ type: 'question-shown', openingId: q.openingId, roundIndex: core.roundIndex, questionIndex: q.index });
  if (round.kind === 'compulsory' || round.kind === 'risk') {
    step.setPhase('answering', now + round.timeLimitMs);
    if (q.eligible.length === 0) lock(step, 'all-answered');
  } else {
    step.setPhase('question-shown');
  }
  return null;
}

function lock(step: Step, by: 'host' | 'timer' | 'all-answered'): void {
  step.record({ type: 'lock', by });
  step.emit({ type: 'locked' });
  step.setPhase('locked');
}

function drop(step: Step, by: 'host' | 'timer'): void {
  step.core.question!.dropped = true;
  step.record({ type: 'dropped', by });
  step.emit({ type: 'dropped' });
  step.setPhase('locked');
}

function answerLock(step: Step): Outcome {
  const { core } = step;
  const round = step.round;
  // The lock key in a judged round closes judging for review (publishing is its own step).
  if (core.phase === 'judging' && round?.kind === 'judged') return judgingClose(step);
  if (!round || !isQuestionRound(round)) return wrongPhase(step);
  if (core.phase === 'buzz-open') {
    drop(step, 'host');
    return null;
  }
  if (core.phase !== 'answering') return wrongPhase(step);
  if (!isBuzzRound(round)) {
    lock(step, 'host');
    return null;
  }
  // An oral answer needs the host's verdict; a device answer can be cut off like a timeout.
  if (round.answerMode === 'oral') return fail('contest/judge-first');
  applyVerdict(step, round, 'timeout', 'host');
  return null;
}

function questionReveal(step: Step): Outcome {
  const { core, config } = step;
  const round = step.round;
  if (core.phase !== 'locked' || !round || !isQuestionRound(round)) return wrongPhase(step);
  const q = core.question!;
  const question = round.questions[q.index]!;
  if (round.kind === 'compulsory') {
    if (question.type === 'shortanswer' && q.eligible.some((t) => !own(q.answers, t))) return fail('contest/judge-first');
    for (const t of q.eligible) {
      const delta = own(q.answers, t)?.correct ? round.correctPoints : round.wrongPoints;
      q.deltas[t] = delta;
      step.addScore(t, delta);
    }
  } else if (round.kind === 'risk') {
    for (const t of q.eligible) {
      const stake = q.picks[t] as number;
      const delta = own(q.answers, t)?.correct ? stake : -stake;
      q.deltas[t] = delta;
      step.addScore(t, delta);
    }
  } else {
    // Buzzer scores were applied as the host judged; the reveal only publishes the key.
    for (const x of [...q.falseStarts, ...q.attempts]) q.deltas[x.teamId] = round2((q.deltas[x.teamId] ?? 0) + x.delta);
  }
  q.revealed = true;
  const opening = core.openings.find((o) => o.openingId === q.openingId);
  if (opening) opening.revealed = true;
  core.audienceDeadline = null;
  const stats = step.state.audience.stats[q.openingId!];
  step.record({
    type: 'reveal',
    questionId: question.id,
    deltas: { ...q.deltas },
    audience: { answers: stats?.answers ?? 0, correct: stats?.correct ?? 0 },
  });
  step.emit({ type: 'reveal', openingId: q.openingId! });
  if (round.audience) {
    core.board = buildBoard(step.state.audience, core, config.audience.leaderboardSize, q.openingId!);
    step.emit({ type: 'leaderboard' });
  }
  step.setPhase('revealed');
  return null;
}

function questionNext(step: Step): Outcome {
  const { core } = step;
  const round = step.round;
  if (core.phase !== 'revealed' || !round || !isQuestionRound(round)) return wrongPhase(step);
  if (round.kind === 'tiebreak' && !core.tiebreak?.active) return fail('contest/no-tie');
  const next = core.question!.index + 1;
  if (next >= round.questions.length) return fail('contest/no-more-questions');
  core.question = newSlot(next);
  core.audienceDeadline = null;
  step.setPhase('question-ready');
  return null;
}

/** Option indexes must exist, not repeat, and be exactly one for single choice and true/false. */
function checkOptions(question: ContestQuestion, options: readonly number[]): ContestError | null {
  const count = displayOptions(question).length;
  for (const i of options) if (i >= count) return fail('contest/unknown-option', { index: i + 1 });
  if (new Set(options).size !== options.length) return fail('contest/invalid-answer');
  if (question.type !== 'multiple' && options.length !== 1) return fail('contest/invalid-answer');
  return null;
}

function answerSubmit(step: Step, command: CommandOf<'answer:submit'>, teamId: string): Outcome {
  const { core, now } = step;
  const round = step.round;
  if (!round || core.phase === 'lobby') return wrongPhase(step);
  if (!isQuestionRound(round)) return wrongRound(round);
  const q = core.question;
  if (!q || q.openingId === null) return wrongPhase(step);
  if (command.openingId !== undefined && command.openingId !== q.openingId) return fail('contest/stale-question');
  const question = round.questions[q.index]!;
  if (question.type === 'shortanswer') return fail('contest/answer-mode');
  if (round.kind === 'compulsory' || round.kind === 'risk') {
    if (own(q.answers, teamId)) return fail('contest/already-answered');
    if (core.phase !== 'answering') return wrongPhase(step);
    if (!q.eligible.includes(teamId)) return fail(q.picks[teamId] === 'pass' ? 'contest/passed' : 'contest/not-answering-team');
    if (core.deadline !== null && now > core.deadline) return fail('contest/too-late');
    const invalid = checkOptions(question, command.options);
    if (invalid) return invalid;
    const correct = isCorrect(question, command.options);
    q.answers[teamId] = { options: [...command.options], at: now, correct };
    step.record({ type: 'answer', teamId, options: [...command.options], correct });
    step.emit({ type: 'answered', teamId, at: now });
    if (q.eligible.every((t) => Object.hasOwn(q.answers, t))) lock(step, 'all-answered');
    return null;
  }
  if (round.answerMode !== 'device') return fail('contest/answer-mode');
  if (core.phase !== 'answering') return wrongPhase(step);
  if (q.answering !== teamId) return fail('contest/not-answering-team');
  if (core.deadline !== null && now > core.deadline) return fail('contest/too-late');
  const invalid = checkOptions(question, command.options);
  if (invalid) return invalid;
  applyVerdict(step, round, isCorrect(question, command.options) ? 'correct' : 'incorrect', 'device', [...command.options]);
  return null;
}

// ── buzzer and tiebreak ─────────────────────────────────────────────────────────────────────────

function buzzOpen(step: Step): Outcome {
  const round = step.round;
  if (!round || step.core.phase === 'lobby') return wrongPhase(step);
  if (!isBuzzRound(round)) return wrongRound(round);
  if (step.core.phase !== 'question-shown') return wrongPhase(step);
  step.core.question!.buzzOpenedAt = step.now;
  step.record({ type: 'buzz-open' });
  step.setPhase('buzz-open', step.now + round.buzzWindowMs);
  return null;
}

function buzzPress(step: Step, teamId: string): Outcome {
  const { core, now } = step;
  const round = step.round;
  if (!round || core.phase === 'lobby') return wrongPhase(step);
  if (!isBuzzRound(round)) return wrongRound(round);
  const q = core.question;
  if (core.phase === 'locked' || core.phase === 'revealed') return fail('contest/buzz-closed');
  if (!q || (core.phase !== 'question-shown' && core.phase !== 'buzz-open' && core.phase !== 'answering')) return wrongPhase(step);
  if (!q.eligible.includes(teamId)) return fail('contest/not-in-tiebreak');
  if (core.phase === 'question-shown') {
    // A false start: the buzz came before the host opened buzzing. It costs points once per question.
    if (q.falseStarts.some((f) => f.teamId === teamId)) return fail('contest/already-false-started');
    const delta = round.kind === 'buzzer' ? round.falseStartPoints : 0;
    q.falseStarts.push({ teamId, at: now, delta });
    step.addScore(teamId, delta);
    // In a tie-break nothing may change scores, so a false start costs the team the question instead.
    if (round.kind === 'tiebreak' || round.falseStartForfeits) q.excluded.push(teamId);
    step.record({ type: 'false-start', teamId, delta });
    step.emit({ type: 'false-start', teamId, at: now, delta });
    return null;
  }
  if (q.excluded.includes(teamId)) return fail('contest/buzz-excluded');
  if (q.buzzes.some((b) => b.teamId === teamId)) return fail('contest/already-buzzed');
  if (core.phase === 'buzz-open') {
    // Judged by server arrival: commands are applied one at a time, so the first one here wins.
    if (core.deadline !== null && now > core.deadline) return fail('contest/too-late');
    q.buzzes.push({ teamId, at: now });
    q.answering = teamId;
    step.record({ type: 'buzz', teamId, position: 1 });
    step.emit({ type: 'buzz', teamId, at: now, position: 1 });
    step.setPhase('answering', now + round.answerTimeMs);
    return null;
  }
  // While a team answers, later buzzes queue up for rebounds (补答), as many as the round allows.
  const rebounds = round.kind === 'buzzer' ? round.rebounds : 0;
  if (q.buzzes.length >= 1 + rebounds) return fail('contest/buzz-closed');
  q.buzzes.push({ teamId, at: now });
  step.record({ type: 'buzz', teamId, position: q.buzzes.length });
  step.emit({ type: 'buzz', teamId, at: now, position: q.buzzes.length });
  return null;
}

function answerJudge(step: Step, command: CommandOf<'answer:judge'>): Outcome {
  const round = step.round;
  if (!round || step.core.phase === 'lobby') return wrongPhase(step);
  if (round.kind === 'compulsory' && step.core.question && round.questions[step.core.question.index]!.type === 'shortanswer') {
    return judgeShortAnswer(step, command);
  }
  if (!isBuzzRound(round)) return wrongRound(round);
  if (round.answerMode !== 'oral') return fail('contest/answer-mode');
  if (step.core.phase !== 'answering') return wrongPhase(step);
  if (command.teamId !== undefined && command.teamId !== step.core.question!.answering) return fail('contest/not-answering-team');
  applyVerdict(step, round, command.verdict, 'host');
  return null;
}

/**
 * 简答/口答 in a compulsory round: each team answers aloud and the host gives each a verdict, while the
 * time runs or after it is locked. A verdict can be changed until the reveal, which scores them all.
 */
function judgeShortAnswer(step: Step, command: CommandOf<'answer:judge'>): Outcome {
  const { core, now } = step;
  const q = core.question!;
  if (core.phase !== 'answering' && core.phase !== 'locked') return wrongPhase(step);
  if (command.teamId === undefined || !q.eligible.includes(command.teamId)) return fail('contest/not-answering-team');
  const correct = command.verdict === 'correct';
  q.answers[command.teamId] = { options: [], at: now, correct };
  step.record({ type: 'answer', teamId: command.teamId, options: [], correct });
  step.emit({ type: 'answered', teamId: command.teamId, at: now });
  return null;
}

/**
 * Settles the answering team's turn. Buzzer rounds score it at once (the verdict is public on stage)
 * and pass a wrong or late answer on to the next team in buzz order while rebounds remain; a
 * tie-break turns it into a rank decision.
 */
function applyVerdict(step: Step, round: BuzzRound, verdict: Verdict, by: 'host' | 'device' | 'timer', options?: number[]): void {
  const q = step.core.question!;
  const teamId = q.answering!;
  const rebound = q.attempts.length > 0;
  let delta = 0;
  if (round.kind === 'buzzer') {
    if (verdict === 'correct') delta = rebound ? (round.reboundCorrectPoints ?? round.correctPoints) : round.correctPoints;
    else if (rebound && round.reboundWrongPoints !== undefined) delta = round.reboundWrongPoints;
    else delta = verdict === 'timeout' ? round.timeoutPoints : round.wrongPoints;
    step.addScore(teamId, delta);
  }
  q.attempts.push({ teamId, verdict, delta, rebound, at: step.now, ...(options ? { options } : {}) });
  step.record({ type: 'judgement', teamId, verdict, delta, rebound, by, ...(options ? { options } : {}) });
  step.emit({ type: 'judgement', teamId, verdict, delta, rebound });
  q.answering = null;
  if (round.kind === 'tiebreak') {
    tiebreakOutcome(step, teamId, verdict === 'correct' ? 'win' : 'lose');
  } else if (verdict !== 'correct') {
    const next = q.buzzes[q.attempts.length];
    if (next && q.attempts.length <= round.rebounds) {
      q.answering = next.teamId;
      step.setPhase('answering', step.now + round.answerTimeMs);
      return;
    }
  }
  step.emit({ type: 'locked' });
  step.setPhase('locked');
}

/** Sudden death: a right answer takes the best open place of the group, a wrong or late one the worst. */
function tiebreakOutcome(step: Step, teamId: string, outcome: 'win' | 'lose'): void {
  const group = step.core.tiebreak?.active;
  if (!group || !group.teams.includes(teamId)) return;
  group.teams = group.teams.filter((t) => t !== teamId);
  (outcome === 'win' ? group.top : group.bottom).push(teamId);
  step.record({ type: 'tiebreak', teamId, outcome });
  step.emit({ type: 'tiebreak', teamId, outcome });
  if (group.teams.length <= 1) finalizeGroup(step, true);
}

const newGroup = (teams: string[]) => ({ all: [...teams], teams: [...teams], top: [], bottom: [] });
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t) => b.includes(t));

/** Records a group's order as a playoff and moves on to the next tied group the scores make (if `next`). */
function finalizeGroup(step: Step, next: boolean): void {
  const { core } = step;
  const tb = core.tiebreak!;
  const group = tb.active!;
  const order = groupOrder(group);
  const teams = [...group.all].sort();
  core.playoffs = [...core.playoffs.filter((p) => !sameSet(p.teams, teams)), { teams, order }];
  tb.resolved.push(order);
  tb.active = null;
  tb.stale = false;
  const round = step.round;
  const open = round?.kind === 'tiebreak' ? openTies(step.config, core.scores, core.playoffs, round.places ?? step.config.teams.length) : [];
  const following = next ? open.shift() : undefined;
  tb.active = following ? newGroup(following) : null;
  tb.pending = following ? open : [];
}

/** A question of the round is on screen and not revealed yet. */
const questionInFlight = (core: CoreState) => core.question !== null && core.question.openingId !== null && !core.question.revealed;

/**
 * After any score change in a tie-break round: the waiting groups are worked out again from the scores.
 * The active group stays if it is still exactly a tied group; if not and it has not started playing, the
 * new first group replaces it; if it has started, it is marked stale and the host decides (restart).
 */
function refreshTies(step: Step): void {
  const { core, config } = step;
  const tb = core.tiebreak;
  const round = step.round;
  if (!tb || round?.kind !== 'tiebreak') return;
  const open = openTies(config, core.scores, core.playoffs, round.places ?? config.teams.length);
  const active = tb.active;
  const wasStale = tb.stale;
  if (active && open.some((g) => sameSet(g, active.all))) {
    tb.pending = open.filter((g) => !sameSet(g, active.all));
    tb.stale = false;
  } else if (!active || (active.top.length === 0 && active.bottom.length === 0 && !questionInFlight(core))) {
    const first = open.shift();
    tb.active = first ? newGroup(first) : null;
    tb.pending = open;
    tb.stale = false;
  } else {
    tb.pending = open;
    tb.stale = true;
  }
  if (tb.stale && !wasStale) step.emit({ type: 'tiebreak-stale' });
}

/** Starts the tie-break again with the tied groups the scores make now, dropping the active group's progress. */
function tiebreakRestart(step: Step): Outcome {
  const { core, config } = step;
  const round = step.round;
  if (round?.kind !== 'tiebreak' || !core.tiebreak) return wrongRound(round);
  if (questionInFlight(core)) return fail('contest/question-in-flight');
  const open = openTies(config, core.scores, core.playoffs, round.places ?? config.teams.length);
  const first = open.shift();
  core.tiebreak = { ...core.tiebreak, active: first ? newGroup(first) : null, pending: open, stale: false };
  step.record({ type: 'tiebreak-restart', teams: first ? [...first] : [] });
  step.emit({ type: 'tiebreak-restarted', teams: first ? [...first] : [] });
  // The next question of the round goes to the new group (a revealed slot moves on by `question:next`).
  if (core.phase === 'round-intro' || core.phase === 'question-ready' || core.phase === 'revealed') step.setPhase(core.phase);
  return null;
}

// ── risk ────────────────────────────────────────────────────────────────────────────────────────

function stakeOpen(step: Step): Outcome {
  const { core, config, now } = step;
  const round = step.round;
  if (!round || core.phase === 'lobby') return wrongPhase(step);
  if (round.kind !== 'risk') return wrongRound(round);
  if (core.phase !== 'round-intro' && core.phase !== 'question-ready') return wrongPhase(step);
  const q = (core.question ??= newSlot(0));
  const sign = round.pickOrder === 'lowest-first' ? 1 : -1;
  q.pickOrder = config.teams
    .map((t, i) => ({ id: t.id, score: core.scores[t.id] ?? 0, i }))
    .sort((a, b) => sign * (a.score - b.score) || a.i - b.i)
    .map((t) => t.id);
  q.picks = {};
  step.record({ type: 'stake-open', order: [...q.pickOrder] });
  step.setPhase('stake-picking', now + round.stakeTimeMs);
  return null;
}

const nextPicker = (q: QuestionState): string | undefined => q.pickOrder.find((t) => !Object.hasOwn(q.picks, t));

function stakePick(step: Step, command: CommandOf<'stake:pick'>, teamId: string): Outcome {
  const { core } = step;
  const round = step.round;
  if (!round || core.phase === 'lobby') return wrongPhase(step);
  if (round.kind !== 'risk') return wrongRound(round);
  if (core.phase !== 'stake-picking') return wrongPhase(step);
  const q = core.question!;
  if (nextPicker(q) !== teamId) return fail('contest/not-your-turn');
  const stake = command.stake;
  if (stake === 'pass') {
    if (!round.allowPass) return fail('contest/pass-not-allowed');
  } else {
    if (!round.stakes.includes(stake)) return fail('contest/unknown-stake', { stake });
    if ((core.stakesUsed[teamId] ?? []).includes(stake)) return fail('contest/stake-used', { stake });
  }
  applyPick(step, round, teamId, stake, false);
  return null;
}

function applyPick(step: Step, round: Extract<Round, { kind: 'risk' }>, teamId: string, stake: Stake, auto: boolean): void {
  const { core } = step;
  const q = core.question!;
  q.picks[teamId] = stake;
  if (stake !== 'pass') (core.stakesUsed[teamId] ??= []).push(stake);
  step.record({ type: 'stake', teamId, stake, auto });
  step.emit({ type: 'stake', teamId, stake, auto });
  if (nextPicker(q)) step.setPhase('stake-picking', step.now + round.stakeTimeMs);
  else step.setPhase('stakes-locked');
}

// ── judged ──────────────────────────────────────────────────────────────────────────────────────

function judgingOpen(step: Step, command: CommandOf<'judging:open'>): Outcome {
  const { core, config } = step;
  const round = step.round;
  if (!round || core.phase === 'lobby') return wrongPhase(step);
  if (round.kind !== 'judged') return wrongRound(round);
  if (core.phase !== 'round-intro' && core.phase !== 'scored') return wrongPhase(step);
  const judging = core.judging!;
  const order = performers(config, round);
  const teamId = command.teamId ?? order.find((t) => !Object.hasOwn(judging.results, t));
  if (teamId === undefined) return fail('contest/no-more-teams');
  if (!order.includes(teamId)) return fail('contest/unknown-team', { teamId });
  if (Object.hasOwn(judging.results, teamId)) return fail('contest/already-judged');
  judging.teamId = teamId;
  judging.scores[teamId] = {};
  judging.closed = false;
  judging.returned = {};
  step.record({ type: 'judging-open', teamId });
  step.setPhase('judging');
  return null;
}

/**
 * A judge's score for the team on stage. A judge may change it until the host closes judging; after
 * that only a score the host sent back can be given again. Nothing is added to the team's score here:
 * only the host's publish does that.
 */
function judgeScore(step: Step, command: CommandOf<'judge:score'>, judgeId: string): Outcome {
  const { core } = step;
  const round = step.round;
  if (!round || core.phase === 'lobby') return wrongPhase(step);
  if (round.kind !== 'judged') return wrongRound(round);
  if (!round.judges.some((j) => j.id === judgeId)) return fail('contest/not-a-judge');
  if (core.phase !== 'judging') return wrongPhase(step);
  const judging = core.judging!;
  if (command.teamId !== judging.teamId) return fail('contest/not-current-team');
  if (judging.closed && !Object.hasOwn(judging.returned, judgeId)) return fail('contest/judging-closed');
  if (command.score < round.minScore || command.score > round.maxScore || !hasTwoDecimals(command.score)) {
    return fail('contest/score-out-of-range', { min: round.minScore, max: round.maxScore });
  }
  const scores = judging.scores[command.teamId] ?? {};
  const previous = own(scores, judgeId);
  if (previous === command.score) return 'noop';
  scores[judgeId] = command.score;
  judging.scores[command.teamId] = scores;
  delete judging.returned[judgeId];
  step.record({ type: 'judge-score', judgeId, teamId: command.teamId, score: command.score, ...(previous === undefined ? {} : { previous }) });
  step.emit({ type: 'judge-score', judgeId, teamId: command.teamId });
  return null;
}

/** The host closes judging of the team on stage: the scores freeze for review. */
function judgingClose(step: Step): Outcome {
  const { core } = step;
  const round = step.round;
  if (round?.kind !== 'judged') return wrongRound(round);
  if (core.phase !== 'judging') return wrongPhase(step);
  const judging = core.judging!;
  if (judging.closed) return fail('contest/judging-closed');
  const min = round.aggregate === 'trimmed-mean' ? 3 : 1;
  if (Object.keys(judging.scores[judging.teamId!] ?? {}).length < min) return fail('contest/not-enough-scores', { min });
  judging.closed = true;
  step.record({ type: 'judging-close', teamId: judging.teamId! });
  step.emit({ type: 'judging-closed', teamId: judging.teamId! });
  step.setPhase('judging');
  return null;
}

/** In review, the host sends one judge's score back to that judge, with a reason they are shown. */
function judgingReturn(step: Step, command: CommandOf<'judging:return'>): Outcome {
  const { core } = step;
  const round = step.round;
  if (round?.kind !== 'judged') return wrongRound(round);
  if (core.phase !== 'judging') return wrongPhase(step);
  const judging = core.judging!;
  if (!judging.closed) return fail('contest/judging-open');
  if (!round.judges.some((j) => j.id === command.judgeId)) return fail('contest/unknown-judge', { judgeId: command.judgeId });
  const teamId = judging.teamId!;
  const scores = judging.scores[teamId] ?? {};
  const score = own(scores, command.judgeId);
  if (score === undefined) return fail('contest/no-score');
  delete scores[command.judgeId];
  judging.returned[command.judgeId] = command.reason;
  step.record({ type: 'judge-return', judgeId: command.judgeId, teamId, score, reason: command.reason });
  step.emit({ type: 'judge-returned', judgeId: command.judgeId, teamId, reason: command.reason });
  step.setPhase('judging');
  return null;
}

/** The host publishes the reviewed scores: only now is the aggregate added and shown on the big screen. */
function judgingPublish(step: Step): Outcome {
  const { core } = step;
  const round = step.round;
  if (round?.kind !== 'judged') return wrongRound(round);
  if (core.phase !== 'judging') return wrongPhase(step);
  const judging = core.judging!;
  if (!judging.closed) return fail('contest/judging-open');
  if (Object.keys(judging.returned).length) return fail('contest/scores-returned', { n: Object.keys(judging.returned).length });
  const teamId = judging.teamId!;
  const scores = judging.scores[teamId] ?? {};
  const list = Object.values(scores);
  const min = round.aggregate === 'trimmed-mean' ? 3 : 1;
  if (list.length < min) return fail('contest/not-enough-scores', { min });
  const aggregate = aggregateScores(list, round.aggregate);
  const delta = round2(aggregate * round.weight);
  step.addScore(teamId, delta);
  judging.results[teamId] = { scores: { ...scores }, aggregate, delta };
  judging.teamId = null;
  judging.closed = false;
  judging.returned = {};
  step.record({ type: 'judged', teamId, aggregate, delta, by: 'host' });
  step.emit({ type: 'judged', teamId, aggregate, delta });
  step.setPhase('scored');
  return null;
}

// ── the host acts for a team ────────────────────────────────────────────────────────────────────

/**
 * A team's device failed: the host gives its answer, presses its buzzer or picks its stake. The same
 * rules apply as for the team itself; the record says the host did it for that team, and why.
 */
function teamAct(step: Step, command: CommandOf<'team:act'>): Outcome {
  const { teamId, action, reason } = command;
  if (!step.config.teams.some((t) => t.id === teamId)) return fail('contest/unknown-team', { teamId });
  step.record({ type: 'proxy', teamId, action: action.type, reason });
  switch (action.type) {
    case 'answer:submit':
      return answerSubmit(step, { type: 'answer:submit', options: action.options }, teamId);
    case 'buzz:press':
      return buzzPress(step, teamId);
    case 'stake:pick':
      return stakePick(step, { type: 'stake:pick', stake: action.stake }, teamId);
  }
}

// ── host corrections, undo, pause, timers ───────────────────────────────────────────────────────

function scoreAdjust(step: Step, command: CommandOf<'score:adjust'>): Outcome {
  if (!step.config.teams.some((t) => t.id === command.teamId)) return fail('contest/unknown-team', { teamId: command.teamId });
  step.addScore(command.teamId, command.delta);
  step.adjust = { teamId: command.teamId, delta: command.delta };
  step.record({ type: 'correction', teamId: command.teamId, delta: command.delta, reason: command.reason });
  step.emit({ type: 'correction', teamId: command.teamId, delta: command.delta, reason: command.reason });
  return null;
}

/**
 * Takes back the last host step. A correction is reversed by its inverse. Any other step restores the
 * core as it was before it, with the time that was left then: the deadlines move by the contest time
 * that has passed since (pauses excluded), and whatever followed from the step (a rebound, a timeout,
 * the reveal's scores) goes with it. The phaseId still goes forward, so timers of the undone future
 * are ignored.
 */
function stepUndo(step: Step): Outcome {
  const entry = step.undo[step.undo.length - 1];
  if (!entry) return fail('contest/nothing-to-undo');
  step.undo = step.undo.slice(0, -1);
  step.record({ type: 'undo', undoneSeq: entry.seq, undoneType: entry.type });
  step.emit({ type: 'undo', undone: entry.type });
  if (entry.adjust) {
    step.addScore(entry.adjust.teamId, -entry.adjust.delta);
    return null;
  }
  const restored = entry.core!;
  const shift = (step.pausedAt ?? step.now) - entry.at;
  step.core = {
    ...restored,
    deadline: restored.deadline === null ? null : restored.deadline + shift,
    audienceDeadline: restored.audienceDeadline === null ? null : restored.audienceDeadline + shift,
  };
  step.phaseChanged = true;
  step.scoresChanged = true;
  step.restored = true;
  step.emit({ type: 'leaderboard' });
  return null;
}

function contestPause(step: Step): Outcome {
  if (step.pausedAt !== null) return fail('contest/already-paused');
  if (step.core.phase === 'lobby') return wrongPhase(step);
  step.pausedAt = step.now;
  // A new phaseId makes the running timer stale; resume schedules a new one.
  step.phaseChanged = true;
  step.record({ type: 'pause' });
  step.emit({ type: 'paused' });
  return null;
}

function contestResume(step: Step): Outcome {
  if (step.pausedAt === null) return fail('contest/not-paused');
  const { core } = step;
  const pausedMs = step.now - step.pausedAt;
  if (core.deadline !== null) core.deadline += pausedMs;
  if (core.audienceDeadline !== null) core.audienceDeadline += pausedMs;
  step.pausedAt = null;
  step.phaseChanged = true;
  step.record({ type: 'resume', pausedMs });
  step.emit({ type: 'resumed' });
  return null;
}

function timerExpire(step: Step): null | 'noop' {
  const { core } = step;
  const round = step.round;
  if (!round || core.deadline === null) return 'noop';
  if (core.phase === 'stake-picking' && round.kind === 'risk') {
    const q = core.question!;
    const teamId = nextPicker(q)!;
    const used = core.stakesUsed[teamId] ?? [];
    const lowest = [...round.stakes].sort((a, b) => a - b).find((s) => !used.includes(s));
    applyPick(step, round, teamId, round.allowPass || lowest === undefined ? 'pass' : lowest, true);
    return null;
  }
  if (!isQuestionRound(round)) return 'noop';
  if (core.phase === 'buzz-open') {
    drop(step, 'timer');
    return null;
  }
  if (core.phase === 'answering') {
    if (isBuzzRound(round)) applyVerdict(step, round, 'timeout', 'timer');
    else lock(step, 'timer');
    return null;
  }
  return 'noop';
}

// ── audience (mutates state.audience in place) ──────────────────────────────────────────────────

function audienceJoin(state: ContestState, command: CommandOf<'audience:join'>, actor: Extract<Actor, { role: 'audience' }>, now: number): ReduceResult {
  if (state.core.phase === 'finished') return { ok: false, error: fail('contest/finished') };
  const audience = state.audience;
  const member = own(audience.members, actor.memberId);
  const county = command.county ?? actor.county ?? member?.county ?? null;
  if (member) {
    if (member.county !== county) {
      // Answers were already counted for the old county; moving them would rewrite the tally.
      if (member.answers.length) return { ok: false, error: fail('contest/county-locked') };
      countParticipant(audience, member.county, -1);
      countParticipant(audience, county, 1);
      member.county = county;
    }
    member.nickname = command.nickname;
  } else {
    audience.members[actor.memberId] = { id: actor.memberId, nickname: command.nickname, county, joinedAt: now, answers: [] };
    audience.count++;
    countParticipant(audience, county, 1);
  }
  return { ok: true, state, events: [{ type: 'audience-joined', memberId: actor.memberId, count: audience.count }] };
}

function countParticipant(audience: AudienceState, county: string | null, delta: number): void {
  if (county === null) return;
  audience.participants[county] = (own(audience.participants, county) ?? 0) + delta;
}

/** O(1): checks, one push onto the member's answers, and a few counter increments. */
function audienceAnswer(state: ContestState, command: CommandOf<'audience:answer'>, memberId: string, now: number): ReduceResult {
  const member = own(state.audience.members, memberId);
  if (!member) return { ok: false, error: fail('contest/not-joined') };
  if (state.pausedAt !== null) return { ok: false, error: fail('contest/paused') };
  const { core, config } = state;
  const q = core.question;
  const round = config.rounds[core.roundIndex];
  if (!q || q.openingId === null || !round || !isQuestionRound(round) || !AUDIENCE_PHASES.has(core.phase)) {
    return { ok: false, error: fail('contest/wrong-phase', { phase: core.phase }) };
  }
  const openingId = q.openingId;
  if (command.openingId !== undefined && command.openingId !== openingId) return { ok: false, error: fail('contest/stale-question') };
  if (core.audienceDeadline === null || q.audienceWindowMs === null) return { ok: false, error: fail('contest/audience-closed') };
  if (now > core.audienceDeadline) return { ok: false, error: fail('contest/too-late') };
  const last = member.answers[member.answers.length - 1];
  if (last && last.openingId === openingId) return { ok: false, error: fail('contest/already-answered') };
  const question = (round as QuestionRound).questions[q.index]!;
  const invalid = checkOptions(question, command.options);
  if (invalid) return { ok: false, error: invalid };

  const correct = isCorrect(question, command.options);
  const points = audiencePoints(config.audience, correct, core.audienceDeadline - now, q.audienceWindowMs);
  member.answers.push({ openingId, options: [...command.options], at: now, correct, points });
  const stats = (state.audience.stats[openingId] ??= {
    answers: 0,
    correct: 0,
    optionCounts: new Array<number>(displayOptions(question).length).fill(0),
    byCounty: {},
  });
  stats.answers++;
  if (correct) stats.correct++;
  for (const i of command.options) stats.optionCounts[i] = (stats.optionCounts[i] ?? 0) + 1;
  if (member.county !== null) {
    const c = own(stats.byCounty, member.county) ?? (stats.byCounty[member.county] = { answers: 0, correct: 0 });
    c.answers++;
    if (correct) c.correct++;
  }
  return { ok: true, state, events: [{ type: 'audience-answer', memberId, openingId, answers: stats.answers }] };
}

// ── replay ──────────────────────────────────────────────────────────────────────────────────────

export type ReplayResult = { ok: true; state: ContestState } | { ok: false; state: ContestState; index: number; error: ContestError };

/**
 * Rebuilds a contest from its log of accepted commands (each with the actor and the `now` it was
 * accepted at): the crash-recovery path, and the same code as live play. A command the engine
 * refuses means the log and the engine disagree; the state up to it comes back with its index.
 */
export function replay(config: ContestConfig, log: Iterable<LoggedCommand>, from: ContestState = createContest(config)): ReplayResult {
  let state = from;
  let index = 0;
  for (const entry of log) {
    const r = reduce(state, entry.command, { now: entry.now, actor: entry.actor });
    if (!r.ok) return { ok: false, state, index, error: r.error };
    state = r.state;
    index++;
  }
  return { ok: true, state };
}
