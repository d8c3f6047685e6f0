import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../client/src/lib/api';
import { contestsApi } from '../../client/src/lib/contests-api';
import { queryString, request, setCsrfToken } from '../../client/src/lib/request';
import { setLocale } from '../../client/src/i18n';

/** Every request the client layer made: its address and what it carried. */
let sent: { url: string; method: string; headers: Headers; credentials?: RequestCredentials; body?: unknown }[] = [];
let answer: () => Promise<Response>;

beforeEach(() => {
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
  vi.stubGlobal('document', { cookie: '', documentElement: { lang: '' } });
  setLocale('en');
  sent = [];
  answer = async () => Response.json({ ok: true, data: { fine: true } });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({ url: String(input), method: init.method ?? 'GET', headers: new Headers(init.headers), credentials: init.credentials, body: init.body });
    return answer();
  });
  setCsrfToken('token-1');
});
afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('the client API layer', () => {
  it('sends the locale on every request and the CSRF token only on those that change state', async () => {
    expect(await api.listCampaigns()).toEqual({ ok: true, data: { fine: true } });
    await api.campaignAction('abc123', 'publish');
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/campaigns', 'POST /api/campaigns/abc123/publish']);
    expect(sent.map((s) => s.headers.get('accept-language'))).toEqual(['en', 'en']);
    expect(sent.map((s) => s.headers.get('x-csrf-token'))).toEqual([null, 'token-1']);
    expect(sent.every((s) => s.credentials === 'same-origin')).toBe(true);
  });

  it('fills path parameters encoded, leaves blank filters out of the query, and sends JSON bodies as JSON', async () => {
    await api.campaignStats('a/b', '2026-03-01', '');
    await api.searchBank({ q: '', topic: 'nutrition', page: 2 });
    await api.createSet({ name: '集', description: '', questionIds: [] });
    expect(sent.map((s) => s.url)).toEqual(['/api/campaigns/a%2Fb/stats?from=2026-03-01', '/api/bank/questions?topic=nutrition&page=2', '/api/bank/sets']);
    expect(sent[2]!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(String(sent[2]!.body))).toEqual({ name: '集', description: '', questionIds: [] });
    expect(api.exportUrl('csv')).toBe('/api/bank/export?format=csv');
    expect(contestsApi.exportUrl('c1')).toBe('/api/contests/c1/export.xlsx');
  });

  it('uploads a file as multipart', async () => {
    await contestsApi.importTeams(new File(['x'], 'teams.xlsx'), '131000');
    const body = sent[0]!.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('teams.xlsx');
    expect(body.get('regionCode')).toBe('131000');
  });

  it('turns a failed network or an unreadable answer into an error value, never a throw', async () => {
    answer = () => Promise.reject(new TypeError('offline'));
    expect(await api.me()).toEqual({ ok: false, error: { code: 'network/failed', message: '' } });
    expect(await request('/quiz')).toEqual({ ok: false, error: { code: 'network/failed', message: '' } });
    answer = async () => new Response('<html>proxy error</html>', { status: 502 });
    expect(await api.openCampaigns()).toEqual({ ok: false, error: { code: 'network/failed', message: '' } });
  });

  it('passes the participant token in its header and the server error through as it came', async () => {
    answer = async () => Response.json({ ok: false, error: { code: 'quiz/attempt-not-found', message: 'gone' } }, { status: 404 });
    expect(await api.standing('camp01', 'p'.repeat(32))).toEqual({ ok: false, error: { code: 'quiz/attempt-not-found', message: 'gone' } });
    expect(sent[0]!.url).toBe('/api/quiz/camp01/standing');
    expect(sent[0]!.headers.get('x-participant-token')).toBe('p'.repeat(32));
  });

  it('builds a query string without blank values', () => {
    expect(queryString({ from: '2026-01-01', to: '', region: undefined, page: 3 })).toBe('?from=2026-01-01&page=3');
    expect(queryString({ q: null })).toBe('');
  });
});
