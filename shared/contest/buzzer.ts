/**
 * Buzzer rounds (and the tie-break's sudden death, played the same way): buzzing opens, the first press
 * answers, false starts, rebounds (补答), and the verdict that settles a team's turn.
 */
import { isBuzzRound, type BuzzRound } from './config.js';
import { fail, type Step, wrongPhase, wrongRound, type Outcome } from './step.js';
import { tiebreakOutcome } from './tiebreak.js';
import type { Verdict } from './types.js';

export function buzzOpen(step: Step): Outcome {
  const round = step.round;
  if (!round || step.core.phase === 'lobby') return wrongPhase(step);
  if (!isBuzzRound(round)) return wrongRound(round);
  if (step.core.phase !== 'question-shown') return wrongPhase(step);
  step.core.question!.buzzOpenedAt = step.now;
  step.record({ type: 'buzz-open' });
  step.setPhase('buzz-open', step.now + round.buzzWindowMs);
  return null;
}

export function buzzPress(step: Step, teamId: string): Outcome {
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

/**
 * Settles the answering team's turn. Buzzer rounds score it at once (the verdict is public on stage)
 * and pass a wrong or late answer on to the next team in buzz order while rebounds remain; a
 * tie-break turns it into a rank decision.
 */
export function applyVerdict(step: Step, round: BuzzRound, verdict: Verdict, by: 'host' | 'device' | 'timer', options?: number[]): void {
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
