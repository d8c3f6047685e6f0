import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatImportProblem,
  importedQuestionId,
  parseQuestionSheet,
  TEMPLATE_EXAMPLES,
  writeQuestionSheet,
  writeTemplate,
  type ImportResult,
} from '../../server/bank/bank-io';
import { OPTION_LETTERS, questionSchema, TOPIC_IDS, TOPICS, type Question, type QuestionInput } from '../../shared/bank/question';

// ---------------------------------------------------------------------------------------------
// Building input files by hand (independently of the module's own writer)

const HEADER = ['编号', '题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析', '主题', '难度', '知识点', '标签'];
type Cells = Record<string, ExcelJS.CellValue>;

/** A valid row, numbered so every stem differs. */
function validRow(i: number, over: Cells = {}): Cells {
  return {
    题型: '单选',
    题干: `第${i}题：《中国居民膳食指南（2022）》建议成年人每天食盐摄入量不超过（　）。`,
    选项A: '3克',
    选项B: '5克',
    选项C: '6克',
    选项D: '10克',
    答案: 'B',
    解析: '《中国居民膳食指南（2022）》建议成年人每天摄入食盐不超过5克。',
    主题: '合理膳食',
    难度: '易',
    知识点: '2024-27',
    ...over,
  };
}

const toArray = (header: readonly string[], cells: Cells) => header.map((h) => cells[h] ?? null);

async function xlsxFile(rows: Cells[], opts: { header?: string[]; name?: string; sheet?: (ws: ExcelJS.Worksheet) => void } = {}) {
  const header = opts.header ?? HEADER;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const r of rows) ws.addRow(toArray(header, r));
  opts.sheet?.(ws);
  return { name: opts.name ?? 'bank.xlsx', data: new Uint8Array(await wb.xlsx.writeBuffer()) };
}

