import { answerIndexes, displayOptions, type Question } from './question.js';

/**
 * The answer check, for online quizzes and live contests alike: whether a set of chosen option indexes is a
 * well-formed answer to a question, and whether it is right. Indexes are the question's own (0 = A;
 * true/false: 0 = 正确, 1 = 错误), not positions in a shuffled display.
 */

/** What is wrong with a set of chosen options: an option the question does not have, or a malformed set. */
export type ChoiceProblem = { problem: 'unknown-option'; index: number } | { problem: 'malformed' };

/**
 * Option indexes must exist, not repeat, and be exactly one for single choice and true/false (multiple
 * choice: any number). An unknown option is reported first, by its index. Null when the answer is well formed.
 */
export function checkChoice(q: Question, chosen: readonly number[]): ChoiceProblem | null {
  const count = displayOptions(q).length;
  for (const i of chosen) if (!Number.isInteger(i) || i < 0 || i >= count) return { problem: 'unknown-option', index: i };
  if (new Set(chosen).size !== chosen.length) return { problem: 'malformed' };
  if (q.type !== 'multiple' && chosen.length !== 1) return { problem: 'malformed' };
  return null;
}

/** The key as a bit set of option indexes. */
const keyMask = (q: Question): number => answerIndexes(q).reduce((mask, i) => mask | (1 << i), 0);

/** Whether a set of chosen option indexes is exactly the key (multiple choice: all and only the right ones). */
export function isCorrect(q: Question, chosen: readonly number[]): boolean {
  // A short answer has no options to pick: only the host's verdict makes it right.
  if (q.type === 'shortanswer') return false;
  let picked = 0;
  for (const i of chosen) {
    if (!Number.isInteger(i) || i < 0 || i > 30) return false; // no such option
    picked |= 1 << i;
  }
  return picked === keyMask(q);
}
