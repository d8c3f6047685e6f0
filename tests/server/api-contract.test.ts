import { hc, type InferRequestType } from 'hono/client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AppType } from '../../server/app';
import type { campaignSettingsSchema } from '../../shared/quiz/campaign';
import type { ContestDetail, ContestDraft } from '../../shared/contest/draft';
import type { ClientCommand } from '../../shared/protocol/contest-protocol';
import type { ContestCommandInput } from '../../shared/contest/commands';
import type { ClientToServerEvents } from '../../shared/protocol/events';
import type { Result } from '../../shared/protocol/result';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * The contract between client and server is the server's own route tree (`AppType`): the same typed
 * client the pages use (`hc<AppType>`), here against a real server. The type assertions are checked by
 * `npm run typecheck`; the calls show the declared shapes are what the server answers.
 */

const DAY = 24 * 60 * 60 * 1000;

/** A typed client signed in as `staff` (cookie and CSRF token on every request), or anonymous. */
function typedClient(server: TestServer, staff?: Staff, headers: Record<string, string> = {}) {
  return hc<AppType>(`${server.url}/api`, { headers: { ...headers, ...(staff ? { cookie: staff.cookie, 'x-csrf-token': staff.csrf } : {}) } });
}
type Client = ReturnType<typeof typedClient>;

