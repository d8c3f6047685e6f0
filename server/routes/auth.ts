import { eq } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { text } from '../../shared/text.js';
import { createSession, deleteSession, LoginLimiter, readSession, verifyPassword, type Role } from '../auth.js';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { clientIp, errorResponse, validate, type AppEnv } from '../http.js';
import type { Audit } from '../audit.js';

export const SESSION_COOKIE = 'sid';
export const CSRF_HEADER = 'x-csrf-token';

/** Whether the request reached us over HTTPS (directly or through a proxy that says so). */
function isHttps(c: Parameters<MiddlewareHandler>[0]): boolean {
  return c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https';
}

/**
 * Requires a signed-in staff member with one of the roles. State-changing methods must also carry
 * the session's CSRF token in `X-CSRF-Token` (double submit: a cross-site form cannot read it).
 */
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

/** `POST /login`, `POST /logout`, `GET /me` for staff accounts. */
export function authRoutes(db: Db, now: () => number, audit: Audit, limiter = new LoginLimiter()) {
  return new Hono<AppEnv>()
    .post('/login', validate('json', loginSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const ip = clientIp(c);
      const key = `${ip}|${username.toLowerCase()}`;
      const wait = limiter.retryAfter(key, now());
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        return errorResponse(c, 429, 'auth/rate-limited', { minutes: Math.ceil(wait / 60_000) });
      }
      const [user] = await db.select().from(users).where(eq(users.username, username));
      // Verify even for an unknown user, so timing does not reveal which usernames exist.
      const valid = await verifyPassword(password, user?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      if (!user || !valid || user.disabled) {
        limiter.fail(key, now());
        return errorResponse(c, 401, 'auth/bad-credentials');
      }
      limiter.succeed(key);
      const session = await createSession(db, user.id, now());
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c),
        path: '/',
        maxAge: Math.floor((session.expiresAt - now()) / 1000),
      });
      await audit(user.id, 'auth:login', user.username, { ip });
      return c.json({
        ok: true as const,
        data: { user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role }, csrfToken: session.csrfToken },
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
