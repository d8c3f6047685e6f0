/**
 * Risk rounds (风险题): teams pick their stakes in turn before the question, each stake once per round.
 */
import type { CommandOf } from './commands.js';
import type { Round } from './config.js';
import { fail, newSlot, type Step, wrongPhase, wrongRound, type Outcome } from './step.js';
import type { QuestionState, Stake } from './types.js';

export function stakeOpen(step: Step): Outcome {
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

export const nextPicker = (q: QuestionState): string | undefined => q.pickOrder.find((t) => !Object.hasOwn(q.picks, t));

export function stakePick(step: Step, command: CommandOf<'stake:pick'>, teamId: string): Outcome {
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

export function applyPick(step: Step, round: Extract<Round, { kind: 'risk' }>, teamId: string, stake: Stake, auto: boolean): void {
  const { core } = step;
  const q = core.question!;
  q.picks[teamId] = stake;
  if (stake !== 'pass') (core.stakesUsed[teamId] ??= []).push(stake);
  step.record({ type: 'stake', teamId, stake, auto });
  step.emit({ type: 'stake', teamId, stake, auto });
  if (nextPicker(q)) step.setPhase('stake-picking', step.now + round.stakeTimeMs);
  else step.setPhase('stakes-locked');
}
