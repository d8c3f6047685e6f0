import type ExcelJS from 'exceljs';

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
