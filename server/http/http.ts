import { getConnInfo } from '@hono/node-server/conninfo';
import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { errorMessage, pickLocale, type ErrorCode, type Locale } from '../../shared/i18n/messages.js';
import type { AppError } from '../../shared/protocol/result.js';
import type { SessionUser } from '../auth/auth.js';
import { parseInput } from '../../shared/protocol/validate.js';
import { clientAddress, clientHost, clientScheme, NO_PROXY, type TrustProxy } from './proxy.js';

/** Variables every request carries through the Hono context. */
export interface AppEnv {
  Variables: { locale: Locale; user: SessionUser; csrfToken: string; trustProxy: TrustProxy };
}

/** The request's locale: `?lang=`, then the `lang` cookie, then Accept-Language; Chinese by default. */
export function requestLocale(c: Context): Locale {
  const explicit = c.req.query('lang') ?? getCookie(c, 'lang');
  return pickLocale(explicit ?? c.req.header('accept-language'));
}

/** A JSON error response in the request's locale. */
export function errorResponse(c: Context<AppEnv>, status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503, code: ErrorCode, params: Record<string, string | number> = {}, extra: Partial<AppError> = {}) {
  const locale = c.get('locale') ?? 'zh-CN';
  // A limit says when to come back, so clients back off instead of hammering or timing out.
  if (status === 429) c.header('Retry-After', String(typeof params.minutes === 'number' ? params.minutes * 60 : 1));
  return c.json({ ok: false as const, error: { code, message: errorMessage(code, locale, params), ...extra } }, status);
}

/**
 * A zod validator (`@hono/zod-validator`) for a request part: a bad input gets a localized 400 listing
 * each problem, and handlers read `c.req.valid(target)` fully typed. The request and response types
 * flow into `AppType`, so the client's `hc` calls are checked against the same schema. Success takes one
 * synchronous parse; a failure is parsed again with the caller's locale for the messages.
 */
export function validate<T extends 'json' | 'query' | 'param' | 'form', S extends z.ZodType>(target: T, schema: S) {
  return zValidator(
    target,
    schema,
    (result, c) => {
      if (result.success) return;
      const parsed = parseInput(schema, result.data, (c as Context<AppEnv>).get('locale') ?? 'zh-CN');
      // Cannot pass the second time: the error map only words the messages.
      if (parsed.ok) throw new Error('validation disagreed with itself');
      return c.json({ ok: false as const, error: parsed.error }, 400);
    },
    // Synchronous (the default is safeParseAsync); the cast bridges zod-validator's v3/v4 result union for a generic S.
    { validationFunction: (s, value) => s.safeParse(value) as never },
  );
}

/** An upload's multipart body: the file (routes add their other fields). */
export const uploadSchema = z.object({ file: z.instanceof(File) });

/**
 * The multipart body of an upload (`file`, and any other fields the schema names): anything else, a
 * missing file included, is answered `import/no-file`.
 */
export function validateUpload<S extends z.ZodType>(schema: S) {
  return zValidator('form', schema, (result, c) => (result.success ? undefined : errorResponse(c as Context<AppEnv>, 400, 'import/no-file')), { validationFunction: (s, value) => s.safeParse(value) as never });
}

/** The answer to an import the import threads did not finish (`imports.ts`). */
export function importFailure(c: Context<AppEnv>, failure: 'import/busy' | 'import/timeout' | 'import/too-large') {
  if (failure === 'import/busy') return errorResponse(c, 503, failure);
  return errorResponse(c, 413, failure, { max: 100 });
}

function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

const trustOf = (c: Context): TrustProxy => (c as Context<AppEnv>).get('trustProxy') ?? NO_PROXY;

/** The caller's IP address, through the proxies `TRUST_PROXY` names ('unknown' where there is no socket, as in `app.request()`). */
export function clientIp(c: Context): string {
  return clientAddress(trustOf(c), peerAddress(c), c.req.header('x-forwarded-for'));
}

/** The scheme the caller used: https directly or as a trusted proxy says. */
export function requestScheme(c: Context): 'http' | 'https' {
  return clientScheme(trustOf(c), peerAddress(c), new URL(c.req.url).protocol.replace(':', ''), c.req.header('x-forwarded-proto'));
}

/** The host the caller asked for: X-Forwarded-Host only from a trusted proxy. */
export function requestHost(c: Context): string | undefined {
  return clientHost(trustOf(c), peerAddress(c), c.req.header('host'), c.req.header('x-forwarded-host'));
}

/**
 * A download's Content-Disposition (RFC 6266): an ASCII fallback name without the quote, backslash and
 * semicolon that would end or split it, and the real (Chinese) name as `filename*=UTF-8''` with every byte
 * outside RFC 5987's attr-char percent-encoded (encodeURIComponent leaves ' ( ) * ! alone).
 */
export function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\;%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const DOWNLOAD_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** A file download (an Excel workbook or a CSV sheet, by the name's extension) under its (Chinese) name. */
export function download(c: Context, name: string, data: Uint8Array) {
  c.header('Content-Disposition', attachment(name));
  return c.body(data as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': DOWNLOAD_TYPES[name.endsWith('.csv') ? 'csv' : 'xlsx'] });
}
