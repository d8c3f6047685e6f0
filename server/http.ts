import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { errorMessage, pickLocale, type ErrorCode, type Locale } from '../shared/i18n.js';
import type { AppError } from '../shared/result.js';
import type { SessionUser } from './auth.js';
import { parseInput } from '../shared/validate.js';

/** Variables every request carries through the Hono context. */
export interface AppEnv {
  Variables: { locale: Locale; user: SessionUser; csrfToken: string };
}

/** The request's locale: `?lang=`, then the `lang` cookie, then Accept-Language; Chinese by default. */
export function requestLocale(c: Context): Locale {
  const explicit = c.req.query('lang') ?? /(?:^|;\s*)lang=([^;]+)/.exec(c.req.header('cookie') ?? '')?.[1];
  return pickLocale(explicit ?? c.req.header('accept-language'));
}

/** A JSON error response in the request's locale. */
export function errorResponse(c: Context<AppEnv>, status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503, code: ErrorCode, params: Record<string, string | number> = {}, extra: Partial<AppError> = {}) {
  const locale = c.get('locale') ?? 'zh-CN';
  return c.json({ ok: false as const, error: { code, message: errorMessage(code, locale, params), ...extra } }, status);
}

/**
 * A Hono validator that parses a request part with a zod schema and answers a bad input with a
 * localized 400 listing each problem; handlers then read `c.req.valid(target)` fully typed.
 */
export function validate<T extends 'json' | 'query' | 'param', S extends z.ZodType>(target: T, schema: S) {
  return validator(target, (value, c) => {
    const locale = (c as Context<AppEnv>).get('locale') ?? 'zh-CN';
    const result = parseInput(schema, value, locale);
    if (!result.ok) return c.json({ ok: false as const, error: result.error }, 400);
    return result.data as z.output<S>;
  });
}

/** The caller's IP address ('unknown' where there is no socket, as in `app.request()`). */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A download's Content-Disposition: an ASCII fallback name and the real (Chinese) one per RFC 5987. */
function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const DOWNLOAD_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** A file download (an Excel workbook or a CSV sheet, by the name's extension) under its (Chinese) name. */
export function download(c: Context, name: string, data: Uint8Array) {
  c.header('Content-Disposition', attachment(name));
  return c.body(data as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': DOWNLOAD_TYPES[name.endsWith('.csv') ? 'csv' : 'xlsx'] });
}
