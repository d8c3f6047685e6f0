import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { ancestorCodes, regionCodeSchema, regionPrefix, type Region } from '../../shared/region.js';
import type { Db } from '../db/client.js';
import { regions } from '../db/schema.js';
import { errorResponse, validate, type AppEnv } from '../http.js';

/** Most rows one answer carries: a level under one parent is far smaller (a township has some dozens of villages). */
const LIST_LIMIT = 1000;
const SEARCH_LIMIT = 20;

const listQuery = z.object({
  parent: regionCodeSchema.optional(),
  /** Search below this region (any depth) instead of listing one level. */
  within: regionCodeSchema.optional(),
  q: z.string().trim().max(30).optional(),
});

/** A region found by search, with the names of the regions above it (河北省 › 廊坊市 › 广阳区). */
export interface RegionMatch extends Region {
  path: string[];
}

/**
 * `GET /api/regions?parent=CODE[&q=NAME]`: one level only — the children of a region (the top of the tree
 * without `parent`), optionally those whose name contains `q`. With ~700,000 villages loaded a picker still
 * receives only the level it shows.
 * `GET /api/regions?within=CODE&q=NAME`: up to 20 regions anywhere below a region whose name contains `q`,
 * each with its path, for a picker's search box (a code range scan: codes nest).
 * `GET /api/regions/:code`: one region with its children and its path.
 */
export function regionRoutes(db: Db) {
  const nameHas = (q: string | undefined) => (q ? sql`instr(${regions.name}, ${q}) > 0` : undefined);
  const children = (parent: string | null, q?: string): Promise<Region[]> =>
    db
      .select()
      .from(regions)
      .where(and(parent === null ? isNull(regions.parentCode) : eq(regions.parentCode, parent), nameHas(q)))
      .orderBy(asc(regions.code))
      .limit(LIST_LIMIT);
  const pathsOf = async (codes: string[]): Promise<Map<string, string>> => {
    const wanted = [...new Set(codes.flatMap(ancestorCodes))];
    if (wanted.length === 0) return new Map();
    const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, wanted));
    return new Map(rows.map((r) => [r.code, r.name]));
  };

  return new Hono<AppEnv>()
    .get('/', validate('query', listQuery), async (c) => {
      const { parent, within, q } = c.req.valid('query');
      if (!within) return c.json({ ok: true as const, data: await children(parent ?? null, q || undefined) });
      if (!q) return errorResponse(c, 400, 'input/invalid', {}, { issues: [{ path: 'q', message: '' }] });
      const prefix = regionPrefix(within);
      // ':' sorts right after '9': [prefix, prefix + ':') is every code that starts with the prefix.
      const rows = await db
        .select()
        .from(regions)
        .where(and(gte(regions.code, prefix), lt(regions.code, `${prefix}:`), nameHas(q)))
        .orderBy(sql`length(${regions.code})`, asc(regions.code))
        .limit(SEARCH_LIMIT);
      const names = await pathsOf(rows.map((r) => r.code));
      const data: RegionMatch[] = rows.map((r) => ({ ...r, path: ancestorCodes(r.code).flatMap((a) => (names.has(a) ? [names.get(a)!] : [])) }));
      return c.json({ ok: true as const, data });
    })
    .get('/:code', validate('param', z.object({ code: regionCodeSchema })), async (c) => {
      const { code } = c.req.valid('param');
      const [region] = await db.select().from(regions).where(eq(regions.code, code));
      if (!region) return errorResponse(c, 404, 'region/not-found', { code });
      const names = await pathsOf([code]);
      return c.json({ ok: true as const, data: { ...region, path: ancestorCodes(code).flatMap((a) => (names.has(a) ? [names.get(a)!] : [])), children: await children(code) } });
    });
}
