import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';
import { sheetXml, workbook } from '../helpers/xlsx-craft';

const PASSWORD = 'Correct-Horse-9';

describe('imports run bounded and off the event loop', () => {
  let server: TestServer;
  let admin: Staff;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: PASSWORD });
    admin = await login(server, 'root', PASSWORD);
  });
  afterAll(() => server.stop());

  const upload = (route: string, data: Uint8Array, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([data as Uint8Array<ArrayBuffer>]), name);
    return admin.request(route, { method: 'POST', body: form });
  };

  it('answers a bank or team import of an XFD-column file with a clear refusal', async () => {
    const rows = [{ A: '题型', B: '题干', C: '答案' }, ...Array.from({ length: 2000 }, () => ({ XFD: 'x' }))];
    const bomb = workbook(sheetXml(rows, 'A1:XFD2001'));
    for (const route of ['/api/bank/import', '/api/contest-teams/import']) {
      const res = await upload(route, bomb, 'bomb.xlsx');
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { problems: { message: string }[] } };
      expect(body.error.problems[0]!.message).toContain('工作表的使用范围 A1:XFD2001 超出上限');
    }
  });

  it('keeps the event loop free while a large file is read and checked', async () => {
    // 10,000 rows of CSV, the last one wrong: seconds of parsing and validation, all of it on the import thread,
    // then a refusal (storing 10,000 questions is the database's work, not the reader's).
    const row = (i: number) => `单选,第${i}题 成年人每天食盐摄入量不超过多少克？,3克,5克,6克,10克,B,《中国居民膳食指南》建议成年人每天食盐不超过5克。,合理膳食,易,2024-30`;
    const csv = `题型,题干,选项A,选项B,选项C,选项D,答案,解析,主题,难度,知识点\r\n${Array.from({ length: 9_999 }, (_, i) => row(i + 1)).join('\r\n')}\r\n单选,最后一题,3克,5克,,,Z,解析写在这里足够长。,合理膳食,易,2024-30`;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const res = await upload('/api/bank/import', new TextEncoder().encode(csv), 'bank.csv');
    delay.disable();
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, error: { problems: [{ row: 10_001, column: '答案' }] } });
    // The bound, generous for a shared machine: reading this file on the event loop stalls it for seconds.
    expect(delay.max / 1e6).toBeLessThan(1000);
  });

  it('stores a 10,000-question import without stalling the event loop: the rows go to the writer thread', async () => {
    const row = (i: number) => `单选,导入第${i}题：成年人每天食盐摄入量不超过多少克？,3克,5克,6克,10克,B,《中国居民膳食指南》建议成年人每天食盐不超过5克。,合理膳食,易,2024-30`;
    const csv = `题型,题干,选项A,选项B,选项C,选项D,答案,解析,主题,难度,知识点\r\n${Array.from({ length: 10_000 }, (_, i) => row(i + 1)).join('\r\n')}`;
    const before = Number((await server.database.client.execute('SELECT count(*) AS n FROM questions')).rows[0]!.n);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const res = await upload('/api/bank/import', new TextEncoder().encode(csv), 'bank.csv');
    delay.disable();
    const body = (await res.json()) as { ok: boolean; data: { imported: number; ids: string[] } };
    expect(body.data.imported).toBe(10_000);
    // Stored as the editor reads it back: the JSON body, the status, the revision.
    const one = (await (await admin.request(`/api/bank/questions/${body.data.ids[9_999]}`)).json()) as { data: { question: { stem: string; options: string[]; answer: string }; status: string; revision: number } };
    expect(one.data).toMatchObject({ status: 'active', revision: 1, question: { stem: '导入第10000题：成年人每天食盐摄入量不超过多少克？', options: ['3克', '5克', '6克', '10克'], answer: 'B' } });
    expect(Number((await server.database.client.execute('SELECT count(*) AS n FROM questions')).rows[0]!.n)).toBe(before + 10_000);
    expect(Number((await server.database.client.execute("SELECT count(*) AS n FROM question_revisions WHERE question_id IN (SELECT id FROM questions WHERE origin = 'import')")).rows[0]!.n)).toBe(10_000);
    // As above, a bound generous for a shared machine: inserting 10,000 questions on the event loop stalls it for seconds.
    expect(delay.max / 1e6).toBeLessThan(1000);
  }, 60_000);
});
