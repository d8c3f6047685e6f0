import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinContest } from '../helpers/contest-sockets';
import { makeSet, setUpContest, STAFF_PASSWORD, TEAMS } from '../helpers/contest';
import { login, type Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

async function sheet(rows: string[][]): Promise<Blob> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('战队');
  for (const r of rows) ws.addRow(r);
  return new Blob([new Uint8Array(await book.xlsx.writeBuffer())]);
}

describe('contest setup: drafts, teams from Excel or a campaign, editing rules, rehearsal reset', () => {
  let server: TestServer;
  let staff: Staff;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    staff = await login(server, 'admin', STAFF_PASSWORD);
  });
  afterAll(() => server.stop());

  const upload = (file: Blob, name = 'teams.xlsx') => {
    const form = new FormData();
    form.append('file', file, name);
    form.append('regionCode', '131000');
    return staff.request('/api/contest-teams/import', { method: 'POST', body: form });
  };

  it('imports family teams from Excel, resolving counties by name', async () => {
    const res = await upload(await sheet([['战队名称', '成员', '县区'], ['张家战队', '张伟、李娜、张小明', '广阳区'], ['王家战队', '王强，刘芳，王小红，王小刚', '131002']]));
    expect(await res.json()).toEqual({
      ok: true,
      data: [
        { id: 't1', name: '张家战队', members: ['张伟', '李娜', '张小明'], county: '131003' },
        { id: 't2', name: '王家战队', members: ['王强', '刘芳', '王小红', '王小刚'], county: '131002' },
      ],
    });
  });

  it('refuses a bad team sheet whole, row by row', async () => {
    const res = await upload(await sheet([['战队名称', '成员', '县区'], ['张家战队', '张伟、李娜', '火星区'], ['张家战队', '甲、乙、丙', '广阳区']]));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { problems: { row: number; column: string; message: string }[] } };
    expect(body.error.problems).toEqual([
      { row: 2, column: '成员', message: '家庭战队应有 3–5 名成员，这里有 2 名' },
      { row: 2, column: '县区', message: '没有这个县区：火星区' },
      { row: 3, column: '战队名称', message: '战队名称“张家战队”重复' },
    ]);
    expect((await upload(new Blob(['not a spreadsheet']), 'teams.xlsx')).status).toBe(422);
  });

  it("takes the best family teams per county from an online campaign's results", async () => {
    const created = await staff.request('/api/campaigns', {
      method: 'POST',
      json: {
        title: '家庭初赛', startsAt: Date.now() - 3600_000, endsAt: Date.now() + 3600_000, regionCode: '131000', mix: [{ count: 2, type: 'truefalse' }],
        timeLimitSec: 600, attemptsPerDay: 1, attemptsTotal: 1, counting: 'best', passMark: 60, showExplanations: false, minSecondsPerQuestion: 0, fields: { name: false, phone: false, team: true }, targets: {},
      },
    });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    await staff.request(`/api/campaigns/${id}/publish`, { method: 'POST' });
    const play = async (team: string, county: string, right: boolean) => {
      const start = (await (await fetch(`${server.url}/api/quiz/${id}/attempts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ countyCode: county, teamName: team }) })).json()) as { data: { attemptId: string; token: string } };
      const drawn = JSON.parse(String((await server.database.client.execute({ sql: 'SELECT drawn FROM attempts WHERE id = ?', args: [start.data.attemptId] })).rows[0]!.drawn)) as { id: string }[];
      const answers = [];
      for (const d of drawn) {
        const body = JSON.parse(String((await server.database.client.execute({ sql: 'SELECT body FROM questions WHERE id = ?', args: [d.id] })).rows[0]!.body)) as { answer: boolean };
        answers.push([(body.answer === right) ? 0 : 1]);
      }
      await fetch(`${server.url}/api/quiz/${id}/attempts/${start.data.attemptId}/submit`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-participant-token': start.data.token }, body: JSON.stringify({ answers }) });
    };
    await play('广阳一队', '131003', true);
    await play('广阳二队', '131003', false);
    await play('安次一队', '131002', true);
    const best = (await (await staff.request(`/api/contest-teams/from-campaign/${id}?perCounty=1`)).json()) as { data: { name: string; county: string; score: number }[] };
    expect(best.data.map((t) => [t.name, t.county, t.score])).toEqual([
      ['安次一队', '131002', 100],
      ['广阳一队', '131003', 100],
    ]);
  });

  it('names the round whose question set is missing, and refuses edits once started; a rehearsal can be reset', async () => {
    const set = await makeSet(staff, '单选', 'single', 2);
    const bad = await staff.request('/api/contests', { method: 'POST', json: { title: '测试', teams: TEAMS.slice(0, 2), rounds: [{ id: 'r1', kind: 'compulsory', title: '必答', setId: 'nosuchset' }] } });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'contest/set-missing', message: '第 1 环节选择的题目集不存在', issues: [{ path: 'rounds.0.setId' }] } });
    const invalid = await staff.request('/api/contests', { method: 'POST', json: { title: '测试', teams: TEAMS.slice(0, 1), rounds: [{ id: 'r1', kind: 'compulsory', title: '必答', setId: set }] } });
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'input/invalid', issues: [{ path: 'teams' }] } });

    const { detail } = await setUpContest(server);
    const host = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
    expect(await host.send({ type: 'contest:start' })).toMatchObject({ ok: true });
    const edit = await staff.request(`/api/contests/${detail.id}`, { method: 'PUT', json: { ...detail.draft, title: '改名' } });
    expect(edit.status).toBe(409);
    expect((await staff.request(`/api/contests/${detail.id}/reset`, { method: 'POST' })).status).toBe(200);
    await host.waitFor((v) => v.phase === 'lobby');
    const log = await server.database.client.execute({ sql: 'SELECT count(*) AS n FROM contest_log WHERE contest_id = ?', args: [detail.id] });
    expect(log.rows[0]!.n).toBe(0);
    expect((await staff.request(`/api/contests/${detail.id}`, { method: 'PUT', json: { ...detail.draft, title: '改名' } })).status).toBe(200);
    host.close();

    const { detail: real } = await setUpContest(server, { rehearsal: false });
    expect(await (await staff.request(`/api/contests/${real.id}/reset`, { method: 'POST' })).json()).toMatchObject({ error: { code: 'contest/not-rehearsal' } });
  });
});
