import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/auth';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

const PASSWORD = 'Correct-Horse-9';

const newQuestion = {
  type: 'single',
  stem: '测试：成年人每天食盐摄入量不超过多少克？',
  options: ['3克', '5克', '6克', '10克'],
  answer: 'B',
  explanation: '《中国居民膳食指南（2022）》建议成年人每天食盐不超过5克。',
  topic: 'nutrition',
  difficulty: 1,
  literacy: { edition: '2024', item: 30 },
};

describe('accounts and the question bank', () => {
  let server: TestServer;
  let admin: Staff;
  let organizer: Staff;
  let host: Staff;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: PASSWORD });
    admin = await login(server, 'root', PASSWORD);
    const db = server.database.db;
    await createUser(db, { username: 'org1', displayName: '组织者', role: 'organizer', password: PASSWORD }, Date.now());
    await createUser(db, { username: 'host1', displayName: '主持人', role: 'host', password: PASSWORD }, Date.now());
    organizer = await login(server, 'org1', PASSWORD);
    host = await login(server, 'host1', PASSWORD);
  });
  afterAll(() => server.stop());

  it('creates the first admin from the environment and hashes passwords with scrypt', async () => {
    const rows = await server.database.client.execute("SELECT role, password_hash FROM users WHERE username = 'root'");
    expect(rows.rows[0]!.role).toBe('admin');
    expect(String(rows.rows[0]!.password_hash)).toMatch(/^scrypt\$32768\$8\$1\$/);
    const me = await admin.request('/api/auth/me');
    expect(await me.json()).toMatchObject({ ok: true, data: { user: { username: 'root', role: 'admin' } } });
    expect(admin.cookie).toMatch(/^sid=/);
  });

  it('sets the session cookie HttpOnly and SameSite', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'org1', password: PASSWORD }) });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('checks roles on every route', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/bank/questions'],
      ['GET', '/api/bank/questions/k-01-01'],
      ['POST', '/api/bank/questions', {}],
      ['PUT', '/api/bank/questions/k-01-01', {}],
      ['POST', '/api/bank/questions/k-01-01/retire'],
      ['POST', '/api/bank/questions/k-01-01/restore'],
      ['GET', '/api/bank/sets'],
      ['POST', '/api/bank/sets', {}],
      ['GET', '/api/bank/sets/set_abcdef'],
      ['PUT', '/api/bank/sets/set_abcdef', {}],
      ['DELETE', '/api/bank/sets/set_abcdef'],
      ['GET', '/api/bank/template.xlsx'],
      ['GET', '/api/bank/export'],
      ['POST', '/api/bank/import'],
      // Organizers manage the accounts of their own region (what they may create: tests/server/region-scope.test.ts).
      ['GET', '/api/users'],
      ['POST', '/api/users', {}],
      ['PATCH', '/api/users/abcdefgh', {}],
    ];
    for (const [method, path, json] of routes) {
      const anonymous = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: json ? '{}' : undefined });
      expect(anonymous.status, `${method} ${path} anonymous`).toBe(401);
      const asHost = await host.request(path, { method, json });
      expect(asHost.status, `${method} ${path} as host`).toBe(403);
      expect(((await asHost.json()) as { error: { code: string } }).error.code).toBe('auth/forbidden');
    }
    for (const [method, path, json] of routes) {
      const asOrganizer = await organizer.request(path, { method, json });
      expect([401, 403], `${method} ${path} as organizer`).not.toContain(asOrganizer.status);
    }
    for (const [method, path, json] of routes) {
      expect([401, 403], `${method} ${path} as admin`).not.toContain((await admin.request(path, { method, json })).status);
    }
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    // A stem of its own: another test creates `newQuestion` itself.
    const attempt = { ...newQuestion, stem: 'CSRF测试：成年人每天食盐摄入量不超过多少克？' };
    const noToken = await fetch(`${server.url}/api/bank/questions`, { method: 'POST', headers: { cookie: organizer.cookie, 'content-type': 'application/json' }, body: JSON.stringify(attempt) });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ error: { code: 'auth/csrf', message: '页面已过期，请刷新后重试' } });
    const crossSite = await organizer.request('/api/bank/questions', { method: 'POST', body: 'a=1', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' } });
    expect(crossSite.status).toBe(403);
    const count = await server.database.client.execute("SELECT count(*) AS n FROM questions WHERE stem LIKE 'CSRF测试：%'");
    expect(count.rows[0]!.n).toBe(0);
  });

  it('rate-limits failed logins per IP and username', async () => {
    // An account of its own: the lockout counts this address's failures on it.
    await createUser(server.database.db, { username: 'host-locked', displayName: '主持人', role: 'host', password: PASSWORD }, Date.now());
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'host-locked', password: 'wrong-password' }) });
      expect(res.status).toBe(401);
    }
    const blocked = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ username: 'host-locked', password: PASSWORD }) });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect(await blocked.json()).toMatchObject({ error: { code: 'auth/rate-limited', message: 'Too many failed sign-ins; try again in 15 minutes' } });
  });

  it('creates, edits as a new revision, detects conflicts, retires and restores a question', async () => {
    const created = await organizer.request('/api/bank/questions', { method: 'POST', json: newQuestion });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string; revision: number } };
    expect(data.id).toMatch(/^org-[0-9a-f]{10}$/);
    expect(data.revision).toBe(1);

    const duplicate = await organizer.request('/api/bank/questions', { method: 'POST', json: { ...newQuestion, stem: '测试：成年人每天食盐摄入量不超过多少克?' } });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({ error: { code: 'question/stem-exists' } });

    const bad = await organizer.request('/api/bank/questions', { method: 'POST', json: { ...newQuestion, stem: '另一道题', answer: 'F' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'answer', message: '答案 F 没有对应的选项（共 4 个选项）' }] } });

    const edited = await organizer.request(`/api/bank/questions/${data.id}`, { method: 'PUT', json: { baseRevision: 1, question: { ...newQuestion, explanation: '修订后的解析：每天食盐不超过5克。' } } });
    expect(await edited.json()).toEqual({ ok: true, data: { id: data.id, revision: 2 } });
    const stale = await organizer.request(`/api/bank/questions/${data.id}`, { method: 'PUT', json: { baseRevision: 1, question: newQuestion } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'question/revision-conflict', message: '这道题已被他人修改（当前为第 2 版），请刷新后再编辑' } });

    const detail = (await (await organizer.request(`/api/bank/questions/${data.id}`)).json()) as { data: { revision: number; revisions: { revision: number; body: { explanation: string } }[] } };
    expect(detail.data.revision).toBe(2);
    expect(detail.data.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(detail.data.revisions[0]!.body.explanation).toBe(newQuestion.explanation); // history is never rewritten

    expect((await organizer.request(`/api/bank/questions/${data.id}/retire`, { method: 'POST' })).status).toBe(200);
    const retired = (await (await organizer.request(`/api/bank/questions?status=retired&q=${encodeURIComponent('测试')}`)).json()) as { data: { total: number } };
    expect(retired.data.total).toBe(1);
    expect((await organizer.request(`/api/bank/questions/${data.id}/restore`, { method: 'POST' })).status).toBe(200);
    const audit = await server.database.client.execute({ sql: 'SELECT action FROM audit_log WHERE target = ? ORDER BY id', args: [data.id] });
    expect(audit.rows.map((r) => r.action)).toEqual(['question:create', 'question:update', 'question:retire', 'question:restore']);
  });

  it('searches the bank by text, topic, item, difficulty and type', async () => {
    const all = (await (await organizer.request('/api/bank/questions?pageSize=5')).json()) as { data: { total: number; items: unknown[] } };
    expect(all.data.items).toHaveLength(5);
    const nutrition = (await (await organizer.request('/api/bank/questions?topic=nutrition&type=single&difficulty=1&pageSize=100')).json()) as { data: { items: { question: { topic: string; type: string; difficulty: number } }[] } };
    for (const e of nutrition.data.items) expect(e.question).toMatchObject({ topic: 'nutrition', type: 'single', difficulty: 1 });
    const plain = (await (await organizer.request(`/api/bank/questions?q=${encodeURIComponent('食盐')}`)).json()) as { data: { total: number } };
    expect(plain.data.total).toBeGreaterThan(1);
    // '%' typed by a user is a literal percent sign, not a LIKE wildcard that would match '食盐…克'.
    const wildcard = (await (await organizer.request(`/api/bank/questions?q=${encodeURIComponent('食盐%克')}`)).json()) as { data: { total: number } };
    expect(wildcard.data.total).toBe(0);
    const badFilter = await organizer.request('/api/bank/questions?topic=astrology&pageSize=1000');
    expect(badFilter.status).toBe(400);
  });

  it('builds, edits and deletes named question sets', async () => {
    const page = (await (await organizer.request('/api/bank/questions?status=active&pageSize=3')).json()) as { data: { items: { question: { id: string } }[] } };
    const ids = page.data.items.map((e) => e.question.id);
    const unknown = await organizer.request('/api/bank/sets', { method: 'POST', json: { name: '初赛', questionIds: [...ids, 'no-such-question'] } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'set/unknown-questions', message: '题目集中有不存在的题目：no-such-question' } });
    const created = await organizer.request('/api/bank/sets', { method: 'POST', json: { name: '初赛 必答题', questionIds: ids } });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string } };
    const set = (await (await organizer.request(`/api/bank/sets/${data.id}`)).json()) as { data: { name: string; questions: { question: { id: string } }[] } };
    expect(set.data.questions.map((q) => q.question.id)).toEqual(ids);
    await organizer.request(`/api/bank/sets/${data.id}`, { method: 'PUT', json: { name: '初赛 必答题', questionIds: [...ids].reverse() } });
    const list = (await (await organizer.request('/api/bank/sets')).json()) as { data: { id: string; size: number }[] };
    expect(list.data.find((s) => s.id === data.id)?.size).toBe(3);
    const reordered = (await (await organizer.request(`/api/bank/sets/${data.id}`)).json()) as { data: { questions: { question: { id: string } }[] } };
    expect(reordered.data.questions.map((q) => q.question.id)).toEqual([...ids].reverse());
    expect((await organizer.request(`/api/bank/sets/${data.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await organizer.request(`/api/bank/sets/${data.id}`)).status).toBe(404);
  });

  it('imports a spreadsheet all or nothing, and exports what re-imports', async () => {
    const upload = (body: Uint8Array | string, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([body as BlobPart]), name);
      return organizer.request('/api/bank/import', { method: 'POST', body: form });
    };
    const csv = [
      '题型,题干,选项A,选项B,选项C,选项D,答案,解析,主题,难度,知识点',
      '单选,导入测试：成年人每天烹调油摄入量宜为多少克？,10～15克,25～30克,50～60克,80克以上,B,《中国居民膳食指南（2022）》建议每天烹调油25～30克。,合理膳食,易,2024-27',
      '判断,导入测试：低焦油卷烟比普通卷烟危害小。,,,,,错误,低焦油卷烟同样有害，吸烟者的健康风险并未降低。,控烟限酒,中,2024-33',
    ].join('\n');
    const before = Number((await server.database.client.execute('SELECT count(*) AS n FROM questions')).rows[0]!.n);
    const bad = await upload(csv.replace(',B,', ',F,'), 'bank.csv');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'import/rejected', problems: [{ row: 2, column: '答案' }] } });
    expect(Number((await server.database.client.execute('SELECT count(*) AS n FROM questions')).rows[0]!.n)).toBe(before);

    const good = await upload(csv, 'bank.csv');
    expect(await good.json()).toMatchObject({ ok: true, data: { imported: 2 } });
    const again = await upload(csv, 'bank.csv'); // the same rows are now duplicates of the bank
    expect(again.status).toBe(422);

    const exported = await organizer.request('/api/bank/export?format=xlsx');
    expect(exported.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await exported.arrayBuffer());
    const reimport = await upload(bytes, 'export.xlsx');
    // Every exported question is already in the bank: refused whole, one problem per row at least.
    const problems = ((await reimport.json()) as { error: { problems: unknown[] } }).error.problems;
    expect(problems.length).toBeGreaterThan(100);
    expect(Number((await server.database.client.execute('SELECT count(*) AS n FROM questions')).rows[0]!.n)).toBe(before + 2);
    const template = await organizer.request('/api/bank/template.xlsx');
    expect(template.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('lets an admin manage accounts and refuses weak passwords', async () => {
    const weak = await admin.request('/api/users', { method: 'POST', json: { username: 'org2', displayName: '组织者二', role: 'organizer', password: 'short' } });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ error: { code: 'auth/password-weak' } });
    const created = await admin.request('/api/users', { method: 'POST', json: { username: 'org2', displayName: '组织者二', role: 'organizer', password: PASSWORD } });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string } };
    const org2 = await login(server, 'org2', PASSWORD);
    expect((await org2.request('/api/bank/sets')).status).toBe(200);
    await admin.request(`/api/users/${data.id}`, { method: 'PATCH', json: { disabled: true } });
    expect((await org2.request('/api/bank/sets')).status).toBe(401); // disabling ends open sessions
    const taken = await admin.request('/api/users', { method: 'POST', json: { username: 'org2', displayName: 'x', role: 'host', password: PASSWORD } });
    expect(taken.status).toBe(409);
  });
});
