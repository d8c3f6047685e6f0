/**
 * Question-bank spreadsheets: import from and export to the .xlsx / .csv layout organizers already keep
 * their banks in. Pure: bytes in, questions (or problems) out, and back — no database, no HTTP.
 */
import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { newWorkbook } from './xlsx.js';
import { openXlsx, XLSX_LIMITS, type XlsxCell } from './xlsx-read.js';
import type { z } from 'zod';
import { errorMessage, type ErrorCode, type Locale } from '../shared/i18n.js';
import {
  DIMENSION_LABELS,
  LITERACY_EDITIONS,
  normalizeText,
  OPTION_LETTERS,
  questionIdSchema,
  questionSchema,
  TOPIC_IDS,
  TOPICS,
  type LiteracyEdition,
  type Question,
  type QuestionType,
  type Topic,
} from '../shared/question.js';
import { errorMapFor } from '../shared/validate.js';
import { importWarnings } from './bank-warnings.js';

/** One reason a file was rejected: the row as Excel numbers it (header = 1) and the column header, or null for the whole file. */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** All or nothing: every question of the file, or every problem found in it. */
export type ImportResult =
  | { ok: true; questions: Question[]; /** Editorial rules broken (server/bank-warnings.ts): imported anyway. */ warnings: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

export interface ImportOptions {
  /** Stems already in the bank; a row repeating one (after `normalizeText`) is rejected. */
  existingStems?: Iterable<string>;
  /** Ids already in the bank; a row using one is rejected (so the problem carries its row). */
  existingIds?: Iterable<string>;
  /** Largest number of questions one file may hold (blank rows not counted). */
  maxRows?: number;
}

export const DEFAULT_MAX_ROWS = 10_000;
/** Problems listed before the rest are summarised in one "还有 N 个问题未列出" line. */
export const MAX_LISTED_PROBLEMS = 200;

type OptionLetter = (typeof OPTION_LETTERS)[number];
type OptionField = `option${OptionLetter}`;
type Field = 'id' | 'type' | 'stem' | OptionField | 'answer' | 'explanation' | 'topic' | 'difficulty' | 'literacy' | 'tags' | 'source';

interface Column {
  field: Field;
  /** The header written on export and named in problems when the file lacks the column. */
  header: string;
  /** Other headers organizers use for the same column (compared after `headerKey`). */
  synonyms: readonly string[];
  required: boolean;
  width: number;
  wrap?: boolean;
  help: { 'zh-CN': string; en: string };
}

const optionField = (i: number): OptionField => `option${OPTION_LETTERS[i]!}`;
const isOptionField = (f: Field): f is OptionField => f.startsWith('option');

/** The import/export layout, in export order. */
const COLUMNS: readonly Column[] = [
  {
    field: 'id',
    header: '编号',
    synonyms: ['题目编号', '试题编号', 'ID', '题目ID'],
    required: false,
    width: 18,
    help: {
      'zh-CN': '选填。小写字母、数字和连字符，2–64 个字符；留空时按题干自动生成 imp- 开头的编号',
      en: 'Optional id: lowercase letters, digits and hyphens (2–64); generated from the stem (imp-…) when empty',
    },
  },
  {
    field: 'type',
    header: '题型',
    synonyms: ['类型', '题目类型', '试题类型'],
    required: true,
    width: 8,
    help: { 'zh-CN': '必填。单选、多选 或 判断', en: 'Required type: 单选 (single), 多选 (multiple) or 判断 (true/false)' },
  },
  {
    field: 'stem',
    header: '题干',
    synonyms: ['题目', '问题', '试题', '题目内容'],
    required: true,
    width: 50,
    wrap: true,
    help: { 'zh-CN': '必填。4–500 个字', en: 'Required question text, 4–500 characters' },
  },
  ...OPTION_LETTERS.map(
    (letter): Column => ({
      field: `option${letter}`,
      header: `选项${letter}`,
      synonyms: [`${letter}选项`, letter],
      required: false,
      width: 18,
      wrap: true,
      help: {
        'zh-CN': '单选题至少 2 个选项、多选题至少 3 个，从选项A 起连续填写，不要加“A.”前缀；判断题不填',
        en: 'Options, filled from A without gaps and without "A." prefixes: 2+ for single, 3+ for multiple; empty for true/false',
      },
    }),
  ),
  {
    field: 'answer',
    header: '答案',
    synonyms: ['正确答案', '参考答案', '标准答案'],
    required: true,
    width: 8,
    help: {
      'zh-CN': '必填。选择题填字母，如 B 或 ACD（也可写 A,C,D / A、C、D）；判断题填 正确 或 错误（也可写 对/错、√/×、是/否、T/F）',
      en: 'Required key: letters for choice questions (B, ACD, A,C,D); 正确 / 错误 (also 对/错, √/×, T/F) for true/false',
    },
  },
  {
    field: 'explanation',
    header: '解析',
    synonyms: ['答案解析', '题目解析', '解释'],
    required: true,
    width: 50,
    wrap: true,
    help: { 'zh-CN': '必填。4–1000 个字，说明答案为什么正确及依据', en: 'Required explanation, 4–1000 characters: why the answer is right, citing the source' },
  },
  {
    field: 'topic',
    header: '主题',
    synonyms: ['专题', '分类', '题目分类'],
    required: true,
    width: 14,
    help: { 'zh-CN': '必填。主题名称或主题代码，见“填写说明”中的主题列表', en: 'Required topic: its Chinese label or its id (list on the 填写说明 sheet)' },
  },
  {
    field: 'difficulty',
    header: '难度',
    synonyms: ['难易程度', '难易度', '难度等级'],
    required: true,
    width: 6,
    help: { 'zh-CN': '必填。易、中、难（或 1、2、3）', en: 'Required difficulty: 易, 中, 难 (or 1, 2, 3)' },
  },
  {
    field: 'literacy',
    header: '知识点',
    synonyms: ['健康素养条目', '素养条目', '对应条目'],
    required: true,
    width: 10,
    help: {
      'zh-CN': '必填。对应《中国公民健康素养—基本知识与技能》的条目：2024-30、2024年版第30条、第30条 或 30（后两种按 2024 年版）',
      en: 'Required health-literacy item: 2024-30, 2024年版第30条, 第30条 or 30 (the last two mean the 2024 edition)',
    },
  },
  {
    field: 'tags',
    header: '标签',
    synonyms: ['关键词', '关键字'],
    required: false,
    width: 20,
    help: { 'zh-CN': '选填。最多 10 个，用逗号或顿号分隔', en: 'Optional tags, up to 10, separated by commas or 、' },
  },
  {
    field: 'source',
    header: '来源',
    synonyms: ['出处', '依据', '参考来源'],
    required: false,
    width: 30,
    wrap: true,
    help: { 'zh-CN': '选填。知识来源，如《中国居民膳食指南（2022）》', en: 'Optional source of the fact, e.g. 《中国居民膳食指南（2022）》' },
  },
];

const FIELD_ORDER = new Map<Field, number>(COLUMNS.map((c, i) => [c.field, i]));
const COLUMN_BY_FIELD = new Map<Field, Column>(COLUMNS.map((c) => [c.field, c]));

/** Folds width, spaces, `*` marks and a trailing "(必填)" so "题干（必填）" and " 题 干* " find the same column. */
function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\([^()]*\)\s*$/u, '')
    .replace(/[\s*:：]/gu, '')
    .toUpperCase();
}

