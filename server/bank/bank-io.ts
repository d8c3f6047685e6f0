/**
 * Question-bank spreadsheets: import from and export to the .xlsx / .csv layout organizers already keep
 * their banks in. Pure: bytes in, questions (or problems) out, and back — no database, no HTTP. The layout
 * is in `bank-columns.ts`, reading files in `sheet.ts`, writing them in `bank-export.ts`.
 */
import type { z } from 'zod';
import { errorMessage, type ErrorCode, type Locale } from '../../shared/i18n/messages.js';
import { normalizeText, OPTION_LETTERS, questionIdSchema, questionSchema, type LiteracyEdition, type Question } from '../../shared/bank/question.js';
import { errorMapFor } from '../../shared/protocol/validate.js';
import {
  COLUMN_BY_FIELD,
  COLUMNS,
  DIFFICULTY_WORDS,
  FIELD_ORDER,
  fold,
  HEADER_LOOKUP,
  headerKey,
  isOptionField,
  optionField,
  parseLetters,
  parseLiteracy,
  parseTags,
  parseTrueFalse,
  parseType,
  TOPIC_LOOKUP,
  importedQuestionId,
  type Field,
} from './bank-columns.js';
import { importWarnings } from './bank-warnings.js';
import { DEFAULT_MAX_ROWS, DEFAULT_SHEET_LIMITS, loadSheet } from '../sheets/sheet.js';

export { importedQuestionId } from './bank-columns.js';
export { TEMPLATE_EXAMPLES, writeQuestionSheet, writeTemplate } from './bank-export.js';
export { DEFAULT_MAX_ROWS, loadSheet, type Sheet, type SheetLimits } from '../sheets/sheet.js';

