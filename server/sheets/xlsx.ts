import type ExcelJS from 'exceljs';

/**
 * A new workbook, ExcelJS loaded with the first one: it is half a second of start-up that only exports and
 * imports need, and a restarted server should be back for its players sooner than that.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = '健康知识竞赛平台';
  return book;
}

export interface SheetColumn {
  header: string;
  key: string;
  width: number;
}

/** Adds a table sheet the way every export here lays one out: a bold header row kept in view, then the rows. */
export function addTableSheet(book: ExcelJS.Workbook, name: string, columns: SheetColumn[], rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.addRows(rows);
  return ws;
}
