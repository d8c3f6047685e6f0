import { normalizeText, questionFileSchema, questionSchema, type Question } from './question.js';
import { formatPath } from '../protocol/validate.js';
import type { Locale } from '../i18n/messages.js';
import { z } from 'zod';
import { errorMapFor } from '../protocol/validate.js';

/** One finding of the bank check, addressed by file, question id and field. */
export interface BankProblem {
  file: string;
  id: string | null;
  field: string;
  message: string;
}

export interface BankFile {
  name: string;
  /** Parsed JSON, or the parse error's message when the file is not JSON. */
  content: unknown;
  jsonError?: string;
}

/** Character bigrams of a normalised stem, for near-duplicate detection. */
function bigrams(s: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) grams.add(s.slice(i, i + 2));
  return grams;
}

/** Dice similarity of two bigram sets, 0..1. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Stems at or above this similarity are reported as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.85;

/**
 * Checks a whole bank: each question against the shared schema, then across files for repeated ids,
 * identical stems and near-duplicate stems. Pure: the caller reads the files.
 */
export function checkBank(files: readonly BankFile[], locale: Locale = 'zh-CN'): { questions: Question[]; problems: BankProblem[] } {
  const problems: BankProblem[] = [];
  const questions: Question[] = [];
  const where = new Map<string, string>();
  const errorMap = errorMapFor(locale);
  for (const file of files) {
    if (file.jsonError) {
      problems.push({ file: file.name, id: null, field: '(file)', message: file.jsonError });
      continue;
    }
    const shape = questionFileSchema.safeParse(file.content, { error: errorMap });
    if (!shape.success) {
      for (const issue of shape.error.issues) problems.push({ file: file.name, id: null, field: formatPath(issue.path), message: issue.message });
      continue;
    }
    shape.data.questions.forEach((raw, index) => {
      const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `#${index + 1}`;
      const parsed = questionSchema.safeParse(raw, { error: errorMap });
      if (!parsed.success) {
        for (const issue of (parsed.error as z.ZodError).issues) {
          problems.push({ file: file.name, id: rawId, field: formatPath(issue.path), message: issue.message });
        }
        return;
      }
      const q = parsed.data;
      const earlier = where.get(q.id);
      if (earlier) {
        problems.push({ file: file.name, id: q.id, field: 'id', message: `duplicate id (also in ${earlier})` });
        return;
      }
      where.set(q.id, file.name);
      questions.push(q);
    });
  }
  const grams = questions.map((q) => {
    const norm = normalizeText(q.stem);
    return { q, norm, grams: bigrams(norm) };
  });
  for (let i = 0; i < grams.length; i++) {
    for (let j = i + 1; j < grams.length; j++) {
      const a = grams[i]!;
      const b = grams[j]!;
      if (a.norm === b.norm) {
        problems.push({ file: where.get(b.q.id)!, id: b.q.id, field: 'stem', message: `same stem as ${a.q.id}` });
      } else {
        const sim = similarity(a.grams, b.grams);
        if (sim >= NEAR_DUPLICATE_THRESHOLD) {
          problems.push({ file: where.get(b.q.id)!, id: b.q.id, field: 'stem', message: `near-duplicate of ${a.q.id} (similarity ${sim.toFixed(2)})` });
        }
      }
    }
  }
  return { questions, problems };
}