/** RFC 4180 with every field quoted; `Cells` values are written as strings. */
function csvText(rows: Cells[], header: string[] = HEADER): string {
  const quote = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [header, ...rows.map((r) => toArray(header, r))].map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const csvFile = (text: string, name = 'bank.csv') => ({ name, data: utf8(text) });

function expectOk(r: ImportResult): Question[] {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.problems, null, 1)}`);
  return r.questions;
}
function expectProblems(r: ImportResult) {
  if (r.ok) throw new Error(`expected problems, got ${r.questions.length} questions`);
  return r.problems;
}

const saltQuestion = questionSchema.parse({
  id: importedQuestionId('第1题：《中国居民膳食指南（2022）》建议成年人每天食盐摄入量不超过（　）。'),
  type: 'single',
  stem: '第1题：《中国居民膳食指南（2022）》建议成年人每天食盐摄入量不超过（　）。',
  options: ['3克', '5克', '6克', '10克'],
  answer: 'B',
  explanation: '《中国居民膳食指南（2022）》建议成年人每天摄入食盐不超过5克。',
  topic: 'nutrition',
  difficulty: 1,
  literacy: { edition: '2024', item: 27 },
} satisfies QuestionInput);

// ---------------------------------------------------------------------------------------------

describe('parseQuestionSheet: good files', () => {
  it('reads an xlsx with synonym headers, extra columns, blank rows and every accepted value form', async () => {
    const header = ['序号', '编号', '类型', '题目', '选项A', '选项B', '选项C', '选项D', '正确答案', '答案解析', '主题', '难度', '知识点', '标签', '备注'];
    const file = await xlsxFile(
      [
        {
          序号: 1,
          类型: '单选题',
          题目: validRow(1).题干,
          选项A: '3克',
          选项B: '5克',
          选项C: '6克',
          选项D: '10克',
          正确答案: 'b',
          答案解析: validRow(1).解析,
          主题: '合理膳食',
          难度: '易',
          知识点: '2024年版第27条',
          标签: '食盐，膳食指南',
        },
        {},
        {
          序号: 2,
          编号: 'HIV-Routes',
          类型: '多选',
          题目: '艾滋病的传播途径有（　）。',
          选项A: '血液传播',
          选项B: '性接触传播',
          选项C: '母婴传播',
          选项D: '握手、拥抱',
          正确答案: 'a、B，c',
          答案解析: '艾滋病通过血液、性接触和母婴三种途径传播，日常生活和工作接触（如握手、拥抱、共同进餐）不会传播。',
          主题: 'infectious-disease',
          难度: 2,
          知识点: '第11条',
          标签: '艾滋病、传播途径',
          备注: '这一列会被忽略',
        },
        {
          序号: 3,
          类型: '判断',
          题目: '健康成年人每周应进行150～300分钟中等强度或75～150分钟高强度有氧运动。',
          正确答案: '√',
          答案解析: '《中国公民健康素养（2024年版）》第32条：健康成年人每周应进行150～300分钟中等强度或75～150分钟高强度有氧运动，每周应进行2～3次抗阻训练。',
          主题: '科学运动',
          难度: 3,
          知识点: 32,
        },
      ],
      { header },
    );
    const questions = expectOk(await parseQuestionSheet(file, 'zh-CN'));
    const runStem = '健康成年人每周应进行150～300分钟中等强度或75～150分钟高强度有氧运动。';
    expect(questions).toStrictEqual([
      { ...saltQuestion, tags: ['食盐', '膳食指南'] },
      {
        id: 'hiv-routes',
        type: 'multiple',
        stem: '艾滋病的传播途径有（　）。',
        options: ['血液传播', '性接触传播', '母婴传播', '握手、拥抱'],
        answer: 'ABC',
        explanation: '艾滋病通过血液、性接触和母婴三种途径传播，日常生活和工作接触（如握手、拥抱、共同进餐）不会传播。',
        topic: 'infectious-disease',
        difficulty: 2,
        literacy: { edition: '2024', item: 11 },
        tags: ['艾滋病', '传播途径'],
      },
      {
        id: importedQuestionId(runStem),
        type: 'truefalse',
        stem: runStem,
        answer: true,
        explanation: '《中国公民健康素养（2024年版）》第32条：健康成年人每周应进行150～300分钟中等强度或75～150分钟高强度有氧运动，每周应进行2～3次抗阻训练。',
        topic: 'physical-activity',
        difficulty: 3,
        literacy: { edition: '2024', item: 32 },
        tags: [],
      },
    ]);
  });

  it('generates stable imp- ids from the normalized stem', () => {
    const id = importedQuestionId('每天食盐不超过多少克？');
    expect(id).toMatch(/^imp-[0-9a-f]{10}$/);
    expect(importedQuestionId(' 每天食盐 不超过多少克? ')).toBe(id);
    expect(importedQuestionId('每天食油不超过多少克？')).not.toBe(id);
  });

  it('accepts the answer, type, difficulty and 知识点 spellings organizers use', async () => {
    const rows: Cells[] = [
      validRow(1, { 答案: 'A,C,D', 题型: '多选题', 选项E: '12克' }),
      validRow(2, { 答案: ' c ', 难度: '中', 知识点: '2015-30' }),
      validRow(3, { 题型: '判断题', 选项A: '', 选项B: '', 选项C: '', 选项D: '', 答案: '错', 难度: '难', 知识点: '30' }),
      validRow(4, { 题型: '判断', 选项A: '', 选项B: '', 选项C: '', 选项D: '', 答案: 'T', 知识点: '2024-30' }),
      validRow(5, { 题型: '判断', 选项A: '', 选项B: '', 选项C: '', 选项D: '', 答案: '×', 知识点: '第 30 条' }),
      validRow(6, { 题型: '判断', 选项A: '正确', 选项B: '错误', 选项C: '', 选项D: '', 答案: 'B' }),
      validRow(7, { 题型: '判断', 选项A: '', 选项B: '', 选项C: '', 选项D: '', 答案: '是', 主题: '合理膳食' }),
      validRow(8, { 题型: '判断', 选项A: '', 选项B: '', 选项C: '', 选项D: '', 答案: 'f', 主题: 'Nutrition' }),
      validRow(9, { 答案: 'Ｂ', 难度: 1, 知识点: '2024年版第27条' }),
    ];
    const questions = expectOk(await parseQuestionSheet(csvFile(csvText(rows)), 'zh-CN'));
    expect(questions.map((q) => q.answer)).toEqual(['ACD', 'C', false, true, false, false, true, false, 'B']);
    expect(questions.map((q) => q.type)).toEqual(['multiple', 'single', 'truefalse', 'truefalse', 'truefalse', 'truefalse', 'truefalse', 'truefalse', 'single']);
    expect(questions.map((q) => q.difficulty)).toEqual([1, 2, 3, 1, 1, 1, 1, 1, 1]);
    expect(questions.map((q) => `${q.literacy.edition}-${q.literacy.item}`)).toEqual(['2024-27', '2015-30', '2024-30', '2024-30', '2024-30', '2024-27', '2024-27', '2024-27', '2024-27']);
    expect(questions.every((q) => q.topic === 'nutrition')).toBe(true);
    expect(questions[5]).not.toHaveProperty('options');
  });

  it('reads xlsx cells as Excel shows them: numbers, percentages, dates, rich text and formulas', async () => {
    const file = await xlsxFile(
      [
        validRow(1, {
          题干: { richText: [{ text: '世界防治结核病日是每年的' }, { text: '哪一天？', font: { bold: true } }] },
          选项A: new Date(Date.UTC(2024, 2, 24)),
          选项B: 0.5,
          选项C: 140,
          选项D: { formula: '1+1', result: 2 },
          答案: 'A',
          // Excel turns a typed "2024-12" into the date 2024-12-01.
          知识点: new Date(Date.UTC(2024, 11, 1)),
        }),
      ],
      {
        sheet: (ws) => {
          ws.getCell('D2').numFmt = 'm"月"d"日"';
          ws.getCell('E2').numFmt = '0%';
        },
      },
    );
    const [q] = expectOk(await parseQuestionSheet(file, 'zh-CN'));
    expect(q).toMatchObject({ stem: '世界防治结核病日是每年的哪一天？', options: ['3月24日', '50%', '140', '2'], literacy: { edition: '2024', item: 12 } });
  });

  it('takes the sheet that has the question header, not an instructions sheet before it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['请在第二个工作表填写']);
    const ws = wb.addWorksheet('题库');
    ws.addRow(HEADER);
    ws.addRow(toArray(HEADER, validRow(1)));
    const questions = expectOk(await parseQuestionSheet({ name: 'x.xlsx', data: new Uint8Array(await wb.xlsx.writeBuffer()) }, 'zh-CN'));
    expect(questions).toStrictEqual([saltQuestion]);
  });

  it('detects xlsx by content, whatever the file is called', async () => {
    const file = await xlsxFile([validRow(1)], { name: 'bank.csv' });
    expect(expectOk(await parseQuestionSheet(file, 'zh-CN'))).toStrictEqual([saltQuestion]);
  });

  it('reads CSV with and without BOM, CRLF or LF, quoted commas, quotes and line breaks', async () => {
    const stem = '关于"三减"，下列说法正确的是（　）？\n（单选）';
    const text = csvText([validRow(1), validRow(2, { 题干: stem, 解析: '少盐、少油、少糖，即"三减"。\r\n第二行，有逗号。' })]);
    const withBom = expectOk(await parseQuestionSheet({ name: 'BANK.CSV', data: utf8(`\uFEFF${text}`) }, 'zh-CN'));
    const lf = expectOk(await parseQuestionSheet(csvFile(text.replace(/\r\n/g, '\n')), 'zh-CN'));
    expect(withBom).toStrictEqual(lf);
    expect(withBom[0]).toStrictEqual(saltQuestion);
    expect(withBom[1]!.stem).toBe(stem);
    // A CRLF inside a cell is stored as LF, as Excel itself writes line breaks.
    expect(withBom[1]!.explanation).toBe('少盐、少油、少糖，即"三减"。\n第二行，有逗号。');
  });

  it('reads unquoted CSV as Excel writes it, and tab-separated UTF-16 ("Unicode text")', async () => {
    const row = toArray(HEADER, validRow(1)).map((v) => String(v ?? ''));
    const plain = `${HEADER.join(',')}\n${row.join(',')}`; // no trailing newline
    expect(expectOk(await parseQuestionSheet(csvFile(plain), 'zh-CN'))).toStrictEqual([saltQuestion]);
    const tsv = `${HEADER.join('\t')}\r\n${row.join('\t')}\r\n`;
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(tsv, 'utf16le')]);
    expect(expectOk(await parseQuestionSheet({ name: 'bank.csv', data: utf16 }, 'zh-CN'))).toStrictEqual([saltQuestion]);
  });

  it('decodes a GBK / GB18030 CSV as saved by Excel on Chinese Windows', async () => {
    const gbk = gbkEncoder();
    expect([...gbk('单选')]).toEqual([0xb5, 0xa5, 0xd1, 0xa1]);
    const data = gbk(csvText([validRow(1), validRow(2, { 题型: '判断', 选项A: '', 选项B: '', 选项C: '', 选项D: '', 答案: '正确' })]));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data)).toThrow();
    const questions = expectOk(await parseQuestionSheet({ name: 'bank.csv', data }, 'zh-CN'));
    expect(questions[0]).toStrictEqual(saltQuestion);
    expect(questions[1]).toMatchObject({ type: 'truefalse', answer: true, stem: validRow(2).题干 });
  });

  it('imports a 5,000-row xlsx and CSV', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      i % 3 === 2 ? validRow(i + 1, { 题型: '判断', 选项A: '', 选项B: '', 选项C: '', 选项D: '', 答案: '错误' }) : validRow(i + 1, { 编号: `q-${i + 1}` }),
    );
    const xlsx = await xlsxFile(rows);
    let start = performance.now();
    const fromXlsx = expectOk(await parseQuestionSheet(xlsx, 'zh-CN'));
    const xlsxMs = performance.now() - start;
    const csv = csvFile(csvText(rows));
    start = performance.now();
    const fromCsv = expectOk(await parseQuestionSheet(csv, 'zh-CN'));
    const csvMs = performance.now() - start;
    console.log(`bank-io: parsed 5,000 rows — xlsx ${(xlsx.data.length / 1024).toFixed(0)} KB in ${xlsxMs.toFixed(0)} ms, csv ${(csv.data.length / 1024).toFixed(0)} KB in ${csvMs.toFixed(0)} ms`);
    expect(fromXlsx).toHaveLength(5000);
    expect(fromXlsx).toStrictEqual(fromCsv);
    expect(fromXlsx[4999]).toMatchObject({ id: 'q-5000', type: 'single' });
    expect(fromXlsx[2]).toMatchObject({ type: 'truefalse', answer: false });

    // The same file over a lower limit is refused as a whole.
    expect(expectProblems(await parseQuestionSheet(xlsx, 'zh-CN', { maxRows: 4999 }))).toEqual([
      { row: null, column: null, message: '文件共有 5000 道题，超过单次导入上限 4999 道，请分成几个文件导入' },
    ]);
  });
});

describe('parseQuestionSheet: rejected files', () => {
  const fileLevel = (message: string) => [{ row: null, column: null, message }];

  it('rejects a non-Excel file renamed .xlsx, a broken zip, an old .xls and an unknown format', async () => {
    const notExcel = utf8('这只是一个文本文件，不是 Excel。');
    expect(expectProblems(await parseQuestionSheet({ name: '题库.xlsx', data: notExcel }, 'zh-CN'))).toEqual(fileLevel('文件不是有效的 Excel (.xlsx) 文件'));
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('truncated')]);
    expect(expectProblems(await parseQuestionSheet({ name: '题库.xlsx', data: brokenZip }, 'zh-CN'))).toEqual(fileLevel('文件不是有效的 Excel (.xlsx) 文件'));
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(expectProblems(await parseQuestionSheet({ name: '题库.xls', data: xls }, 'zh-CN'))[0]!.message).toContain('.xls');
    expect(expectProblems(await parseQuestionSheet({ name: '题库.pdf', data: notExcel }, 'en'))).toEqual(fileLevel('Unrecognized file format; upload an .xlsx or .csv file'));
    expect(expectProblems(await parseQuestionSheet({ name: '题库.xlsx', data: notExcel }, 'en'))).toEqual(fileLevel('The file is not a valid Excel (.xlsx) file'));
  });

  it('rejects empty files', async () => {
    const empty = fileLevel('文件是空的');
    expect(expectProblems(await parseQuestionSheet({ name: 'a.xlsx', data: new Uint8Array() }, 'zh-CN'))).toEqual(empty);
    expect(expectProblems(await parseQuestionSheet({ name: 'a.csv', data: new Uint8Array() }, 'zh-CN'))).toEqual(empty);
    expect(expectProblems(await parseQuestionSheet(csvFile('\uFEFF \r\n\r\n'), 'zh-CN'))).toEqual(empty);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    expect(expectProblems(await parseQuestionSheet({ name: 'a.xlsx', data: new Uint8Array(await wb.xlsx.writeBuffer()) }, 'zh-CN'))).toEqual(empty);
  });

  it('rejects header-only files', async () => {
    const headerOnly = fileLevel('文件只有表头，没有题目');
    expect(expectProblems(await parseQuestionSheet(csvFile(csvText([])), 'zh-CN'))).toEqual(headerOnly);
    expect(expectProblems(await parseQuestionSheet(csvFile(`${csvText([])},,,\r\n\r\n`), 'zh-CN'))).toEqual(headerOnly);
    expect(expectProblems(await parseQuestionSheet(await xlsxFile([{}, { 题干: '   ' }]), 'zh-CN'))).toEqual(headerOnly);
    expect(expectProblems(await parseQuestionSheet(await xlsxFile([]), 'en'))).toEqual(fileLevel('The file has a header row but no questions'));
  });

  it('names the required headers that are missing, in one file-level problem', async () => {
    const header = HEADER.map((h) => (h === '题干' ? '问题描述' : h)).filter((h) => h !== '答案');
    const rows = [validRow(1, { 问题描述: validRow(1).题干 })];
    expect(expectProblems(await parseQuestionSheet(await xlsxFile(rows, { header }), 'zh-CN'))).toEqual(fileLevel('第 1 行表头缺少必填列：题干、答案'));
    expect(expectProblems(await parseQuestionSheet(csvFile(csvText(rows, header)), 'en'))).toEqual(
      fileLevel('The header row (row 1) lacks required columns: 题干, 答案'),
    );
    // A title line above the header is the usual way this happens.
    const titled = `"2024年健康知识竞赛题库"\r\n${csvText(rows)}`;
    expect(expectProblems(await parseQuestionSheet(csvFile(titled), 'zh-CN'))[0]!.message).toBe('第 1 行表头缺少必填列：题型、题干、答案、解析、主题、难度、知识点');
  });

  it('rejects two columns that mean the same thing', async () => {
    const header = [...HEADER, '题目'];
    expect(expectProblems(await parseQuestionSheet(csvFile(csvText([validRow(1)], header)), 'zh-CN'))).toEqual(
      fileLevel('表头中“题干”和“题目”是同一列，请只保留一个'),
    );
  });

  it('reports a missing answer at its row and column, and nothing else', async () => {
    const rows = [validRow(1, { 答案: '' }), validRow(2)];
    expect(expectProblems(await parseQuestionSheet(await xlsxFile(rows), 'zh-CN'))).toEqual([{ row: 2, column: '答案', message: '必填，不能为空' }]);
    expect(expectProblems(await parseQuestionSheet(await xlsxFile(rows), 'en'))).toEqual([{ row: 2, column: '答案', message: 'Required; must not be empty' }]);
  });

  it('reports an answer letter with no option, with the row as Excel numbers it', async () => {
    // Rows 2–4 are fine, then a blank row 5 that is skipped but still counted, then the bad row 6.
    const rows = [validRow(1), validRow(2), validRow(3), {}, validRow(4, { 答案: 'E' })];
    expect(expectProblems(await parseQuestionSheet(await xlsxFile(rows), 'zh-CN'))).toEqual([
      { row: 6, column: '答案', message: '答案 E 没有对应的选项（共 4 个选项）' },
    ]);
    expect(expectProblems(await parseQuestionSheet(csvFile(csvText(rows)), 'en'))).toEqual([
      { row: 6, column: '答案', message: 'Answer E has no matching option (4 options)' },
    ]);
    // The column is named as the file names it.
    const header = HEADER.map((h) => (h === '答案' ? '正确答案' : h));
    const renamed = rows.map((r) => ({ ...r, 正确答案: r.答案 }));
    expect(expectProblems(await parseQuestionSheet(await xlsxFile(renamed, { header }), 'zh-CN'))).toEqual([
      { row: 6, column: '正确答案', message: '答案 E 没有对应的选项（共 4 个选项）' },
    ]);
  });

  it('counts CSV records, not physical lines, as rows (like Excel does)', async () => {
    const text = csvText([validRow(1, { 解析: '第一行\n第二行\n第三行，都在一个单元格里。' }), validRow(2, { 难度: '很难' })]);
    expect(expectProblems(await parseQuestionSheet(csvFile(text), 'zh-CN'))).toEqual([
      { row: 3, column: '难度', message: '难度“很难”无法识别，应为 易、中、难 或 1、2、3' },
    ]);
  });

  it('reports duplicate rows within the file, comparing normalized stems', async () => {
    const stem = validRow(1).题干 as string;
    const variant = stem.replace('：', ': ').replace('2022', '２０２２').replace('。', '');
    const rows = [validRow(1), validRow(2), validRow(3, { 题干: variant }), validRow(4, { 题干: ` ${stem} ` })];
    expect(expectProblems(await parseQuestionSheet(await xlsxFile(rows), 'zh-CN'))).toEqual([
      { row: 4, column: '题干', message: '题干与第 2 行重复' },
      { row: 5, column: '题干', message: '题干与第 2 行重复' },
    ]);
    expect(expectProblems(await parseQuestionSheet(await xlsxFile(rows), 'en'))[0]!.message).toBe('The stem repeats row 2');
  });

  it('reports stems and ids already in the bank', async () => {
    const rows = [validRow(1), validRow(2, { 编号: 'salt-02' })];
    const problems = expectProblems(
      await parseQuestionSheet(await xlsxFile(rows), 'zh-CN', { existingStems: new Set(['第1题 《中国居民膳食指南(2022)》建议成年人每天食盐摄入量不超过( )']), existingIds: ['salt-02'] }),
    );
    expect(problems).toEqual([
      { row: 2, column: '题干', message: '题库中已有相同题干的题目' },
      { row: 3, column: '编号', message: '题库中已有编号为 salt-02 的题目' },
    ]);
    expect(expectOk(await parseQuestionSheet(await xlsxFile(rows), 'zh-CN', { existingStems: ['另一道题的题干'] }))).toHaveLength(2);
  });

  it('reports duplicate and malformed ids', async () => {
    const rows = [validRow(1, { 编号: 'q-1' }), validRow(2, { 编号: 'Q-1' }), validRow(3, { 编号: '第3题' }), validRow(4, { 编号: '7' })];
    expect(expectProblems(await parseQuestionSheet(csvFile(csvText(rows)), 'zh-CN'))).toEqual([
      { row: 3, column: '编号', message: '编号 q-1 与第 2 行重复' },
      { row: 4, column: '编号', message: '编号“第3题”无效：只能用小写字母、数字和连字符（2–64 个字符），也可以留空自动生成' },
      { row: 5, column: '编号', message: '编号“7”无效：只能用小写字母、数字和连字符（2–64 个字符），也可以留空自动生成' },
    ]);
  });

  it('lists every problem of every row, ordered by row then column', async () => {
    const rows = [
      validRow(1, { 主题: '营养学', 难度: '很难', 知识点: '第67条', 标签: Array.from({ length: 11 }, (_, i) => `标签${i}`).join('、') }),
      validRow(2, { 题型: '填空', 解析: '' }),
      validRow(3, { 题干: '盐量', 选项C: '', 选项D: '10克' }),
      validRow(4, { 答案: 'BC' }),
      validRow(5, { 题型: '多选', 答案: 'B' }),
      validRow(6, { 题型: '判断', 答案: 'B' }),
      validRow(7, { 选项C: '5 克' }),
      validRow(8, { 题型: '多选', 选项C: '', 选项D: '', 答案: 'AB' }),
      validRow(9, { 知识点: '2020-30', 答案: 'G' }),
    ];
    expect(expectProblems(await parseQuestionSheet(await xlsxFile(rows), 'zh-CN'))).toEqual([
      { row: 2, column: '主题', message: '主题“营养学”不在主题列表中（见模板中的“填写说明”）' },
      { row: 2, column: '难度', message: '难度“很难”无法识别，应为 易、中、难 或 1、2、3' },
      { row: 2, column: '知识点', message: '2024 年版健康素养只有 66 条，第 67 条不存在' },
      { row: 2, column: '标签', message: '标签最多 10 个' },
      { row: 3, column: '题型', message: '题型“填空”无法识别，应为 单选、多选 或 判断' },
      { row: 3, column: '解析', message: '必填，不能为空' },
      { row: 4, column: '题干', message: '太短，至少需要 4 个字' },
      { row: 4, column: '选项C', message: '选项 C 为空，但后面还有选项' },
      { row: 5, column: '答案', message: '单选题只能有一个答案，这里填了 BC' },
      { row: 6, column: '答案', message: '多选题至少要有两个正确答案' },
      { row: 7, column: '选项A', message: '判断题不需要填写选项（如填写，只能是“正确”“错误”两项）' },
      { row: 7, column: '答案', message: '判断题答案“B”无法识别，应为 正确 或 错误' },
      { row: 8, column: '选项C', message: '选项 C 与选项 B 内容重复' },
      { row: 9, column: '选项C', message: '至少需要 3 个选项' },
      { row: 10, column: '答案', message: '答案“G”无法识别，应填选项字母 A–F，如 B 或 ACD' },
      { row: 10, column: '知识点', message: '知识点“2020-30”无法识别，应写成 2024-30、2024年版第30条 或 第30条' },
    ]);
  });

  it('reports too-long text with its length', async () => {
    const problems = expectProblems(await parseQuestionSheet(csvFile(csvText([validRow(1, { 解析: '很'.repeat(1001) })])), 'zh-CN'));
    expect(problems).toEqual([{ row: 2, column: '解析', message: '太长，最多 1000 个字（现有 1001 个字）' }]);
  });

  it('lists at most 200 problems and says how many more there are', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => validRow(i + 1, { 答案: '' }));
    for (const locale of ['zh-CN', 'en'] as const) {
      const problems = expectProblems(await parseQuestionSheet(csvFile(csvText(rows)), locale));
      expect(problems).toHaveLength(201);
      expect(problems[199]).toEqual({ row: 201, column: '答案', message: locale === 'en' ? 'Required; must not be empty' : '必填，不能为空' });
      expect(problems[200]).toEqual({ row: null, column: null, message: locale === 'en' ? '50 more problems not listed' : '还有 50 个问题未列出' });
    }
  });

  it('reports an unclosed CSV quote at the row where it starts', async () => {
    const text = `${csvText([validRow(1)])}单选,"没有闭合的题干\r\n`;
    expect(expectProblems(await parseQuestionSheet(csvFile(text), 'zh-CN'))).toEqual([
      { row: 3, column: null, message: 'CSV 文件中从这一行开始的引号没有闭合' },
    ]);
  });

  it('formats problems as lines for people', () => {
    expect(formatImportProblem({ row: 5, column: '答案', message: '答案 E 没有对应的选项（共 4 个选项）' }, 'zh-CN')).toBe('第 5 行“答案”列：答案 E 没有对应的选项（共 4 个选项）');
    expect(formatImportProblem({ row: 5, column: '答案', message: 'Required; must not be empty' }, 'en')).toBe('Row 5, column 答案: Required; must not be empty');
    expect(formatImportProblem({ row: 3, column: null, message: 'x' }, 'en')).toBe('Row 3: x');
    expect(formatImportProblem({ row: null, column: null, message: '文件是空的' }, 'zh-CN')).toBe('文件是空的');
  });
});

