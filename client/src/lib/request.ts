import type { ClientResponse, hc } from 'hono/client';
import type { AppType } from '../../../server/app';
import type { AppError, Result } from '../../../shared/protocol/result';
import { locale } from '../i18n';

/**
 * The API's typed client as the server declares it (`AppType`): the types of every route's parameters,
 * body and answers. Type-only here: the phone pages call through `request` below with these types, so
 * their bundles do not carry hc's runtime (see lib/api.ts for the staff pages' `hc` client).
 */
export type Client = ReturnType<typeof hc<AppType>>;

/** Every answer's body, by the route's declared responses. */
export type Body<R> = R extends ClientResponse<infer T, number, 'json'> ? T : never;
/** What a route answers on success (`{ ok: true, data }`). */
export type Data<R> = Body<R> extends infer B ? (B extends { ok: true; data: infer D } ? D : never) : never;
/** What a route function of the typed client answers on success. */
export type DataOf<F> = F extends (...args: never[]) => Promise<infer R> ? Data<R> : never;
/** The JSON body a route function of the typed client takes. */
export type JsonOf<F> = F extends (args: infer A, ...rest: never[]) => unknown ? (A extends { json: infer J } ? J : never) : never;
/** One problem of an uploaded sheet: its row and column, and what is wrong. */
export type ImportProblem = NonNullable<Extract<Body<Awaited<ReturnType<Client['bank']['import']['$post']>>>, { ok: false }>['error'] extends infer E ? (E extends { problems: infer P } ? P : never) : never>[number];
/** A rejected upload lists the file's problems beside the message. */
export type UploadResult<T> = Result<T> & { error?: AppError & { problems?: ImportProblem[] } };

let csrfToken = '';

/** Remembers the session's CSRF token, echoed on every state-changing request. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** `fetch` with what every API request carries: the locale, the session cookie and, when it changes state, the CSRF token. */
export function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', locale());
  if (init.method && init.method !== 'GET') headers.set('X-CSRF-Token', csrfToken);
  return fetch(input, { ...init, headers, credentials: 'same-origin' });
}

export const networkFailure = (): { ok: false; error: AppError } => ({ ok: false, error: { code: 'network/failed', message: '' } });

/**
 * Calls the route whose typed-client function is `F` at `path` (under /api): the body is the route's, the
 * answer typed as the route declares it, a network failure an error value.
 */
export async function request<F>(path: string, init: Omit<RequestInit, 'body'> & { json?: JsonOf<F>; body?: FormData } = {}): Promise<Result<DataOf<F>>> {
  const { json, ...rest } = init;
  try {
    const res = await apiFetch(`/api${path}`, {
      ...rest,
      body: json === undefined ? rest.body : JSON.stringify(json),
      headers: json === undefined ? rest.headers : { 'Content-Type': 'application/json', ...rest.headers },
    });
    return (await res.json()) as Result<DataOf<F>>;
  } catch {
    return networkFailure();
  }
}

/** A query string of the given values, blank ones left out (the server reads no value as "any"). */
export function queryString(params: object): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '' && v !== null);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}
