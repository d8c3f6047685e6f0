import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { text } from '../../../shared/protocol/text.js';
import type { Logger } from 'pino';
import { createSession, deleteSession, HashGate, LoginLimiter, readSession, SESSION_COOKIE, verifyPassword, type Role } from '../../auth/auth.js';
import type { Db } from '../../db/client.js';
import { userByUsername } from '../../auth/staff.js';
import { clientIp, errorResponse, requestScheme, validate, type AppEnv } from '../http.js';
import type { Audit } from '../../auth/audit.js';

export const CSRF_HEADER = 'x-csrf-token';


/**
 * Requires a signed-in staff member with one of the roles. State-changing methods must also carry
 * the session's CSRF token in `X-CSRF-Token` (double submit: a cross-site form cannot read it).
 */
/** Whether the request carries a live admin session (for answers that add detail for admins, not refuse others). */
export function adminCheck(db: Db, now: () => number) {
  return async (c: Context<AppEnv>): Promise<boolean> => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await readSession(db, token, now()) : null;
    return session?.user.role === 'admin';
  };
}

export function requireRole(db: Db, now: () => number, ...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await readSession(db, token, now()) : null;
    if (!session) return errorResponse(c, 401, 'auth/required');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken) {
      return errorResponse(c, 403, 'auth/csrf');
    }
    if (roles.length && !roles.includes(session.user.role)) return errorResponse(c, 403, 'auth/forbidden');
    c.set('user', session.user);
    c.set('csrfToken', session.csrfToken);
    await next();
  };
}

const loginSchema = z.object({ username: text(1, 64), password: z.string().min(1).max(200) });

/** A hash that verifies nothing, for unknown usernames: the answer takes as long as for a real one. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** `POST /login`, `POST /logout`, `GET /me` for staff accounts. */
export function authRoutes(db: Db, now: () => number, audit: Audit, logger?: Logger, limiter = new LoginLimiter(), gate = new HashGate()) {
  return new Hono<AppEnv>()
    .post('/login', validate('json', loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const ip = clientIp(c);
      // Counted before the hash: a burst sent at once meets the limit after its first few attempts.
      const admitted = limiter.begin(ip, username, now());
      if (!admitted.ok) {
        logger?.warn({ ip, username, reason: 'rate-limited' }, 'login refused');
        c.header('Retry-After', String(Math.ceil(admitted.waitMs / 1000)));
        return errorResponse(c, 429, 'auth/rate-limited', { minutes: Math.ceil(admitted.waitMs / 60_000) });
      }
      const user = await userByUsername(db, username);
      // Verify even for an unknown user, so timing does not reveal which usernames exist.
      const valid = await gate.run(() => verifyPassword(password, user?.passwordHash ?? DUMMY_HASH));
      if (valid === null) {
        c.header('Retry-After', '5');
        return errorResponse(c, 503, 'auth/busy');
      }
      if (!user || !valid || user.disabled) {
        // Who tried, from where and why; never the password.
        logger?.warn({ ip, username, reason: !user ? 'unknown-user' : user.disabled ? 'disabled' : 'wrong-password' }, 'login failed');
        return errorResponse(c, 401, 'auth/bad-credentials');
      }
      limiter.succeed(admitted.ticket);
      const session = await createSession(db, user.id, now());
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: requestScheme(c) === 'https',
        path: '/',
        maxAge: Math.floor((session.expiresAt - now()) / 1000),
      });
      await audit(user.id, 'auth:login', user.username, { ip });
      return c.json({
        ok: true as const,
        data: { user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, regionCode: user.regionCode }, csrfToken: session.csrfToken },
      });
    })
    .post('/logout', requireRole(db, now), async (c) => {
      const token = getCookie(c, SESSION_COOKIE)!;
      await deleteSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const, data: null });
    })
    .get('/me', requireRole(db, now), (c) => c.json({ ok: true as const, data: { user: c.get('user'), csrfToken: c.get('csrfToken') } }));
}
