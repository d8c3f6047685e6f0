/**
 * Spreadsheet bombs: files built to make the import read millions of empty cells or inflate gigabytes. Each is
 * refused from the zip's directory or the sheet's first tags, quickly and with a clear Chinese message, never
 * by exhausting the server (before the bounded reader, the XFD file took minutes and gigabytes, see #15).
 */
import { describe, expect, it } from 'vitest';
import { parseQuestionSheet } from '../../server/bank/bank-io';
import { parseTeamSheet } from '../../server/contest/team-import';
import { sheetXml, workbook } from '../helpers/xlsx-craft';

const HEADER = { A: '题型', B: '题干', C: '选项A', D: '选项B', E: '答案', F: '解析', G: '主题', H: '难度', I: '知识点' };
const xfdRows = (n: number) => [HEADER, ...Array.from({ length: n }, () => ({ XFD: 'x' }))];
const problems = (r: Awaited<ReturnType<typeof parseQuestionSheet>>) => (r.ok ? [] : r.problems);

describe('import limits', () => {
  it('refuses a sheet whose declared dimension reaches column XFD, before reading its rows', async () => {
    const file = { name: 'bomb.xlsx', data: workbook(sheetXml(xfdRows(2000), 'A1:XFD2001')) };
    expect(file.data.length).toBeLessThan(64 * 1024);
    expect(problems(await parseQuestionSheet(file, 'zh-CN'))).toEqual([
      { row: null, column: null, message: '工作表的使用范围 A1:XFD2001 超出上限（最多 100000 行、64 列），请删除多余的行和列后重新导入' },
    ]);
    const teams = await parseTeamSheet(file, new Map(), 'zh-CN');
    expect(teams.ok).toBe(false);
  });

  it('refuses content past the column limit when the sheet declares no dimension', async () => {
    const file = { name: 'bomb.xlsx', data: workbook(sheetXml(xfdRows(2000))) };
    expect(problems(await parseQuestionSheet(file, 'zh-CN'))).toEqual([
      { row: 2, column: null, message: '第 2 行第 16384 列有内容，超出上限 64 列，请删除多余的列后重新导入' },
    ]);
    expect(problems(await parseQuestionSheet(file, 'en'))[0]!.message).toBe('Row 2 has content in column 16384, past the limit of 64 columns; delete the extra columns and import it again');
  });

  it('refuses a zip whose parts declare more than the unzipped limit, without inflating them', async () => {
    const data = workbook(sheetXml([HEADER]), [{ name: 'xl/sharedStrings.xml', data: ' '.repeat(1000), declaredSize: 3_000_000_000 }]);
    expect(problems(await parseQuestionSheet({ name: 'bomb.xlsx', data }, 'zh-CN'))).toEqual([
      { row: null, column: null, message: '文件解压后过大（上限 100 MB），请删除无关的工作表、图片和格式后重新导入' },
    ]);
  });

  it('refuses a part that inflates past its declared size (a zip bomb that lies)', async () => {
    // 64 MB of one character deflates to ~64 KB and claims to be 1 KB.
    const bomb = ' '.repeat(64 * 1024 * 1024);
    const data = workbook(sheetXml([HEADER]), [{ name: 'xl/sharedStrings.xml', data: bomb, declaredSize: 1024 }]);
    expect(data.length).toBeLessThan(200 * 1024);
    const before = process.memoryUsage().rss;
    expect(problems(await parseQuestionSheet({ name: 'bomb.xlsx', data }, 'zh-CN'))).toEqual([{ row: null, column: null, message: '文件不是有效的 Excel (.xlsx) 文件' }]);
    // Nothing near the 64 MB the part really holds was allocated (the bound, not a timing).
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('refuses a CSV with content past the column limit, and counts rows past the row limit without keeping them', async () => {
    const wide = `题型,题干,答案${',x'.repeat(100)}\r\n`;
    expect(problems(await parseQuestionSheet({ name: 'wide.csv', data: new TextEncoder().encode(wide) }, 'zh-CN'))[0]!.message).toBe('第 1 行第 65 列有内容，超出上限 64 列，请删除多余的列后重新导入');
    const long = `战队名称\r\n${'某某战队\r\n'.repeat(500)}`;
    expect(await parseTeamSheet({ name: 'teams.csv', data: new TextEncoder().encode(long) }, new Map(), 'zh-CN')).toEqual({
      ok: false,
      problems: [{ row: null, column: null, message: '文件共有 500 行数据，超过上限 200 行' }],
    });
  });

  it('lists at most 100 team problems and says how many more there are', async () => {
    const rows = `战队名称,成员\r\n${Array.from({ length: 150 }, (_, i) => `战队${i},甲`).join('\r\n')}`;
    const result = await parseTeamSheet({ name: 'teams.csv', data: new TextEncoder().encode(rows) }, new Map(), 'zh-CN');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(101);
    expect(result.problems[100]).toEqual({ row: null, column: null, message: '还有 51 个问题未列出' });
  });
});