// ---------------------------------------------------------------------------------------------

const tricky: Question[] = [
  questionSchema.parse({
    id: 'trick-01',
    type: 'single',
    stem: '=HYPERLINK("http://example.com","点我") 这样的题干，含逗号, 引号"和""，\n还有换行与表情🍎💪🏽',
    options: ['-5℃', '+86 12320', "'=1+1", '@home, "quoted"', '0123', 'TRUE'],
    answer: 'F',
    explanation: '第一段，含英文逗号, 和"双引号"。\n\n第二段\t含制表符 😀；' + '很'.repeat(900),
    topic: 'health-information',
    difficulty: 3,
    literacy: { edition: '2015', item: 59 },
    tags: ['表情😀', 'a "quote"', "it's"],
    source: '《来源》, 含逗号',
  }),
  questionSchema.parse({
    id: 'trick-02',
    type: 'multiple',
    stem: '下列属于高血压危险因素的有（　）。',
    options: ['超重和肥胖', '高盐饮食', '规律进行有氧运动', '长期精神紧张', '过量饮酒'],
    answer: 'EDBA',
    explanation: '高盐饮食、超重肥胖、过量饮酒、长期精神紧张都是高血压的危险因素。',
    topic: 'chronic-disease',
    difficulty: 2,
    literacy: { edition: '2024', item: 16 },
  }),
  questionSchema.parse({
    id: 'trick-03',
    type: 'truefalse',
    stem: '"抗生素"能治疗病毒性感冒。',
    answer: false,
    explanation: '抗生素对病毒无效，普通感冒不需要使用抗生素。',
    topic: 'medicine-use',
    difficulty: 1,
    literacy: { edition: '2024', item: 43 },
    tags: ['抗生素'],
  }),
];

