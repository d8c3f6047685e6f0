/**
 * Judged rounds (评委打分): a team performs, judges score it, the host reviews (and may send a score back)
 * and publishes the aggregate.
 */
import type { CommandOf } from './commands.js';
import { performers, type Round } from './config.js';
import { aggregateScores, hasTwoDecimals, round2 } from './scoring.js';
import { fail, own, type Step, wrongPhase, wrongRound, type Outcome } from './step.js';
import type { ContestError, JudgingState, Phase } from './types.js';

/** What a judged-round command may be given in, beyond being in a judged round. */
interface JudgedGuard {
  /** The phases the command is accepted in. */
  phases: readonly Phase[];
  /** Judging of the team on stage must be closed for review (`true`) or still open (`false`); unset: either. */
  closed?: boolean;
  /** The judge giving a score: must be one of the round's, checked before the phase. */
  judgeId?: string;
  /**
   * Before the first round (no round yet): `true` refuses with `wrong-round` (kind `none`), otherwise
   * with `wrong-phase` (`lobby`). The host's review commands have always answered the former.
   */
  roundFirst?: boolean;
}

type Judged = { round: Extract<Round, { kind: 'judged' }>; judging: JudgingState };

/**
 * The prologue every judged-round command shares: the round's kind, the judge, the phase and whether
 * judging is closed, checked in that order. Gives the round and its judging state, or the rejection.
 */
function judgedStep(step: Step, guard: JudgedGuard): Judged | ContestError {
  const { core } = step;
  const round = step.round;
  if (!guard.roundFirst && (!round || core.phase === 'lobby')) return wrongPhase(step);
  if (round?.kind !== 'judged') return wrongRound(round);
  if (guard.judgeId !== undefined && !round.judges.some((j) => j.id === guard.judgeId)) return fail('contest/not-a-judge');
  if (!guard.phases.includes(core.phase)) return wrongPhase(step);
  const judging = core.judging!;
  if (guard.closed === false && judging.closed) return fail('contest/judging-closed');
  if (guard.closed === true && !judging.closed) return fail('contest/judging-open');
  return { round, judging };
}

const rejected = (g: Judged | ContestError): g is ContestError => 'code' in g;

export function judgingOpen(step: Step, command: CommandOf<'judging:open'>): Outcome {
  const g = judgedStep(step, { phases: ['round-intro', 'scored'] });
  if (rejected(g)) return g;
  const { round, judging } = g;
  const order = performers(step.config, round);
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
export function judgeScore(step: Step, command: CommandOf<'judge:score'>, judgeId: string): Outcome {
  const g = judgedStep(step, { phases: ['judging'], judgeId });
  if (rejected(g)) return g;
  const { round, judging } = g;
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
export function judgingClose(step: Step): Outcome {
  const g = judgedStep(step, { phases: ['judging'], closed: false, roundFirst: true });
  if (rejected(g)) return g;
  const { round, judging } = g;
  const min = round.aggregate === 'trimmed-mean' ? 3 : 1;
  if (Object.keys(judging.scores[judging.teamId!] ?? {}).length < min) return fail('contest/not-enough-scores', { min });
  judging.closed = true;
  step.record({ type: 'judging-close', teamId: judging.teamId! });
  step.emit({ type: 'judging-closed', teamId: judging.teamId! });
  step.setPhase('judging');
  return null;
}

/** In review, the host sends one judge's score back to that judge, with a reason they are shown. */
export function judgingReturn(step: Step, command: CommandOf<'judging:return'>): Outcome {
  const g = judgedStep(step, { phases: ['judging'], closed: true, roundFirst: true });
  if (rejected(g)) return g;
  const { round, judging } = g;
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
export function judgingPublish(step: Step): Outcome {
  const g = judgedStep(step, { phases: ['judging'], closed: true, roundFirst: true });
  if (rejected(g)) return g;
  const { round, judging } = g;
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