const HEADER_LOOKUP = new Map<string, Field>(
  COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [headerKey(h), c.field] as const)),
);

// ---------------------------------------------------------------------------------------------
// Cell values

const TYPE_WORDS: Record<string, QuestionType> = {
  单选: 'single', 单选题: 'single', 单项选择: 'single', 单项选择题: 'single', SINGLE: 'single',
  多选: 'multiple', 多选题: 'multiple', 多项选择: 'multiple', 多项选择题: 'multiple', MULTIPLE: 'multiple',
  判断: 'truefalse', 判断题: 'truefalse', 是非题: 'truefalse', TRUEFALSE: 'truefalse',
  简答: 'shortanswer', 简答题: 'shortanswer', 口答: 'shortanswer', 口答题: 'shortanswer', SHORTANSWER: 'shortanswer',
};
const TYPE_LABELS: Record<QuestionType, string> = { single: '单选', multiple: '多选', truefalse: '判断', shortanswer: '简答' };

const TRUE_WORDS = ['正确', '对', '√', '✓', '✔', '是', 'T', 'TRUE', 'Y', 'YES'];
const FALSE_WORDS = ['错误', '错', '×', '✗', '✘', 'X', '否', 'F', 'FALSE', 'N', 'NO'];

const DIFFICULTY_WORDS: Record<string, 1 | 2 | 3> = {
  易: 1, 简单: 1, 容易: 1, 低: 1, '1': 1, EASY: 1,
  中: 2, 中等: 2, 一般: 2, '2': 2, MEDIUM: 2,
  难: 3, 较难: 3, 困难: 3, 高: 3, '3': 3, HARD: 3,
};
const DIFFICULTY_LABELS: Record<1 | 2 | 3, string> = { 1: '易', 2: '中', 3: '难' };