describe('writeQuestionSheet', () => {
  for (const format of ['xlsx', 'csv'] as const) {
    it(`round-trips commas, quotes, line breaks, emoji and formula-like text through ${format}`, async () => {
      const data = await writeQuestionSheet(tricky, format);
      const back = expectOk(await parseQuestionSheet({ name: `export.${format}`, data }, 'zh-CN'));
      expect(back).toStrictEqual(tricky);
    });

    it(`round-trips generated questions through ${format} (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(questionArb, { minLength: 1, maxLength: 6 }), async (drafts) => {
          const questions = drafts.map((d, i) => questionSchema.parse({ ...d, id: `q-${i}`, stem: `${i}号${d.stem}` }));
          const data = await writeQuestionSheet(questions, format);
          const back = expectOk(await parseQuestionSheet({ name: `export.${format}`, data }, 'zh-CN'));
          expect(back).toStrictEqual(questions);
        }),
        { seed: 20240527, numRuns: 40 },
      );
    });
  }

  it('writes xlsx with a bold, frozen header, column widths and wrapped 题干 / 解析', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await writeQuestionSheet(tricky, 'xlsx', 'en')).buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Questions');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADER, '来源']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(40);
    expect(ws.getCell('C2').alignment?.wrapText).toBe(true);
    expect(ws.getCell('K2').alignment?.wrapText).toBe(true);
    expect(ws.getCell('B2').alignment?.wrapText).toBeFalsy();
    expect(ws.getCell('C1').note).toBeDefined();
    // Values as organizers write them.
    expect(ws.getCell('J3').value).toBe('EDBA');
    expect(ws.getCell('J4').value).toBe('错误');
    expect(ws.getCell('B4').value).toBe('判断');
    expect(ws.getCell('L3').value).toBe('慢性病防治');
    expect(ws.getCell('M3').value).toBe('中');
    expect(ws.getCell('N3').value).toBe('2024-16');
    expect(ws.getCell('O2').value).toBe(`表情😀、a "quote"、it's`);
  });

  it('writes CSV as UTF-8 with BOM, CRLF records and formula-like cells neutralised', async () => {
    const data = await writeQuestionSheet(tricky, 'csv');
    expect([...data.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(data);
    expect(text.split('\r\n')[0]).toBe([...HEADER, '来源'].join(','));
    expect(text).toContain(`"'=HYPERLINK(""http://example.com"",""点我"")`);
    expect(text).toContain(`'-5℃,'+86 12320,''=1+1,"'@home, ""quoted""",0123,TRUE`);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});

describe('writeTemplate', () => {
  it('parses back to its two example rows: one 单选 and one 判断, with correct keys', async () => {
    const data = await writeTemplate();
    const questions = expectOk(await parseQuestionSheet({ name: '题库导入模板.xlsx', data }, 'zh-CN'));
    expect(questions).toStrictEqual(TEMPLATE_EXAMPLES);
    expect(questions.map((q) => q.type)).toEqual(['single', 'truefalse']);
    const [single, tf] = questions;
    expect(single).toMatchObject({ answer: 'B', options: ['3克', '5克', '6克', '10克'], topic: 'nutrition', literacy: { edition: '2024', item: 27 } });
    expect(single!.stem).toContain('食盐');
    expect(tf).toMatchObject({ answer: false, topic: 'medicine-use', literacy: { edition: '2024', item: 43 } });
    expect(questions.every((q) => /^imp-[0-9a-f]{10}$/.test(q.id))).toBe(true);
  });

  it('has drop-downs, and a 填写说明 sheet covering every column, topic, difficulty and the 知识点 format', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await writeTemplate()).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['题目', '填写说明']);
    const sheet = wb.getWorksheet('题目')!;
    expect(sheet.getCell('A2').value ?? '').toBe('');
    expect(sheet.getCell('B500').dataValidation).toMatchObject({ type: 'list', formulae: ['"单选,多选,判断"'] });
    expect(sheet.getCell('M2').dataValidation?.formulae[0]).toBe('"易,中,难"');
    const text: string[] = [];
    wb.getWorksheet('填写说明')!.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    const all = text.join('\n');
    for (const header of ['编号', '题型', '题干', '选项A–选项F', '答案', '解析', '主题', '难度', '知识点', '标签', '来源']) expect(text).toContain(header);
    for (const id of TOPIC_IDS) {
      expect(text).toContain(id);
      expect(text).toContain(TOPICS[id]['zh-CN']);
    }
    for (const s of ['易 或 1', '中 或 2', '难 或 3', '2024-30', '第30条', '1–66', '正确 或 错误']) expect(all).toContain(s);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** A GBK encoder built by inverting the platform's GB18030 decoder over the two-byte range. */
function gbkEncoder(): (s: string) => Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return (s) => {
    const bytes: number[] = [];
    for (const ch of s) {
      if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
      else {
        const pair = table.get(ch);
        if (!pair) throw new Error(`no GBK code for ${ch}`);
        bytes.push(...pair);
      }
    }
    return new Uint8Array(bytes);
  };
}

// Characters that stress the formats: CSV syntax, formula starts, full-width forms, emoji (incl. a ZWJ
// sequence), Chinese. Tags leave out the separators (, ， 、 ; ； and line breaks), which cannot round-trip.
const textChars = Array.from('健康饮食盐油糖运动睡眠心理ＡＢ１２abcXYZ019 ,"\'\n\t=+-@%（）「」“”：；。！？🍎💪🏽👨‍👩‍👧');
const tagChars = Array.from('健康盐油abc19 "\'=+-@🍎');
const textArb = (min: number, max: number, chars = textChars) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));

const commonArb = {
  stem: textArb(4, 60),
  explanation: textArb(4, 80),
  topic: fc.constantFrom(...TOPIC_IDS),
  difficulty: fc.constantFrom(1 as const, 2 as const, 3 as const),
  literacy: fc.record({ edition: fc.constantFrom('2015' as const, '2024' as const), item: fc.integer({ min: 1, max: 66 }) }),
  tags: fc.array(textArb(1, 8, tagChars), { maxLength: 4 }),
  source: fc.option(textArb(1, 30), { nil: undefined }),
};

const questionArb: fc.Arbitrary<QuestionInput> = fc
  .oneof(
    fc.record({ ...commonArb, type: fc.constant('truefalse' as const), answer: fc.boolean() }),
    fc.integer({ min: 2, max: 6 }).chain((n) =>
      fc.record({ ...commonArb, type: fc.constant('single' as const), options: fc.array(textArb(1, 12), { minLength: n, maxLength: n }), answer: fc.constantFrom(...OPTION_LETTERS.slice(0, n)) }),
    ),
    fc.integer({ min: 3, max: 6 }).chain((n) =>
      fc.record({
        ...commonArb,
        type: fc.constant('multiple' as const),
        options: fc.array(textArb(1, 12), { minLength: n, maxLength: n }),
        answer: fc.shuffledSubarray([...OPTION_LETTERS.slice(0, n)], { minLength: 2, maxLength: n - 1 }).map((l) => l.join('')),
      }),
    ),
  )
  .map((q): QuestionInput => {
    const { source, ...rest } = q;
    return { id: 'draft', ...rest, ...(source === undefined ? {} : { source }) } as QuestionInput;
  })
  .filter((q) => questionSchema.safeParse(q).success);
