import { Hono } from 'hono';
import { z } from 'zod';
import { text } from '../../../shared/protocol/text.js';
import type { Audit } from '../../auth/audit.js';
import { createUser, passwordProblem, ROLES } from '../../auth/auth.js';
import type { Db } from '../../db/client.js';
import { regionExists } from '../../regions/region-tree.js';
import { listStaff, staffScope, updateStaff, userByUsername } from '../../auth/staff.js';
import { errorResponse, validate, type AppEnv } from '../http.js';
import { requireRole } from './auth.js';
import { regionCodeSchema } from '../../../shared/region/region.js';
import { mayManage, outOfScope } from '../../auth/scope.js';

const usernameSchema = z.string().trim().regex(/^[A-Za-z0-9_.-]{3,32}$/);
const createSchema = z.object({ username: usernameSchema, displayName: text(1, 50), role: z.enum(ROLES), password: z.string().min(1).max(200), regionCode: regionCodeSchema.nullable().optional() });
const updateSchema = z.object({ displayName: text(1, 50).optional(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional(), password: z.string().min(1).max(200).optional(), regionCode: regionCodeSchema.nullable().optional() });
const idParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

/**
 * Staff accounts: list (each with its region's name), create, change role or region, disable, reset password.
 * Admins manage every account; an organizer manages the accounts of the level below (`mayManage`): organizers and
 * hosts of regions within their own.
 */
export function userRoutes(db: Db, now: () => number, audit: Audit) {
  return new Hono<AppEnv>()
    .use('*', requireRole(db, now, 'admin', 'organizer'))
    .get('/', async (c) => {
      const rows = await listStaff(db);
      return c.json({ ok: true as const, data: rows.filter((r) => r.id === c.get('user').id || mayManage(c.get('user'), r)) });
    })
    .post('/', validate('json', createSchema), async (c) => {
      const body = c.req.valid('json');
      if (c.get('user').role !== 'admin' && !body.regionCode) return errorResponse(c, 400, 'auth/region-required', {}, { issues: [{ path: 'regionCode', message: '' }] });
      if (!mayManage(c.get('user'), { role: body.role, regionCode: body.regionCode ?? null })) return outOfScope(c);
      if (body.regionCode && !(await regionExists(db, body.regionCode))) return errorResponse(c, 400, 'region/not-found', { code: body.regionCode });
      const weak = passwordProblem(body.password);
      if (weak) return errorResponse(c, 400, weak, {}, { issues: [{ path: 'password', message: '' }] });
      if (await userByUsername(db, body.username)) return errorResponse(c, 409, 'auth/username-taken', { username: body.username });
      const id = await createUser(db, body, now());
      await audit(c.get('user').id, 'user:create', id, { username: body.username, role: body.role });
      return c.json({ ok: true as const, data: { id } }, 201);
    })
    .patch('/:id', validate('param', idParam), validate('json', updateSchema), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (id === c.get('user').id && (body.disabled || (body.role && body.role !== 'admin'))) return errorResponse(c, 400, 'auth/cannot-disable-self');
      if (body.password) {
        const weak = passwordProblem(body.password);
        if (weak) return errorResponse(c, 400, weak);
      }
      const existing = await staffScope(db, id);
      if (!existing) return errorResponse(c, 404, 'user/not-found');
      // Both the account as it is and as it would be must be the caller's to manage.
      const after = { role: body.role ?? existing.role, regionCode: body.regionCode === undefined ? existing.regionCode : body.regionCode };
      if (!mayManage(c.get('user'), existing) || !mayManage(c.get('user'), after)) return outOfScope(c);
      if (body.regionCode && !(await regionExists(db, body.regionCode))) return errorResponse(c, 400, 'region/not-found', { code: body.regionCode });
      const { password, ...fields } = body;
      await updateStaff(db, id, body);
      await audit(c.get('user').id, 'user:update', id, { ...fields, passwordChanged: Boolean(password) });
      return c.json({ ok: true as const, data: { id } });
    });
}
