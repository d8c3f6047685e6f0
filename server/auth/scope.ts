import type { Context, MiddlewareHandler } from 'hono';
import { isWithinRegion } from '../../shared/region/region.js';
import type { SessionUser } from './auth.js';
import { errorResponse, type AppEnv } from '../http/http.js';

/**
 * Organizers (and hosts) work for a region: a province's sees every city below it, a county's only its county.
 * Admins and accounts without a region see the whole deployment. Every check is by the codes' nesting (a
 * county code starts with its city's prefix), so it needs no lookup of the region tree.
 */

/** The region a staff member is limited to, or null for the whole deployment. */
export function scopeOf(user: SessionUser): string | null {
  return user.role === 'admin' ? null : user.regionCode;
}

/** Whether a region (a row's county, a campaign's region) lies within what the user may see. */
export function inScope(user: SessionUser, code: string | null): boolean {
  const scope = scopeOf(user);
  if (scope === null) return true;
  return code !== null && isWithinRegion(code, scope);
}

/**
 * Whether the user may act on something that covers `regionCode` (null: the whole deployment).
 * - `manage` (edit, publish, reset): it lies within the user's region.
 * - `read`: it lies within the user's region, or the user's region lies within it — a county's organizer reads
 *   the city's campaign, but only the county's rows of it (the handler filters them with `inScope`).
 */
export function allows(user: SessionUser, regionCode: string | null, access: 'read' | 'manage'): boolean {
  const scope = scopeOf(user);
  if (scope === null) return true;
  if (regionCode === null) return false;
  return isWithinRegion(regionCode, scope) || (access === 'read' && isWithinRegion(scope, regionCode));
}

/**
 * A middleware for every route of a resource with an `:id`: looks up the region the resource covers and
 * refuses (403) a user outside it; with `overlap`, reads (GET, HEAD) allow the overlapping view described in
 * `allows` (the handler then filters rows), every other method needs `manage`. An unknown id passes through, so the handler answers its usual 404.
 */
export function requireScope(regionOf: (id: string) => Promise<string | null | undefined>, opts: { param?: string; overlap?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const { param = 'id', overlap = true } = opts;
  return async (c, next) => {
    const id = c.req.param(param);
    if (id === undefined) return next();
    const region = await regionOf(id);
    if (region === undefined) return next();
    const access = overlap && ['GET', 'HEAD'].includes(c.req.method) ? 'read' : 'manage';
    if (!allows(c.get('user'), region, access)) return errorResponse(c, 403, 'auth/out-of-scope');
    await next();
  };
}

/** The refusal for a region named in a request body (a new campaign's region, a new account's) outside the user's. */
export function outOfScope(c: Context<AppEnv>) {
  return errorResponse(c, 403, 'auth/out-of-scope');
}

/**
 * Whether a staff member may create or change an account (accounts are made by the level above): admins any;
 * an organizer a host within their region, or an organizer of a region strictly below their own — never an
 * admin, never an account without a region, never their own level.
 */
export function mayManage(user: SessionUser, account: { role: SessionUser['role']; regionCode: string | null }): boolean {
  if (user.role === 'admin') return true;
  const scope = scopeOf(user);
  if (user.role !== 'organizer' || scope === null) return user.role === 'organizer' && scope === null && account.role !== 'admin';
  if (account.role === 'admin' || account.regionCode === null || !isWithinRegion(account.regionCode, scope)) return false;
  return account.role === 'host' || account.regionCode !== scope;
}
