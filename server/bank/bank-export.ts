/**
 * Writing question-bank spreadsheets: a bank (or part of it) as .xlsx or .csv in the import layout, and the
 * template organizers fill in, with its instructions sheet.
 */
import type ExcelJS from 'exceljs';
import type { Locale } from '../../shared/i18n/messages.js';
import { DIMENSION_LABELS, OPTION_LETTERS, TOPIC_IDS, TOPICS, type Question } from '../../shared/bank/question.js';
import { COLUMNS, DIFFICULTY_LABELS, FIELD_ORDER, guardFormula, importedQuestionId, isOptionField, optionField, TYPE_LABELS, type Field } from './bank-columns.js';
import { DEFAULT_MAX_ROWS } from '../sheets/sheet.js';
import { newWorkbook } from '../sheets/xlsx.js';

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