/** One reason a file was rejected: the row as Excel numbers it (header = 1) and the column header, or null for the whole file. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** All or nothing: every question of the file, or every problem found in it. */
export type ImportResult =
  | { ok: true; questions: Question[]; /** Editorial rules broken (server/bank/bank-warnings.ts): imported anyway. */ warnings: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

export interface ImportOptions {
  /** Stems already in the bank; a row repeating one (after `normalizeText`) is rejected. */
  existingStems?: Iterable<string>;
  /** Ids already in the bank; a row using one is rejected (so the problem carries its row). */
  existingIds?: Iterable<string>;
  /** Largest number of questions one file may hold (blank rows not counted). */
  maxRows?: number;
}

/** Problems listed before the rest are summarised in one "还有 N 个问题未列出" line. */
export const MAX_LISTED_PROBLEMS = 200;

interface RowProblem {
  row: number | null;
  field: Field | null;
  /** Column header as written in the file, for columns the file has. */
  message: string;
}

/**
 * Reads a question-bank spreadsheet (.xlsx by content, or .csv by name) and validates every row with the
 * shared question schema. All or nothing: any problem rejects the whole file, with every problem listed
 * (row as Excel shows it, column by its header, message in `locale`; at most 200 plus a summary line).
 */
export async function parseQuestionSheet(
  file: { name: string; data: Uint8Array },
  locale: Locale,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const msg = (code: ErrorCode, params?: Record<string, string | number>) => errorMessage(code, locale, params);
  const fileProblem = (code: ErrorCode, params?: Record<string, string | number>): ImportResult => ({
    ok: false,
    problems: [{ row: null, column: null, message: msg(code, params) }],
  });

  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const loaded = loadSheet(file, { ...DEFAULT_SHEET_LIMITS, maxRows });
  if (!loaded.ok) {
    return { ok: false, problems: [{ row: loaded.row ?? null, column: null, message: msg(loaded.code, loaded.params) }] };
  }
  const { header, rows } = loaded.sheet;

  // Header row → which cell index holds which field.
  const indexOf = new Map<Field, number>();
  const headerText = new Map<Field, string>();
  for (const [i, h] of header.entries()) {
    const field = HEADER_LOOKUP.get(headerKey(h));
    if (!field || h === '') continue;
    const previous = headerText.get(field);
    if (previous !== undefined) return fileProblem('import/duplicate-header', { a: previous, b: h });
    indexOf.set(field, i);
    headerText.set(field, h);
  }
  const missing = COLUMNS.filter((c) => c.required && !indexOf.has(c.field)).map((c) => c.header);
  if (missing.length) return fileProblem('import/missing-headers', { columns: missing.join(locale === 'en' ? ', ' : '、') });
  if (rows.length === 0) return fileProblem('import/no-rows');

  const errorMap = importErrorMap(locale);
  const problems: RowProblem[] = [];
  const questions: Question[] = [];
  const questionRows: number[] = [];
  const existingStems = new Set([...(opts.existingStems ?? [])].map(normalizeText));
  const existingIds = new Set(opts.existingIds ?? []);
  const stemRows = new Map<string, number>();
  const idRows = new Map<string, number>();

  for (const { row, cells } of rows) {
    const get = (f: Field) => {
      const i = indexOf.get(f);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const outcome = readRow(get, msg, errorMap);
    const rowProblems = outcome.problems.map((p) => ({ row, ...p }));

    let stemRepeated = false;
    if (outcome.stemKey !== null) {
      if (existingStems.has(outcome.stemKey)) {
        rowProblems.push({ row, field: 'stem', message: msg('import/existing-stem') });
        stemRepeated = true;
      }
      const first = stemRows.get(outcome.stemKey);
      if (first !== undefined) {
        rowProblems.push({ row, field: 'stem', message: msg('import/duplicate-stem', { row: first }) });
        stemRepeated = true;
      } else stemRows.set(outcome.stemKey, row);
    }
    // A generated id repeats exactly when the stem does, which is already reported.
    if (outcome.id !== null && !stemRepeated) {
      const first = idRows.get(outcome.id);
      if (first !== undefined) rowProblems.push({ row, field: 'id', message: msg('import/duplicate-id', { id: outcome.id, row: first }) });
      else idRows.set(outcome.id, row);
      if (existingIds.has(outcome.id)) rowProblems.push({ row, field: 'id', message: msg('import/existing-id', { id: outcome.id }) });
    }

    if (rowProblems.length) problems.push(...rowProblems);
    else if (outcome.question) {
      questions.push(outcome.question);
      questionRows.push(row);
    }
  }

  if (problems.length === 0) return { ok: true, questions, warnings: importWarnings(questions, questionRows, locale) };

  const columnName = (field: Field | null) => (field === null ? null : (headerText.get(field) ?? COLUMN_BY_FIELD.get(field)!.header));
  const order = (p: RowProblem) => (p.field === null ? -1 : FIELD_ORDER.get(p.field)!);
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || order(a) - order(b));
  const listed: ImportProblem[] = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((p) => ({ row: p.row, column: columnName(p.field), message: p.message }));
  if (problems.length > MAX_LISTED_PROBLEMS) {
    listed.push({ row: null, column: null, message: msg('import/more-problems', { count: problems.length - MAX_LISTED_PROBLEMS }) });
  }
  return { ok: false, problems: listed };
}

/** Renders one problem as a line for people: "第 5 行“答案”列：答案 E 没有对应的选项（共 4 个选项）". */
export function formatImportProblem(problem: ImportProblem, locale: Locale): string {
  if (problem.row === null) return problem.message;
  if (problem.column === null) return errorMessage('import/at-row', locale, { row: problem.row, message: problem.message });
  return errorMessage('import/at-cell', locale, { row: problem.row, column: problem.column, message: problem.message });
}

/** zod's own wording for lengths ("数值过小：期望 string >=4 字符") reads oddly to organizers; say it plainly. */
function importErrorMap(locale: Locale): z.core.$ZodErrorMap {
  const base = errorMapFor(locale);
  return (issue) => {
    if (issue.code === 'too_small' && issue.origin === 'string') {
      return errorMessage('import/text-too-short', locale, { min: Number(issue.minimum) });
    }
    if (issue.code === 'too_big' && issue.origin === 'string') {
      const length = typeof issue.input === 'string' ? issue.input.length : '?';
      return errorMessage('import/text-too-long', locale, { max: Number(issue.maximum), length });
    }
    // Options cannot exceed six (there are six columns), so an over-long array is the tag list.
    if (issue.code === 'too_big' && issue.origin === 'array') return errorMessage('import/too-many-tags', locale, { max: Number(issue.maximum) });
    return base(issue);
  };
}

interface RowOutcome {
  question: Question | null;
  problems: { field: Field | null; message: string }[];
  /** Normalized stem for duplicate checks, when the row has one. */
  stemKey: string | null;
  /** The question id (given or generated), when it is usable. */
  id: string | null;
}

/**
 * Turns one row's cells into a question. Cell-format problems (unknown 题型, bad letters, …) are reported
 * in our own words; the value put in their place is a valid stand-in so that the schema still checks every
 * other field, and schema issues on a field already reported are dropped.
 */
function readRow(
  get: (f: Field) => string,
  msg: (code: ErrorCode, params?: Record<string, string | number>) => string,
  errorMap: z.core.$ZodErrorMap,
): RowOutcome {
  const problems: RowOutcome['problems'] = [];
  const reported = new Set<Field>();
  const fail = (field: Field, code: ErrorCode, params?: Record<string, string | number>) => {
    problems.push({ field, message: msg(code, params) });
    reported.add(field);
  };
  const required = (field: Field) => {
    const value = get(field).trim();
    if (value === '') fail(field, 'import/required');
    return value;
  };

  const stem = get('stem');
  if (stem.trim() === '') fail('stem', 'import/required');

  const typeRaw = required('type');
  let type = typeRaw === '' ? null : parseType(typeRaw);
  if (typeRaw !== '' && type === null) fail('type', 'import/bad-type', { value: typeRaw });

  const optionCells = OPTION_LETTERS.map((_, i) => get(optionField(i)));
  const lastFilled = optionCells.findLastIndex((c) => c.trim() !== '');
  const answerRaw = get('answer').trim();
  // Without a type, neither the options nor the key can be judged: check the rest of the row as a guess.
  const typeKnown = type !== null;
  if (type === null) {
    type = lastFilled < 0 ? 'truefalse' : (parseLetters(answerRaw)?.length ?? 1) > 1 ? 'multiple' : 'single';
    reported.add('answer');
    optionCells.forEach((_, i) => reported.add(optionField(i)));
  }

  let options: string[] | undefined;
  let answer: string | boolean;
  let optionsBad = false;
  if (type === 'shortanswer') {
    // 简答/口答: no options; the answer cell holds the reference answer the host judges by.
    if (typeKnown && lastFilled >= 0) fail(optionField(optionCells.findIndex((c) => c.trim() !== '')), 'import/shortanswer-options');
    answer = typeKnown ? required('answer') || '（参考答案）' : '（参考答案）';
  } else if (type === 'truefalse') {
    // Some banks write 判断题 as a two-option question 正确 / 错误 with the key A or B; accept that form.
    let pair: [boolean, boolean] | null = null;
    if (typeKnown && lastFilled >= 0) {
      const a = parseTrueFalse(optionCells[0]!);
      const b = parseTrueFalse(optionCells[1]!);
      if (lastFilled === 1 && a !== null && b !== null && a !== b) pair = [a, b];
      else fail(optionField(optionCells.findIndex((c) => c.trim() !== '')), 'import/truefalse-options');
    }
    answer = true;
    if (typeKnown && required('answer') !== '') {
      const letter = pair ? parseLetters(answerRaw) : null;
      const value = parseTrueFalse(answerRaw) ?? (pair && (letter === 'A' || letter === 'B') ? pair[letter === 'A' ? 0 : 1] : null);
      if (value === null) fail('answer', 'import/bad-truefalse', { value: answerRaw });
      else answer = value;
    }
  } else {
    const min = type === 'multiple' ? 3 : 2;
    const gap = optionCells.slice(0, lastFilled + 1).findIndex((c) => c.trim() === '');
    if (typeKnown && gap >= 0) fail(optionField(gap), 'import/option-gap', { letter: OPTION_LETTERS[gap]! });
    else if (typeKnown && lastFilled + 1 < min) fail(optionField(lastFilled + 1), 'import/too-few-options', { min });
    optionsBad = problems.some((p) => p.field !== null && isOptionField(p.field));
    options = optionsBad || !typeKnown ? OPTION_LETTERS.map((l) => `${l}${l}`).slice(0, Math.max(min, lastFilled + 1)) : optionCells.slice(0, lastFilled + 1);
    answer = type === 'multiple' ? 'AB' : 'A';
    if (typeKnown && required('answer') !== '') {
      const letters = parseLetters(answerRaw);
      if (letters === null) fail('answer', 'import/bad-letters', { value: answerRaw });
      else if (type === 'single' && letters.length > 1) fail('answer', 'import/single-one-letter', { value: letters });
      else answer = letters;
    }
  }

  const explanation = get('explanation');
  if (explanation.trim() === '') fail('explanation', 'import/required');

  const topicRaw = required('topic');
  const topic = topicRaw === '' ? undefined : TOPIC_LOOKUP.get(normalizeText(topicRaw));
  if (topicRaw !== '' && !topic) fail('topic', 'import/bad-topic', { value: topicRaw });

  const difficultyRaw = required('difficulty');
  const difficulty = difficultyRaw === '' ? undefined : DIFFICULTY_WORDS[fold(difficultyRaw)];
  if (difficultyRaw !== '' && !difficulty) fail('difficulty', 'import/bad-difficulty', { value: difficultyRaw });

  const literacyRaw = required('literacy');
  let literacy: { edition: LiteracyEdition; item: number } = { edition: '2024', item: 1 };
  if (literacyRaw !== '') {
    const parsed = parseLiteracy(literacyRaw);
    if (!('bad' in parsed)) literacy = parsed;
    else if (parsed.bad === 'range') fail('literacy', 'question/item-out-of-range', { edition: parsed.edition, item: parsed.item });
    else fail('literacy', 'import/bad-literacy', { value: literacyRaw });
  }

  const idRaw = get('id').trim();
  let id = idRaw === '' ? importedQuestionId(stem) : idRaw.normalize('NFKC').toLowerCase();
  // An id generated from a missing stem means nothing (and would collide with every other such row).
  let idUsable = idRaw !== '' || stem.trim() !== '';
  if (idRaw !== '' && !questionIdSchema.safeParse(id).success) {
    fail('id', 'import/bad-id', { value: idRaw });
    id = 'placeholder';
    idUsable = false;
  }

  const source = get('source').trim();
  const input = {
    id,
    type,
    stem: stem.trim() === '' ? '(placeholder)' : stem,
    ...(options ? { options } : {}),
    answer,
    explanation: explanation.trim() === '' ? '(placeholder)' : explanation,
    topic: topic ?? 'concepts',
    difficulty: difficulty ?? 1,
    literacy,
    tags: parseTags(get('tags')),
    ...(source !== '' ? { source } : {}),
  };

  const parsed = questionSchema.safeParse(input, { error: errorMap });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      if (field && reported.has(field)) continue;
      if (optionsBad && field && (field === 'answer' || isOptionField(field))) continue;
      if (problems.some((p) => p.field === field && p.message === issue.message)) continue;
      problems.push({ field, message: issue.message });
    }
  }
  const stemKey = stem.trim() === '' ? null : normalizeText(stem);
  return {
    question: parsed.success && problems.length === 0 ? parsed.data : null,
    problems,
    stemKey: stemKey === '' ? null : stemKey,
    id: idUsable ? id : null,
  };
}

function fieldOfPath(path: readonly PropertyKey[]): Field | null {
  const [head, index] = path;
  if (head === 'options') return optionField(typeof index === 'number' ? index : 0);
  if (typeof head === 'string' && FIELD_ORDER.has(head as Field)) return head as Field;
  return null;
}
