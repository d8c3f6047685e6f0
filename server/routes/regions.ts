import { asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { regionCodeSchema, type Region } from '../../shared/region.js';
import type { Db } from '../db/client.js';
import { regions } from '../db/schema.js';
import { errorResponse, validate, type AppEnv } from '../http.js';

/**
 * `GET /api/regions?parent=CODE`: children of a region (top level without `parent`).
 * `GET /api/regions/:code`: one region with its children, for a county picker.
 */
export function regionRoutes(db: Db) {
  const children = (parent: string | null): Promise<Region[]> =>
    db
      .select()
      .from(regions)
      .where(parent === null ? isNull(regions.parentCode) : eq(regions.parentCode, parent))
      .orderBy(asc(regions.code));

  return new Hono<AppEnv>()
    .get('/', validate('query', z.object({ parent: regionCodeSchema.optional() })), async (c) => {
      const { parent } = c.req.valid('query');
      return c.json({ ok: true as const, data: await children(parent ?? null) });
    })
    .get('/:code', validate('param', z.object({ code: regionCodeSchema })), async (c) => {
      const { code } = c.req.valid('param');
      const [region] = await db.select().from(regions).where(eq(regions.code, code));
      if (!region) return errorResponse(c, 404, 'region/not-found', { code });
      return c.json({ ok: true as const, data: { ...region, children: await children(code) } });
    });
}
