/**
 * Editorial warnings on an imported question file: the rules of questions/README.md that one question can
 * break on its own (a key that stands out by length, absolute words only on distractors, "all but one",
 * a stem ending in "？"). The import does not refuse such a question — the facts are the organizer's —
 * but says where a test-wise player would get a free point.
 */
import { questionWarnings } from '../../shared/bank/bank-metrics.js';
import { errorMessage, type Locale } from '../../shared/i18n/messages.js';
import type { Question } from '../../shared/bank/question.js';
import type { ImportProblem } from './bank-io.js';

/** One warning per broken rule, addressed like import problems: the row as Excel numbers it, and the column. */
export function importWarnings(questions: readonly Question[], rows: readonly number[], locale: Locale): ImportProblem[] {
  const out: ImportProblem[] = [];
  questions.forEach((q, i) => {
    for (const w of questionWarnings(q)) {
      // Named by the layout's own headers, as import problems are (bank-io.ts COLUMNS).
      const column = w.key === 'bank/warn-question-mark-stem' ? '题干' : w.key === 'bank/warn-absolute-distractor' ? `选项${w.letter}` : '答案';
      out.push({ row: rows[i] ?? null, column, message: errorMessage(w.key, locale, 'letter' in w ? { letter: w.letter } : undefined) });
    }
  });
  return out;
}