const TOPIC_LOOKUP = new Map<string, Topic>(
  TOPIC_IDS.flatMap((id) => [id, TOPICS[id]['zh-CN'], TOPICS[id].en].map((label) => [normalizeText(label), id] as const)),
);

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();

function parseType(raw: string): QuestionType | null {
  return TYPE_WORDS[fold(raw)] ?? null;
}

function parseTrueFalse(raw: string): boolean | null {
  const s = fold(raw);
  if (TRUE_WORDS.includes(s)) return true;
  if (FALSE_WORDS.includes(s)) return false;
  return null;
}

/** `B`, `acd`, `A,C,D`, `A、C、D` → `B`, `ACD`, …; null when anything but letters A–F is left. */
function parseLetters(raw: string): string | null {
  const s = fold(raw).replace(/[,，、;；/|.。]+/gu, '');
  return /^[A-F]+$/.test(s) ? s : null;
}

type LiteracyParse = { edition: LiteracyEdition; item: number } | { bad: 'format' } | { bad: 'range'; edition: string; item: number };

/**
 * `2024-30`, `2024年版第30条`, `第30条` and `30` (the last two mean 2024). Also undoes Excel turning a typed
 * `2024-12` into the date 2024-12-01 (read back as `2024-12-01` or `2024年12月`).
 */
function parseLiteracy(raw: string): LiteracyParse {
  const s = raw.normalize('NFKC').replace(/\s+/gu, '');
  const m =
    /^(\d{4})[-_/.—–](\d{1,3})$/u.exec(s) ??
    /^(\d{4})[-/](\d{1,2})[-/]0?1$/u.exec(s) ??
    /^(\d{4})年(\d{1,2})月(?:1日)?$/u.exec(s) ??
    /^(\d{4})年?版?第(\d{1,3})条/u.exec(s) ??
    /^()第?(\d{1,3})条?$/u.exec(s) ??
    /^()第(\d{1,3})条/u.exec(s);
  if (!m) return { bad: 'format' };
  const edition = m[1] || '2024';
  const item = Number(m[2]);
  if (!(LITERACY_EDITIONS as readonly string[]).includes(edition)) return { bad: 'format' };
  if (item < 1 || item > 66) return { bad: 'range', edition, item };
  return { edition: edition as LiteracyEdition, item };
}

