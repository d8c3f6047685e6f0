import { Hono } from 'hono';
import { z } from 'zod';
import { regionCodeSchema } from '../../../shared/region/region.js';
import type { Db } from '../../db/client.js';
import { errorResponse, validate, type AppEnv } from '../http.js';
import { regionChildren, regionWithChildren, searchRegions } from '../../regions/region-tree.js';

const listQuery = z.object({
  parent: regionCodeSchema.optional(),
  /** Search below this region (any depth) instead of listing one level. */
  within: regionCodeSchema.optional(),
  q: z.string().trim().max(30).optional(),
});

/**
 * `GET /api/regions?parent=CODE[&q=NAME]`: one level only — the children of a region (the top of the tree
 * without `parent`), optionally those whose name contains `q`. With ~700,000 villages loaded a picker still
 * receives only the level it shows.
 * `GET /api/regions?within=CODE&q=NAME`: up to 20 regions anywhere below a region whose name contains `q`,
 * each with its path, for a picker's search box (a code range scan: codes nest).
 * `GET /api/regions/:code`: one region with its children and its path.
 */
export function regionRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/', validate('query', listQuery), async (c) => {
      const { parent, within, q } = c.req.valid('query');
      if (!within) return c.json({ ok: true as const, data: await regionChildren(db, parent ?? null, q || undefined) });
      if (!q) return errorResponse(c, 400, 'input/invalid', {}, { issues: [{ path: 'q', message: '' }] });
      return c.json({ ok: true as const, data: await searchRegions(db, within, q) });
    })
    .get('/:code', validate('param', z.object({ code: regionCodeSchema })), async (c) => {
      const { code } = c.req.valid('param');
      const region = await regionWithChildren(db, code);
      if (!region) return errorResponse(c, 404, 'region/not-found', { code });
      return c.json({ ok: true as const, data: region });
    });
}
