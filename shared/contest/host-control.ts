/**
 * What the host does beside running the questions: acting for a team whose device failed, score
 * corrections, undo, pause and resume, and what a phase's timer does when it runs out.
 */
import { answerSubmit } from './answers.js';
import { applyVerdict, buzzPress } from './buzzer.js';
import type { CommandOf } from './commands.js';
import { isBuzzRound, isQuestionRound } from './config.js';
import { applyPick, nextPicker, stakePick } from './risk.js';
import { drop, fail, lock, type Step, wrongPhase, type Outcome } from './step.js';

// ── the host acts for a team ────────────────────────────────────────────────────────────────────

/**
 * A team's device failed: the host gives its answer, presses its buzzer or picks its stake. The same
 * rules apply as for the team itself; the record says the host did it for that team, and why.
 */
export function teamAct(step: Step, command: CommandOf<'team:act'>): Outcome {
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

export function scoreAdjust(step: Step, command: CommandOf<'score:adjust'>): Outcome {
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
export function stepUndo(step: Step): Outcome {
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

export function contestPause(step: Step): Outcome {
  if (step.pausedAt !== null) return fail('contest/already-paused');
  if (step.core.phase === 'lobby') return wrongPhase(step);
  step.pausedAt = step.now;
  // A new phaseId makes the running timer stale; resume schedules a new one.
  step.phaseChanged = true;
  step.record({ type: 'pause' });
  step.emit({ type: 'paused' });
  return null;
}

export function contestResume(step: Step): Outcome {
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

export function timerExpire(step: Step): null | 'noop' {
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
