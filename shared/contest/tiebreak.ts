/**
 * The tie-break round: tied groups worked out from the scores, sudden death within a group, and what
 * happens when the scores change under a group in play.
 */
import { groupOrder, openTies } from './scoring.js';
import { fail, type Step, wrongRound, type Outcome } from './step.js';
import type { CoreState } from './types.js';

/** Sudden death: a right answer takes the best open place of the group, a wrong or late one the worst. */
export function tiebreakOutcome(step: Step, teamId: string, outcome: 'win' | 'lose'): void {
  const group = step.core.tiebreak?.active;
  if (!group || !group.teams.includes(teamId)) return;
  group.teams = group.teams.filter((t) => t !== teamId);
  (outcome === 'win' ? group.top : group.bottom).push(teamId);
  step.record({ type: 'tiebreak', teamId, outcome });
  step.emit({ type: 'tiebreak', teamId, outcome });
  if (group.teams.length <= 1) finalizeGroup(step, true);
}

export const newGroup = (teams: string[]) => ({ all: [...teams], teams: [...teams], top: [], bottom: [] });

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t) => b.includes(t));

/** Records a group's order as a playoff and moves on to the next tied group the scores make (if `next`). */
export function finalizeGroup(step: Step, next: boolean): void {
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
export function refreshTies(step: Step): void {
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
export function tiebreakRestart(step: Step): Outcome {
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
