/**
 * A bounded reader of .xlsx sheets for imports. ExcelJS, used for exports, inflates every part of the zip whole
 * and gives each row cells out to the sheet's widest column: a 4 KB file with one cell in column XFD on a
 * few thousand rows, or a 300 KB zip bomb, took the server gigabytes and tens of seconds. This reader checks
 * the zip's declared sizes before inflating anything, inflates only the parts it needs and never past their
 * declared size, refuses a sheet whose declared dimension is beyond the limits, and reads the sheet's XML as a
 * stream of events, keeping only the cells inside the column limit. Everything it refuses comes back as an
 * error code with its parameters, never a throw.
 */
import { inflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import type { ErrorCode } from '../../shared/i18n/messages.js';

export interface XlsxLimits {
  /** Sum of the declared uncompressed sizes of every part of the zip. */
  maxUnzippedBytes: number;
  /** Entries in the zip (a real workbook has a few dozen). */
  maxEntries: number;
  /** Columns a row may have content in. */
  maxColumns: number;
  /** Rows the sheet may declare (its `<dimension>`) or hold. */
  maxSheetRows: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxEntries: 2000,
  maxColumns: 64,
  maxSheetRows: 100_000,
};

export type XlsxRefusal = { ok: false; code: ErrorCode; params?: Record<string, string | number>; row?: number };

export interface XlsxCell {
  /** Raw value: shared strings resolved, numbers as numbers, dates (by the cell's number format) as Date. */
  value: string | number | boolean | Date;
  numFmt: string;
}

export interface XlsxSheetReader {
  /** Sheet names in workbook order. */
  names: string[];
  /**
   * Streams the rows of sheet `index` (1-based columns). `onRow` gets each row that has any cell inside the
   * column limit and answers whether to go on. A refusal (too wide, too long, bad XML) comes back as a value.
   */
  readRows(index: number, onRow: (row: number, cells: Map<number, XlsxCell>) => boolean): XlsxRefusal | null;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const notXlsx: XlsxRefusal = { ok: false, code: 'import/not-xlsx' };

/** The zip's central directory, read without inflating anything. */
function readCentralDirectory(data: Buffer, limits: XlsxLimits): Entry[] | XlsxRefusal {
  // End of central directory: 22 bytes plus a comment of at most 65,535, at the end of the file.
  const from = Math.max(0, data.length - 22 - 65_535);
  let eocd = -1;
  for (let i = data.length - 22; i >= from; i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notXlsx;
  const count = data.readUInt16LE(eocd + 10);
  const cdOffset = data.readUInt32LE(eocd + 16);
  // ZIP64 markers: no spreadsheet under the upload limit needs them.
  if (count === 0xffff || cdOffset === 0xffffffff) return notXlsx;
  if (count > limits.maxEntries) return { ok: false, code: 'import/too-large', params: { max: Math.round(limits.maxUnzippedBytes / 1048576) } };
  const entries: Entry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) return notXlsx;
    const method = data.readUInt16LE(p + 10);
    const compressedSize = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    const localOffset = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nameLength);
    total += size;
    if (total > limits.maxUnzippedBytes) return { ok: false, code: 'import/too-large', params: { max: Math.round(limits.maxUnzippedBytes / 1048576) } };
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One part, inflated to at most its declared size: a part that inflates past what it declared is refused. */
function inflatePart(data: Buffer, entry: Entry): Buffer | null {
  const p = entry.localOffset;
  if (p + 30 > data.length || data.readUInt32LE(p) !== 0x04034b50) return null;
  const start = p + 30 + data.readUInt16LE(p + 26) + data.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) return null;
  const raw = data.subarray(start, end);
  if (entry.method === 0) return raw.length === entry.size ? raw : null;
  if (entry.method !== 8) return null;
  try {
    // maxOutputLength makes zlib stop with an error instead of allocating past the declared size.
    const out = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
    return out.length === entry.size ? out : null;
  } catch {
    return null;
  }
}

// Excel's built-in number formats that matter here: percentages and dates (Chinese variants where the
// built-in depends on the locale, as Chinese Excel and WPS show them).
const BUILTIN_FORMATS: Record<number, string> = {
  9: '0%', 10: '0.00%', 14: 'yyyy/m/d', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'yyyy/m/d h:mm', 27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午 h"时"mm"分"', 35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午 h"时"mm"分"', 56: '上午/下午 h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** Whether a number format shows a date or time (ExcelJS's rule: y m d h s outside quotes and brackets). */
export function isDateFormat(fmt: string): boolean {
  return /[ymdhsb]/i.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Column letters of a cell reference (`XFD12` → 16384); 0 when there are none. */
function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

function rowNumber(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

/** Runs a SAX pass over an XML part; a DOCTYPE (entity tricks) or malformed XML makes it false. */
function saxPass(xml: Buffer, handlers: { open(name: string, attrs: Record<string, string>): void; close(name: string): void; text(t: string): void }, stop: { now: boolean }): boolean {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('doctype', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  // Fed in slices so a row limit or a refusal stops the work early.
  const SLICE = 256 * 1024;
  let offset = 0;
  // A slice may end inside a multi-byte character: decode with a streaming decoder.
  const decoder = new TextDecoder('utf-8');
  try {
    while (offset < xml.length && !failed && !stop.now) {
      const end = Math.min(xml.length, offset + SLICE);
      parser.write(decoder.decode(xml.subarray(offset, end), { stream: end < xml.length }));
      offset = end;
    }
    if (!failed && !stop.now) parser.close();
  } catch {
    failed = true;
  }
  return !failed;
}

const localName = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Opens an .xlsx for bounded reading, or says why not. Nothing is inflated past the zip's declared sizes. */
export function openXlsx(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): XlsxSheetReader | XlsxRefusal {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(data, limits);
  if (!Array.isArray(entries)) return entries;
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const part = (name: string): Buffer | null | undefined => {
    const e = byName.get(name);
    return e ? inflatePart(data, e) : undefined;
  };
  const never = { now: false };

  // Workbook: sheet order and the 1904 date system.
  const workbook = part('xl/workbook.xml');
  if (!workbook) return notXlsx;
  const sheets: { name: string; rel: string }[] = [];
  let date1904 = false;
  if (
    !saxPass(workbook, {
      open(name, a) {
        if (name === 'sheet') sheets.push({ name: a.name ?? '', rel: a['r:id'] ?? a.id ?? '' });
        else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      },
      close() {},
      text() {},
    }, never)
  )
    return notXlsx;
  const rels = new Map<string, string>();
  const relsPart = part('xl/_rels/workbook.xml.rels');
  if (relsPart && !saxPass(relsPart, { open: (name, a) => name === 'Relationship' && a.Id && a.Target && rels.set(a.Id, a.Target), close() {}, text() {} }, never)) return notXlsx;
  const sheetPaths = sheets.map((s) => {
    const target = rels.get(s.rel) ?? '';
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  });
  if (sheets.length === 0) return notXlsx;

  // Shared strings: the text of each <si>, phonetic runs (<rPh>) left out as Excel shows them.
  const shared: string[] = [];
  const sst = part('xl/sharedStrings.xml');
  if (sst === null) return notXlsx;
  if (sst) {
    let inSi = false;
    let inT = false;
    let inPhonetic = 0;
    let text = '';
    const ok = saxPass(sst, {
      open(name) {
        if (name === 'si') {
          inSi = true;
          text = '';
        } else if (name === 'rPh') inPhonetic++;
        else if (name === 't') inT = true;
      },
      close(name) {
        if (name === 'si') {
          shared.push(text);
          inSi = false;
        } else if (name === 'rPh') inPhonetic--;
        else if (name === 't') inT = false;
      },
      text(t) {
        if (inSi && inT && inPhonetic === 0) text += t;
      },
    }, never);
    if (!ok) return notXlsx;
  }

  // Styles: the number format of each cell style.
  const xfFormats: string[] = [];
  const styles = part('xl/styles.xml');
  if (styles === null) return notXlsx;
  if (styles) {
    const custom = new Map<number, string>();
    let inCellXfs = false;
    const xfIds: number[] = [];
    const ok = saxPass(styles, {
      open(name, a) {
        if (name === 'numFmt' && a.numFmtId) custom.set(Number(a.numFmtId), (a.formatCode ?? '').replace(/\\(.)/g, '$1'));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfIds.push(Number(a.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    }, never);
    if (!ok) return notXlsx;
    for (const id of xfIds) xfFormats.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? '');
  }

  return {
    names: sheets.map((s) => s.name),
    readRows(index, onRow) {
      const xml = part(sheetPaths[index] ?? '');
      if (!xml) return notXlsx;
      const stop = { now: false };
      let refusal: XlsxRefusal | null = null;
      const refuse = (r: XlsxRefusal) => {
        refusal = r;
        stop.now = true;
      };
      let row = 0;
      let cells = new Map<number, XlsxCell>();
      let col = 0;
      let type = '';
      let style = 0;
      let value = '';
      let inValue = false;
      let inInline = false;
      let inText = false;
      let inPhonetic = 0;
      let hasValue = false;
      let nextCol = 1;
      const ok = saxPass(xml, {
        open(name, a) {
          if (stop.now) return;
          if (name === 'dimension' && a.ref) {
            const [first = '', last = first] = a.ref.split(':');
            const columns = columnNumber(last) - columnNumber(first) + 1;
            const rows = rowNumber(last) - rowNumber(first) + 1;
            if (columns > limits.maxColumns || rows > limits.maxSheetRows)
              refuse({ ok: false, code: 'import/sheet-range', params: { range: a.ref, rows: limits.maxSheetRows, columns: limits.maxColumns } });
          } else if (name === 'row') {
            row = a.r ? Number(a.r) : row + 1;
            if (!(row >= 1) || row > limits.maxSheetRows) refuse({ ok: false, code: 'import/sheet-range', params: { range: `${row}`, rows: limits.maxSheetRows, columns: limits.maxColumns } });
            cells = new Map();
            nextCol = 1;
          } else if (name === 'c') {
            col = a.r ? columnNumber(a.r) : nextCol;
            nextCol = col + 1;
            type = a.t ?? 'n';
            style = Number(a.s ?? 0);
            value = '';
            hasValue = false;
          } else if (name === 'v') {
            inValue = true;
            hasValue = true;
          } else if (name === 'is') {
            inInline = true;
            hasValue = true;
          } else if (name === 't') inText = true;
          else if (name === 'rPh') inPhonetic++;
        },
        close(name) {
          if (stop.now) return;
          if (name === 'v') inValue = false;
          else if (name === 'is') inInline = false;
          else if (name === 't') inText = false;
          else if (name === 'rPh') inPhonetic--;
          else if (name === 'c') {
            if (!hasValue) return;
            const numFmt = xfFormats[style] ?? '';
            let v: XlsxCell['value'];
            switch (type) {
              case 's':
                v = shared[Number(value)] ?? '';
                break;
              case 'inlineStr':
              case 'str':
              case 'e':
                v = value;
                break;
              case 'b':
                v = value === '1' || value === 'true';
                break;
              case 'd':
                v = new Date(value);
                break;
              default: {
                const n = Number(value);
                v = value.trim() === '' || Number.isNaN(n) ? value : isDateFormat(numFmt) ? excelToDate(n, date1904) : n;
              }
            }
            // Past the column limit a cell with content refuses the file; an empty one is only formatting.
            if (col > limits.maxColumns) {
              if (String(v).trim() !== '') refuse({ ok: false, code: 'import/too-wide', params: { row, column: col, max: limits.maxColumns }, row });
              return;
            }
            cells.set(col, { value: v, numFmt });
          } else if (name === 'row') {
            if (cells.size && !onRow(row, cells)) stop.now = true;
          }
        },
        text(t) {
          if (stop.now) return;
          if (inValue || (inInline && inText && inPhonetic === 0)) value += t;
        },
      }, stop);
      if (refusal) return refusal;
      return ok || stop.now ? null : notXlsx;
    },
  };
}
