/**
 * Team answers: options picked on a device (compulsory and risk rounds, and a buzzer round's device
 * answers) and the host's verdicts on spoken answers.
 */
import { checkChoice, isCorrect } from '../bank/answer.js';
import { applyVerdict } from './buzzer.js';
import type { CommandOf } from './commands.js';
import { isBuzzRound, isQuestionRound, type ContestQuestion } from './config.js';
import { fail, lock, own, type Step, wrongPhase, wrongRound, type Outcome } from './step.js';
import type { ContestError } from './types.js';

/** A chosen set of options the question cannot take (see `checkChoice`), as the engine's rejection. */
export function checkOptions(question: ContestQuestion, options: readonly number[]): ContestError | null {
  const problem = checkChoice(question, options);
  if (!problem) return null;
  return problem.problem === 'unknown-option' ? fail('contest/unknown-option', { index: problem.index + 1 }) : fail('contest/invalid-answer');
}

export function answerSubmit(step: Step, command: CommandOf<'answer:submit'>, teamId: string): Outcome {
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

export function answerJudge(step: Step, command: CommandOf<'answer:judge'>): Outcome {
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