function parseTags(raw: string): string[] {
  return raw
    .split(/[,，、;；\n]+/u)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** The id an imported question gets when the sheet leaves 编号 empty: stable across re-imports of the same stem. */
export function importedQuestionId(stem: string): string {
  return `imp-${createHash('sha256').update(normalizeText(stem)).digest('hex').slice(0, 10)}`;
}

// ---------------------------------------------------------------------------------------------
// Reading files into rows of strings

export interface Sheet {
  header: string[];
  /** Non-blank data rows with the row number Excel shows. */
  rows: { row: number; cells: string[] }[];
}

type Loaded = { ok: true; sheet: Sheet } | { ok: false; code: ErrorCode; params?: Record<string, string | number>; row?: number };

/** How much of a sheet an import reads: data rows with content, and columns with content. */
export interface SheetLimits {
  maxRows: number;
  /** The refusal when there are more rows: its message says rows of what. */
  tooManyRows: ErrorCode;
  maxColumns: number;
}

const DEFAULT_SHEET_LIMITS: SheetLimits = { maxRows: DEFAULT_MAX_ROWS, tooManyRows: 'import/too-many-rows', maxColumns: XLSX_LIMITS.maxColumns };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (data: Uint8Array, magic: readonly number[]) => data.length >= magic.length && magic.every((b, i) => data[i] === b);

/**
 * Reads the rows of a spreadsheet as text, bounded: at most `limits.maxRows` data rows (beyond that only counted)
 * and `limits.maxColumns` columns with content, an .xlsx never inflated past its declared sizes (`xlsx-read.ts`).
 */
export function loadSheet(file: { name: string; data: Uint8Array }, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Loaded {
  const { name, data } = file;
  if (data.length === 0) return { ok: false, code: 'import/empty-file' };
  if (startsWith(data, ZIP_MAGIC)) return readXlsx(data, limits);
  if (startsWith(data, OLE_MAGIC)) return { ok: false, code: 'import/xls-unsupported' };
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(data, limits);
  if (/\.xls[xm]?$/.test(lower)) return { ok: false, code: 'import/not-xlsx' };
  return { ok: false, code: 'import/unsupported-format' };
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
// Excel writes line breaks in cells as LF, CSV producers sometimes as CRLF: store one form.
const unifyNewlines = (s: string) => (s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s);

function readXlsx(data: Uint8Array, limits: SheetLimits): Loaded {
  const book = openXlsx(data, { ...XLSX_LIMITS, maxColumns: limits.maxColumns });
  if ('ok' in book) return book;
  const texts = (cells: Map<number, XlsxCell>) => new Map([...cells].map(([col, cell]) => [col, unifyNewlines(valueText(cell.value, cell.numFmt))]));
  // The template keeps its instructions on a second sheet; take the first sheet that looks like a bank.
  const headers: Map<number, string>[] = [];
  for (let i = 0; i < book.names.length; i++) {
    let header = new Map<number, string>();
    const refused = book.readRows(i, (row, cells) => {
      if (row === 1) header = texts(cells);
      return false;
    });
    if (refused) return refused;
    headers.push(header);
  }
  const index = Math.max(0, headers.findIndex((h) => [...h.values()].some((t) => HEADER_LOOKUP.get(headerKey(t.trim())) === 'stem')));
  const kept: { row: number; cells: Map<number, string> }[] = [];
  let width = 0;
  let count = 0;
  const refused = book.readRows(index, (row, cells) => {
    const text = texts(cells);
    if (row === 1 || [...text.values()].every((t) => t.trim() === '')) {
      if (row === 1) width = Math.max(width, ...text.keys());
      return true;
    }
    count++;
    // Past the limit rows are only counted, so the refusal can say how many there are.
    if (count <= limits.maxRows) {
      kept.push({ row, cells: text });
      width = Math.max(width, ...text.keys());
    }
    return true;
  });
  if (refused) return refused;
  if (count > limits.maxRows) return { ok: false, code: limits.tooManyRows, params: { count, max: limits.maxRows } };
  const dense = (cells: Map<number, string>) => Array.from({ length: width }, (_, i) => cells.get(i + 1) ?? '');
  const header = dense(headers[index]!).map((h) => h.trim());
  const rows = kept.map(({ row, cells }) => ({ row, cells: dense(cells) }));
  if (isBlank(header) && rows.length === 0) return { ok: false, code: 'import/empty-file' };
  return { ok: true, sheet: { header, rows } };
}

/** What the organizer sees in a cell, as text: numbers without float noise, percentages and Chinese dates as shown. */
function valueText(value: XlsxCell['value'], numFmt: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return Number.isNaN(value.getTime()) ? '' : dateText(value, numFmt);
}

function numberText(n: number, numFmt: string): string {
  const plain = (x: number) => String(Number.isInteger(x) ? x : Number(x.toPrecision(15)));
  // "50%" typed into Excel is stored as 0.5 with a percent format.
  return numFmt.includes('%') ? `${plain(n * 100)}%` : plain(n);
}

/** Excel turns "3月24日" and "2024-12" into dates; give back what the cell shows. */
function dateText(d: Date, numFmt: string): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  const [hasY, hasM, hasD] = ['年', '月', '日'].map((c) => numFmt.includes(c));
  if (hasY && hasM && hasD) return `${y}年${m}月${day}日`;
  if (hasM && hasD) return `${m}月${day}日`;
  if (hasY && hasM) return `${y}年${m}月`;
  const time = d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds() ? `${d.getUTCHours()}:${pad(d.getUTCMinutes())}` : '';
  // A time-only cell ("8:00") is a date on Excel's day zero.
  if (y === 1899 && m === 12 && day >= 30) return time || '0:00';
  return `${y}-${pad(m)}-${pad(day)}${time ? ` ${time}` : ''}`;
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 — what Excel on Chinese Windows saves "CSV" as. */
function decodeText(data: Uint8Array): string {
  if (startsWith(data, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(data);
  if (startsWith(data, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(data);
  if (startsWith(data, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function readCsv(data: Uint8Array, limits: SheetLimits): Loaded {
  const text = decodeText(data);
  if (text.trim() === '') return { ok: false, code: 'import/empty-file' };
  let header: string[] = [];
  const rows: Sheet['rows'] = [];
  let count = 0;
  const parsed = parseCsv(text, limits.maxColumns, (row, record) => {
    const cells = record.map((c) => unifyNewlines(unguardFormula(c)));
    if (row === 1) header = cells.map((h) => h.trim());
    else if (!isBlank(cells) && ++count <= limits.maxRows) rows.push({ row, cells });
  });
  if ('unclosedAt' in parsed) return { ok: false, code: 'import/csv-unclosed-quote', row: parsed.unclosedAt };
  if ('tooWide' in parsed) return { ok: false, code: 'import/too-wide', params: { row: parsed.tooWide, column: limits.maxColumns + 1, max: limits.maxColumns }, row: parsed.tooWide };
  if (count > limits.maxRows) return { ok: false, code: limits.tooManyRows, params: { count, max: limits.maxRows } };
  return { ok: true, sheet: { header, rows } };
}

/**
 * RFC 4180 records: quoted fields may hold delimiters, `""` and line breaks; records end at CRLF, LF or CR.
 * The delimiter is a comma, or a tab when the header line has more tabs than commas (Excel's "Unicode text").
 * Each record goes to `onRecord` with its number (1-based) as it ends, so blank lines cost nothing kept; empty
 * fields past `maxColumns` are dropped and a filled one refuses the file.
 */
function parseCsv(text: string, maxColumns: number, onRecord: (row: number, record: string[]) => void): { done: true } | { unclosedAt: number } | { tooWide: number } {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let records = 0;
  let record: string[] = [];
  let field = '';
  let fieldStart = true;
  let dirty = false;
  let quotedFrom = -1;
  let i = 0;
  const endField = () => {
    if (record.length < maxColumns) record.push(field);
    else if (field.trim() !== '') return false;
    field = '';
    fieldStart = true;
    return true;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quotedFrom >= 0) {
      const close = text.indexOf('"', i);
      if (close < 0) return { unclosedAt: quotedFrom + 1 };
      field += text.slice(i, close);
      if (text[close + 1] === '"') {
        field += '"';
        i = close + 2;
      } else {
        quotedFrom = -1;
        i = close + 1;
      }
      continue;
    }
    dirty = true;
    if (ch === '"' && fieldStart) {
      quotedFrom = records;
      fieldStart = false;
      i++;
    } else if (ch === delimiter) {
      if (!endField()) return { tooWide: records + 1 };
      i++;
    } else if (ch === '\r' || ch === '\n') {
      if (!endField()) return { tooWide: records + 1 };
      onRecord(++records, record);
      record = [];
      dirty = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      fieldStart = false;
      i++;
    }
  }
  if (dirty) {
    if (!endField()) return { tooWide: records + 1 };
    onRecord(++records, record);
  }
  return { done: true };
}

// Spreadsheet programs run a CSV cell starting with = + - @ as a formula. Exported text gets a leading
// apostrophe there (OWASP's advice), taken off again on import. Text that already starts with apostrophes
// before such a character gets one more, so the round trip stays exact.
const FORMULA_START = /^[=+\-@]/;
const GUARDED = /^'+[=+\-@]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?%?$/;
function guardFormula(s: string): string {
  return GUARDED.test(s) || (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) ? `'${s}` : s;
}
function unguardFormula(s: string): string {
  return GUARDED.test(s) ? s.slice(1) : s;
}

// ---------------------------------------------------------------------------------------------
// Import

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

// ---------------------------------------------------------------------------------------------
// Export

/** One question as the cells of a row, in column order, in the import layout. */
function questionCells(q: Question, opts: { blankId?: boolean } = {}): string[] {
  const byField: Partial<Record<Field, string>> = {
    id: opts.blankId ? '' : q.id,
    type: TYPE_LABELS[q.type],
    stem: q.stem,
    answer: q.type === 'truefalse' ? (q.answer ? '正确' : '错误') : q.answer,
    explanation: q.explanation,
    topic: TOPICS[q.topic]['zh-CN'],
    difficulty: DIFFICULTY_LABELS[q.difficulty],
    literacy: `${q.literacy.edition}-${q.literacy.item}`,
    tags: q.tags.join('、'),
    source: q.source ?? '',
  };
  if (q.type === 'single' || q.type === 'multiple') q.options.forEach((o, i) => (byField[optionField(i)] = o));
  return COLUMNS.map((c) => byField[c.field] ?? '');
}

const columnLetter = (i: number) => String.fromCharCode(65 + i); // 17 columns: A–Q

function addQuestionWorksheet(
  workbook: ExcelJS.Workbook,
  name: string,
  questions: readonly Question[],
  locale: Locale,
  opts: { blankIds?: boolean; validations?: boolean } = {},
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  // Text format everywhere: stops Excel from turning a typed 2024-12 into a date or 0123 into 123.
  ws.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.width,
    style: { numFmt: '@', alignment: { vertical: 'top', wrapText: c.wrap ?? false } },
  }));
  const header = ws.getRow(1);
  header.eachCell((cell, col) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0E8' } };
    cell.note = COLUMNS[col - 1]!.help[locale];
  });
  for (const q of questions) ws.addRow(questionCells(q, { blankId: opts.blankIds }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  if (opts.validations) addDropdowns(ws);
  return ws;
}

/** Drop-down lists for 题型 / 主题 / 难度 in the template; a warning (not a block) since synonyms are accepted too. */
function addDropdowns(ws: ExcelJS.Worksheet): void {
  // exceljs supports range validations at runtime but its typings only expose per-cell ones.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const list = (field: Field, values: string[], error: string) => {
    const col = columnLetter(FIELD_ORDER.get(field)!);
    validations.add(`${col}2:${col}1001`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '请检查',
      error,
    });
  };
  list('type', ['单选', '多选', '判断'], '题型应为 单选、多选 或 判断');
  list('topic', TOPIC_IDS.map((t) => TOPICS[t]['zh-CN']), '主题应从列表中选择（见“填写说明”）');
  list('difficulty', ['易', '中', '难'], '难度应为 易、中 或 难');
}

async function xlsxBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function csvField(s: string): string {
  const v = guardFormula(s);
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Writes questions in the import layout: Chinese headers (the layout is the import format), letters or
 * 正确/错误 as answers, 知识点 as `2024-30`, 主题 as its Chinese label. The xlsx has a bold, frozen,
 * filterable header with notes in `locale`; the CSV is UTF-8 with a BOM so Excel opens it correctly.
 * Parsing the result gives back the same questions.
 */
export async function writeQuestionSheet(questions: Question[], format: 'xlsx' | 'csv', locale: Locale = 'zh-CN'): Promise<Uint8Array> {
  if (format === 'csv') {
    const lines = [COLUMNS.map((c) => c.header), ...questions.map((q) => questionCells(q))].map((cells) => cells.map(csvField).join(','));
    return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
  }
  const workbook = await newWorkbook();
  addQuestionWorksheet(workbook, locale === 'en' ? 'Questions' : '题目', questions, locale);
  return xlsxBytes(workbook);
}

/** The two example rows of the template (id left empty in the sheet, so these carry the generated ids). */
export const TEMPLATE_EXAMPLES: readonly Question[] = [
  {
    id: importedQuestionId('《中国居民膳食指南（2022）》建议成年人每天食盐摄入量不超过（　）。'),
    type: 'single',
    stem: '《中国居民膳食指南（2022）》建议成年人每天食盐摄入量不超过（　）。',
    options: ['3克', '5克', '6克', '10克'],
    answer: 'B',
    explanation: '《中国居民膳食指南（2022）》建议成年人每天摄入食盐不超过5克。吃盐过多会增加高血压、脑卒中等疾病的风险，烹调时可用限盐勺，少吃咸菜、腌制食品。',
    topic: 'nutrition',
    difficulty: 1,
    literacy: { edition: '2024', item: 27 },
    tags: ['食盐', '膳食指南'],
    source: '《中国居民膳食指南（2022）》',
  },
  {
    id: importedQuestionId('普通感冒时，输液比口服药物好得快，应当首选输液治疗。'),
    type: 'truefalse',
    stem: '普通感冒时，输液比口服药物好得快，应当首选输液治疗。',
    answer: false,
    explanation: '合理用药的原则是“能口服不肌注，能肌注不输液”。输液存在输液反应等风险；普通感冒多由病毒引起，通常注意休息、多饮水，必要时对症用药即可。',
    topic: 'medicine-use',
    difficulty: 1,
    literacy: { edition: '2024', item: 43 },
    tags: ['合理用药', '输液'],
    source: '《中国公民健康素养—基本知识与技能（2024年版）》第43条',
  },
];

/**
 * The import template: sheet 题目 with the header row and two example rows (one 单选, one 判断; 编号 left
 * empty to show it is optional), drop-down lists for 题型 / 主题 / 难度, and sheet 填写说明 explaining each
 * column and the accepted values.
 */
export async function writeTemplate(): Promise<Uint8Array> {
  const workbook = await newWorkbook();
  addQuestionWorksheet(workbook, '题目', TEMPLATE_EXAMPLES, 'zh-CN', { blankIds: true, validations: true });
  addInstructions(workbook);
  return xlsxBytes(workbook);
}

function addInstructions(workbook: ExcelJS.Workbook): void {
  const ws = workbook.addWorksheet('填写说明');
  ws.columns = [{ width: 16 }, { width: 10 }, { width: 90 }];
  const section = (title: string) => {
    ws.addRow([]);
    const row = ws.addRow([title]);
    row.font = { bold: true, size: 12 };
  };
  const heading = (cells: string[]) => {
    const row = ws.addRow(cells);
    row.font = { bold: true };
  };
  const wrap = () => ws.lastRow?.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: 'top' }));

  const title = ws.addRow(['题库导入模板 · 填写说明']);
  title.font = { bold: true, size: 14 };
  ws.addRow(['在“题目”工作表中每行填写一道题，第 1 行是表头，请不要修改列名；两行示例可以直接删除或改写。']);
  ws.addRow([`文件中有任何错误时整个文件都不会导入，系统会按“第几行、哪一列”列出全部问题，改好后重新导入即可。单次最多导入 ${DEFAULT_MAX_ROWS} 道题，空行会被跳过。`]);
  ws.addRow(['同一文件中题干重复、或题库中已有相同题干的题目，都会被拒绝（比较时忽略空格、标点和全角半角差别）。也可以上传 UTF-8 或 GBK 编码的 CSV 文件，列相同。']);

  section('各列说明');
  heading(['列名', '是否必填', '说明与可填写的值']);
  const optionHelp = COLUMNS.find((c) => c.field === 'optionA')!;
  for (const c of COLUMNS) {
    if (isOptionField(c.field) && c !== optionHelp) continue;
    const name = c === optionHelp ? `选项A–选项${OPTION_LETTERS.at(-1)!}` : c.header;
    const synonyms = c === optionHelp ? [] : c.synonyms.filter((s) => /\p{Script=Han}/u.test(s));
    const also = synonyms.length ? `（列名也可写作：${synonyms.join('、')}）` : '';
    ws.addRow([name, c.required ? '必填' : c === optionHelp ? '选择题必填' : '选填', `${c.help['zh-CN'].replace(/^(必填|选填)。/, '')}${also}`]);
    wrap();
  }

  section('主题（填写名称或代码均可）');
  heading(['主题名称', '主题代码']);
  for (const id of TOPIC_IDS) ws.addRow([TOPICS[id]['zh-CN'], id]);

  section('难度');
  heading(['填写', '含义']);
  ws.addRow(['易 或 1', '容易']);
  ws.addRow(['中 或 2', '中等']);
  ws.addRow(['难 或 3', '较难']);

  section('知识点');
  ws.addRow(['格式', '', '2024-30、2024年版第30条、第30条 或 30（后两种按 2024 年版）；2015 年版写作 2015-30 或 2015年版第30条。']);
  wrap();
  ws.addRow(['条目范围', '', '《中国公民健康素养—基本知识与技能》共 66 条，填 1–66。']);
  ws.addRow([
    '2024 年版分类',
    '',
    `第 1–24 条 ${DIMENSION_LABELS.knowledge['zh-CN']}；第 25–52 条 ${DIMENSION_LABELS.lifestyle['zh-CN']}；第 53–66 条 ${DIMENSION_LABELS.skills['zh-CN']}。`,
  ]);
  ws.addRow(['示例', '', '“每天食盐不超过 5 克”对应 2024 年版第 27 条（膳食要清淡，要少盐、少油、少糖），填 2024-27。']);
}
