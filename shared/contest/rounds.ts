/**
 * The show's course: the contest starts, rounds begin and end, and a question is opened, locked,
 * revealed (compulsory and risk answers are scored here) and followed by the next.
 */
import { applyVerdict } from './buzzer.js';
import { audienceWindowMs, isBuzzRound, isQuestionRound } from './config.js';
import { judgingClose } from './judged.js';
import { BETWEEN_QUESTIONS } from './phases.js';
import { buildBoard, openTies, rankTeams, round2 } from './scoring.js';
import { drop, fail, lock, newSlot, own, type Step, wrongPhase, wrongRound, type Outcome } from './step.js';
import { finalizeGroup, newGroup } from './tiebreak.js';

// ── rounds ──────────────────────────────────────────────────────────────────────────────────────

export function contestStart(step: Step): Outcome {
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

export function roundNext(step: Step): Outcome {
  if (!BETWEEN_QUESTIONS.has(step.core.phase)) return wrongPhase(step);
  // A tie-break cut short (questions used up, or the host moves on) keeps what it decided so far.
  const tb = step.core.tiebreak;
  if (tb?.active) finalizeGroup(step, false);
  enterRound(step, step.core.roundIndex + 1);
  return null;
}

// ── questions ───────────────────────────────────────────────────────────────────────────────────

export function questionOpen(step: Step): Outcome {
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

export function answerLock(step: Step): Outcome {
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

export function questionReveal(step: Step): Outcome {
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

export function questionNext(step: Step): Outcome {
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
