/**
 * Reading a spreadsheet (.xlsx by content, .csv by name) into rows of text, bounded in rows and columns: for
 * question banks, team lists and guide lists alike.
 */
import type { ErrorCode } from '../../shared/i18n/messages.js';
import { HEADER_LOOKUP, headerKey, unguardFormula } from '../bank/bank-columns.js';
import { openXlsx, XLSX_LIMITS, type XlsxCell } from './xlsx-read.js';

/** Largest number of data rows an import reads by default (blank rows not counted). */
export const DEFAULT_MAX_ROWS = 10_000;

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

export const DEFAULT_SHEET_LIMITS: SheetLimits = { maxRows: DEFAULT_MAX_ROWS, tooManyRows: 'import/too-many-rows', maxColumns: XLSX_LIMITS.maxColumns };

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
