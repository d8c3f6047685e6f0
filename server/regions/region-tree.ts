import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { ancestorCodes, regionPrefix, type Region } from '../../shared/region/region.js';
import type { Db } from '../db/client.js';
import { regions } from '../db/schema.js';

/** Most rows one answer carries: a level under one parent is far smaller (a township has some dozens of villages). */
const LIST_LIMIT = 1000;
const SEARCH_LIMIT = 20;

/** A region found by search, with the names of the regions above it (河北省 › 廊坊市 › 广阳区). */
export interface RegionMatch extends Region {
  path: string[];
}

const nameHas = (q: string | undefined) => (q ? sql`instr(${regions.name}, ${q}) > 0` : undefined);

/** One level of the tree: the children of a region (the top without one), those whose name contains `q` if given. */
export function regionChildren(db: Db, parent: string | null, q?: string): Promise<Region[]> {
  return db
    .select()
    .from(regions)
    .where(and(parent === null ? isNull(regions.parentCode) : eq(regions.parentCode, parent), nameHas(q)))
    .orderBy(asc(regions.code))
    .limit(LIST_LIMIT);
}

/** The names of the regions above each of `codes`, top first. */
async function pathsOf(db: Db, codes: string[]): Promise<(code: string) => string[]> {
  const wanted = [...new Set(codes.flatMap(ancestorCodes))];
  const rows = wanted.length ? await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, wanted)) : [];
  const names = new Map(rows.map((r) => [r.code, r.name]));
  return (code) => ancestorCodes(code).flatMap((a) => (names.has(a) ? [names.get(a)!] : []));
}

/** Up to 20 regions anywhere below `within` whose name contains `q`, each with its path (a code range scan: codes nest). */
export async function searchRegions(db: Db, within: string, q: string): Promise<RegionMatch[]> {
  const prefix = regionPrefix(within);
  // ':' sorts right after '9': [prefix, prefix + ':') is every code that starts with the prefix.
  const rows = await db
    .select()
    .from(regions)
    .where(and(gte(regions.code, prefix), lt(regions.code, `${prefix}:`), nameHas(q)))
    .orderBy(sql`length(${regions.code})`, asc(regions.code))
    .limit(SEARCH_LIMIT);
  const path = await pathsOf(db, rows.map((r) => r.code));
  return rows.map((r) => ({ ...r, path: path(r.code) }));
}

/** One region with its path and its children, or null. */
export async function regionWithChildren(db: Db, code: string) {
  const [region] = await db.select().from(regions).where(eq(regions.code, code));
  if (!region) return null;
  const path = await pathsOf(db, [code]);
  return { ...region, path: path(code), children: await regionChildren(db, code) };
}

/** Whether a region is in the loaded tree. */
export async function regionExists(db: Db, code: string): Promise<boolean> {
  return (await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code))).length > 0;
}
