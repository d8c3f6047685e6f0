/**
 * The question-bank spreadsheet layout: its columns (headers, the synonyms organizers use, widths, help) and
 * the words its cells are read from and written with (题型, 判断 answers, 难度, topics, 素养条目, tags).
 */
import { createHash } from 'node:crypto';
import {
  LITERACY_EDITIONS,
  normalizeText,
  OPTION_LETTERS,
  TOPIC_IDS,
  TOPICS,
  type LiteracyEdition,
  type QuestionType,
  type Topic,
} from '../../shared/bank/question.js';

type OptionLetter = (typeof OPTION_LETTERS)[number];
type OptionField = `option${OptionLetter}`;
export type Field = 'id' | 'type' | 'stem' | OptionField | 'answer' | 'explanation' | 'topic' | 'difficulty' | 'literacy' | 'tags' | 'source';

export interface Column {
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

export const optionField = (i: number): OptionField => `option${OPTION_LETTERS[i]!}`;
export const isOptionField = (f: Field): f is OptionField => f.startsWith('option');

/** The import/export layout, in export order. */
export const COLUMNS: readonly Column[] = [
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

export const FIELD_ORDER = new Map<Field, number>(COLUMNS.map((c, i) => [c.field, i]));
export const COLUMN_BY_FIELD = new Map<Field, Column>(COLUMNS.map((c) => [c.field, c]));

/** Folds width, spaces, `*` marks and a trailing "(必填)" so "题干（必填）" and " 题 干* " find the same column. */
export function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\([^()]*\)\s*$/u, '')
    .replace(/[\s*:：]/gu, '')
    .toUpperCase();
}

export const HEADER_LOOKUP = new Map<string, Field>(
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
export const TYPE_LABELS: Record<QuestionType, string> = { single: '单选', multiple: '多选', truefalse: '判断', shortanswer: '简答' };

const TRUE_WORDS = ['正确', '对', '√', '✓', '✔', '是', 'T', 'TRUE', 'Y', 'YES'];
const FALSE_WORDS = ['错误', '错', '×', '✗', '✘', 'X', '否', 'F', 'FALSE', 'N', 'NO'];

export const DIFFICULTY_WORDS: Record<string, 1 | 2 | 3> = {
  易: 1, 简单: 1, 容易: 1, 低: 1, '1': 1, EASY: 1,
  中: 2, 中等: 2, 一般: 2, '2': 2, MEDIUM: 2,
  难: 3, 较难: 3, 困难: 3, 高: 3, '3': 3, HARD: 3,
};
export const DIFFICULTY_LABELS: Record<1 | 2 | 3, string> = { 1: '易', 2: '中', 3: '难' };

export const TOPIC_LOOKUP = new Map<string, Topic>(
  TOPIC_IDS.flatMap((id) => [id, TOPICS[id]['zh-CN'], TOPICS[id].en].map((label) => [normalizeText(label), id] as const)),
);

export const fold = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();

export function parseType(raw: string): QuestionType | null {
  return TYPE_WORDS[fold(raw)] ?? null;
}

export function parseTrueFalse(raw: string): boolean | null {
  const s = fold(raw);
  if (TRUE_WORDS.includes(s)) return true;
  if (FALSE_WORDS.includes(s)) return false;
  return null;
}

/** `B`, `acd`, `A,C,D`, `A、C、D` → `B`, `ACD`, …; null when anything but letters A–F is left. */
export function parseLetters(raw: string): string | null {
  const s = fold(raw).replace(/[,，、;；/|.。]+/gu, '');
  return /^[A-F]+$/.test(s) ? s : null;
}

type LiteracyParse = { edition: LiteracyEdition; item: number } | { bad: 'format' } | { bad: 'range'; edition: string; item: number };

/**
 * `2024-30`, `2024年版第30条`, `第30条` and `30` (the last two mean 2024). Also undoes Excel turning a typed
 * `2024-12` into the date 2024-12-01 (read back as `2024-12-01` or `2024年12月`).
 */
export function parseLiteracy(raw: string): LiteracyParse {
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

export function parseTags(raw: string): string[] {
  return raw
    .split(/[,，、;；\n]+/u)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** The id an imported question gets when the sheet leaves 编号 empty: stable across re-imports of the same stem. */
export function importedQuestionId(stem: string): string {
  return `imp-${createHash('sha256').update(normalizeText(stem)).digest('hex').slice(0, 10)}`;
}

// Spreadsheet programs run a CSV cell starting with = + - @ as a formula. Exported text gets a leading
// apostrophe there (OWASP's advice), taken off again on import. Text that already starts with apostrophes
// before such a character gets one more, so the round trip stays exact.
const FORMULA_START = /^[=+\-@]/;
const GUARDED = /^'+[=+\-@]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?%?$/;
export function guardFormula(s: string): string {
  return GUARDED.test(s) || (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) ? `'${s}` : s;
}
export function unguardFormula(s: string): string {
  return GUARDED.test(s) ? s.slice(1) : s;
}
