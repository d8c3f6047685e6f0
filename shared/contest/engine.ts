/**
 * The live-contest reducer: a fresh contest, one command applied (checked, dispatched to the module of
 * its round kind or concern, committed), and replay of a command log. Pure: no I/O, no clock, no randomness.
 */
import { answerJudge, answerSubmit } from './answers.js';
import { audienceAnswer, audienceJoin } from './audience-play.js';
import { buzzOpen, buzzPress } from './buzzer.js';
import { COMMAND_ROLES, contestCommandSchema, type CommandType, type ContestCommand } from './commands.js';
import { isQuestionRound, type ContestConfig, type ContestQuestion, type Round } from './config.js';
import { contestPause, contestResume, scoreAdjust, stepUndo, teamAct, timerExpire } from './host-control.js';
import { judgeScore, judgingClose, judgingOpen, judgingPublish, judgingReturn } from './judged.js';
import { ALLOWED_WHILE_PAUSED } from './phases.js';
import { stakeOpen, stakePick } from './risk.js';
import { answerLock, contestStart, questionNext, questionOpen, questionReveal, roundNext } from './rounds.js';
import { fail, Step, type Outcome } from './step.js';
import { refreshTies, tiebreakRestart } from './tiebreak.js';
import type { Actor, ContestError, ContestState, LoggedCommand, ReduceContext, ReduceResult } from './types.js';

export { MAX_UNDO } from './step.js';

// Actor ids come from the server, but they become object keys: a leading letter or digit keeps
// `__proto__` and friends out.
const ACTOR_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const COUNTY = /^(\d{6}|\d{9}|\d{12})$/;

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
    return timerExpire(step) === 'noop' ? { ok: true, state, events: [] } : commit(step, command.type);
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
  return commit(step, command.type);
}

/** Ends an accepted step. Ranks and tie-break groups follow the scores: whatever changed them, the groups are worked out again first. */
function commit(step: Step, type: CommandType): ReduceResult {
  if (step.scoresChanged && !step.restored) refreshTies(step);
  return step.commit(type);
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