describe('the API contract: one typed route tree for client and server', () => {
  let server: TestServer;
  let staff: Staff;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    staff = await login(server, 'admin', STAFF_PASSWORD);
  });
  afterAll(() => server.stop());

  it('declares request bodies from the shared schemas and answers in the Result shape', () => {
    // Bodies are the schemas' input types: renaming a field in shared/ breaks every caller's typecheck.
    expectTypeOf<InferRequestType<Client['campaigns']['$post']>['json']>().toEqualTypeOf<z.input<typeof campaignSettingsSchema>>();
    expectTypeOf<InferRequestType<Client['contests']['$post']>['json']>().toEqualTypeOf<ContestDraft>();
    // A misspelt or missing field is a type error, not a 400 found at run time.
    const misspelt = (c: Client, s: z.input<typeof campaignSettingsSchema>) => {
      const { title, ...rest } = s;
      // @ts-expect-error `titel` is not a field of the campaign settings
      void c.campaigns.$post({ json: { ...rest, titel: title } });
    };
    void misspelt;
    // Socket commands are the engine's command union, not `unknown`.
    expectTypeOf<Parameters<ClientToServerEvents['contest:command']>[0]['command']>().toEqualTypeOf<ClientCommand>();
    expectTypeOf<ClientCommand>().toMatchTypeOf<ContestCommandInput>();
    expectTypeOf<{ type: 'answer:submit'; options: string }>().not.toMatchTypeOf<ClientCommand>();
  });

  it('creates, reads and lists a campaign through the typed client, the answers as declared', async () => {
    const api = typedClient(server, staff);
    const settings = {
      title: '契约测试活动',
      description: '',
      startsAt: Date.now() - DAY,
      endsAt: Date.now() + DAY,
      regionCode: '131000',
      mix: [{ count: 3, type: 'truefalse' as const }],
      timeLimitSec: 600,
      attemptsPerDay: 2,
      attemptsTotal: 2,
      counting: 'best' as const,
      passMark: 60,
      showExplanations: false,
      fields: { name: false, phone: false, team: false },
      targets: {},
    };
    const created = await api.campaigns.$post({ json: settings });
    expect(created.status).toBe(201);
    const body = await created.json();
    if (!body.ok) throw new Error(body.error.message);
    expectTypeOf(body.data.id).toBeString();

    const read = await (await api.campaigns[':id'].$get({ param: { id: body.data.id } })).json();
    if (!read.ok) throw new Error(read.error.message);
    expect(read.data.settings).toMatchObject({ ...settings, excludeAdult: false, minSecondsPerQuestion: 2 });
    expectTypeOf(read.data.status).toEqualTypeOf<'draft' | 'published' | 'archived'>();

    const listed = await (await api.campaigns.$get()).json();
    expect(listed.ok && listed.data.map((c) => c.id)).toContain(body.data.id);

    // The publish route shares its path with the review action (`:action{…}`): the typed client fills both.
    const published = await (await api.campaigns[':id'][':action{publish|archive|unpublish|review}'].$post({ param: { id: body.data.id, action: 'publish' } })).json();
    expect(published).toEqual({ ok: true, data: { id: body.data.id, status: 'published' } });

    // Anyone: the quiz as a phone reads it.
    const info = await (await typedClient(server).quiz[':id'].$get({ param: { id: body.data.id } })).json();
    expect(info.ok && info.data.questionCount).toBe(3);
  });

  it('answers a bad body with the localized error the client declares, and changes nothing', async () => {
    const api = typedClient(server, staff, { 'accept-language': 'en' });
    const before = await (await api.campaigns.$get()).json();
    const bad = await api.campaigns.$post({ json: { title: 'x' } as never });
    expect(bad.status).toBe(400);
    const body: Result<unknown> = await bad.json();
    expect(body).toMatchObject({ ok: false, error: { code: 'input/invalid', message: expect.any(String) } });
    expect(!body.ok && body.error.issues?.some((i) => i.path === 'title')).toBe(true);
    expect(await (await api.campaigns.$get()).json()).toEqual(before);
  });

  it('uploads a file as multipart and downloads a sheet by the typed path', async () => {
    const api = typedClient(server, staff);
    const template = await api.bank['template.xlsx'].$get();
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain('spreadsheetml');
    // The template itself has only its example rows' problems or imports them: either way a declared answer.
    const file = new File([await template.arrayBuffer()], 'template.xlsx');
    const imported = await api.bank.import.$post({ form: { file } });
    const result = await imported.json();
    expect([200, 422]).toContain(imported.status);
    if (!result.ok) expect(result.error.code).toBe('import/rejected');

    // No file is refused as such, not as a server error.
    const empty = await typedClient(server, staff).bank.import.$post({ form: {} as never });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ ok: false, error: { code: 'import/no-file' } });

    const path = api.bank.export.$path({ query: { format: 'csv' } });
    expect(path).toBe('/bank/export?format=csv');
    const csv = await staff.request(`/api${path}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
  });

  it('reads a contest, assigns its hosts and reissues a device link the way the setup page and host console do', async () => {
    const { detail } = await setUpContest(server);
    const api = typedClient(server, staff);
    expectTypeOf<Extract<Awaited<ReturnType<Awaited<ReturnType<Client['contests'][':id']['$get']>>['json']>>, { ok: true }>['data']>().toMatchTypeOf<ContestDetail>();
    const read = await (await api.contests[':id'].$get({ param: { id: detail.id } })).json();
    expect(read.ok && read.data.pin).toBe(detail.pin);
    const missing = await (await api.contests[':id'].$get({ param: { id: 'nosuchcontest' } })).json();
    expect(missing).toMatchObject({ ok: false, error: { code: 'contest/not-found' } });

    const hosts = await (await api.contests[':id'].hosts.$get({ param: { id: detail.id } })).json();
    expect(hosts.ok && Array.isArray(hosts.data)).toBe(true);
    const assigned = await (await api.contests[':id'].hosts.$put({ param: { id: detail.id }, json: { userIds: [] } })).json();
    expect(assigned).toEqual({ ok: true, data: { id: detail.id, userIds: [] } });

    const teamId = detail.links.teams[0]!.teamId;
    const reissued = await (await api.contests[':id'].devices[':kind'][':subjectId'].reissue.$post({ param: { id: detail.id, kind: 'team', subjectId: teamId } })).json();
    expect(reissued.ok && reissued.data.url).toMatch(new RegExp(`/team/${detail.pin}\\?t=`));
    expect(reissued.ok && reissued.data.url).not.toBe(detail.links.teams[0]!.url);
  });

  it('refuses a cross-site form post by its Origin (hono/csrf) with the localized error; its own origin passes on', async () => {
    const host = new URL(server.url).host;
    const form = new FormData();
    form.set('file', new File(['x'], 'x.csv'));
    const foreign = await staff.request('/api/bank/import', { method: 'POST', body: form, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'auth/csrf', message: '页面已过期，请刷新后重试' } });
    const own = await staff.request('/api/bank/import', { method: 'POST', body: form, headers: { origin: `http://${host}` } });
    expect(own.status).not.toBe(403);
    // The locale cookie is read with hono/cookie.
    const en = await fetch(`${server.url}/api/contests/nosuchcontest`, { headers: { cookie: `${staff.cookie}; lang=en` } });
    expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(/^[\x20-\x7e]+$/);
  });
});
