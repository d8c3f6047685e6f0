import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../shared/contest/draft';
import type { HostView } from '../../shared/contest/views';
import { joinContest, type ClientCommand, type ContestClient } from '../helpers/contest-sockets';
import { setUpContest, STAFF_PASSWORD, TEAMS, tokenOf } from '../helpers/contest';
import type { Staff } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

describe('live contest over Socket.IO: host, screen, 8 teams, 200 audience members', () => {
  let server: TestServer;
  const ok = async (client: ContestClient, command: ClientCommand) => {
    const r = await client.send(command);
    if (!r.ok) throw new Error(`${String(command.type)} rejected: ${r.error.code} ${r.error.message}`);
    return r.data.view;
  };

  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('joins every role with the identity of its link or session, and refuses impostors', async () => {
    const { staff, detail } = await setUpContest(server);
    const counties = ['131002', '131003'];
    const host = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
    const link = detail.links.teams.find((l) => l.teamId === 't3')!;
    const team = await joinContest(server.url, { pin: detail.pin, role: 'team', token: tokenOf(link.url) });
    const audience: ContestClient[] = [];
    for (let i = 0; i < 2; i++) audience.push(await joinContest(server.url, { pin: detail.pin, role: 'audience', nickname: `观众${i}`, county: counties[i % counties.length] }));
    try {
      expect(host.joined.role).toBe('host');
      expect(team.joined.subjectId).toBe('t3');
      expect(audience[0]!.joined.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(audience[0]!.joined.counties).toHaveLength(11);
      await expect(joinContest(server.url, { pin: detail.pin, role: 'host' })).rejects.toMatchObject({ error: { code: 'contest/host-only' } });
      await expect(joinContest(server.url, { pin: detail.pin, role: 'team', token: 'x'.repeat(32) })).rejects.toMatchObject({ error: { code: 'contest/bad-token' } });
      await expect(joinContest(server.url, { pin: '000000', role: 'screen' })).rejects.toMatchObject({ error: { code: 'contest/pin-not-found' } });
      await expect(joinContest(server.url, { pin: detail.pin, role: 'audience' })).rejects.toMatchObject({ error: { code: 'contest/nickname-required' } });
      await expect(joinContest(server.url, { pin: detail.pin, role: 'audience', nickname: '加我微信领奖' })).rejects.toMatchObject({
        error: { code: 'input/invalid', issues: [{ path: 'nickname', message: '名称中不能包含电话、微信等联系方式' }] },
      });
      // A first join repeated with the same key (its reply was lost) is the same member, with a fresh token.
      const joinKey = 'k'.repeat(24);
      const first = await joinContest(server.url, { pin: detail.pin, role: 'audience', nickname: '重连观众', county: '131003', joinKey });
      const retry = await joinContest(server.url, { pin: detail.pin, role: 'audience', nickname: '重连观众', county: '131003', joinKey });
      expect(retry.joined.subjectId).toBe(first.joined.subjectId);
      expect(retry.joined.token).not.toBe(first.joined.token);
      const again2 = await joinContest(server.url, { pin: detail.pin, role: 'audience', token: retry.joined.token! });
      expect(again2.joined.subjectId).toBe(first.joined.subjectId);
      for (const c of [first, retry, again2]) c.close();
      // Resuming an audience member with its token keeps the same member.
      const again = await joinContest(server.url, { pin: detail.pin, role: 'audience', token: audience[1]!.joined.token! });
      expect(again.joined.subjectId).toBe(audience[1]!.joined.subjectId);
      again.close();
    } finally {
      for (const c of [host, team, ...audience]) c.close();
    }
  });

  // One contest played through, each round from where the one before left it: a single story, so one test.
  describe('one contest from the lobby to the export', () => {
    /** The final view (its ranks are what the export's ranking sheet must repeat). */
    let watcherFinal: HostView | null = null;
    let staff: Staff;
    let detail: ContestDetail;
    let host: ContestClient;
    let screen: ContestClient;
    const teams = new Map<string, ContestClient>();
    const audience: ContestClient[] = [];

    beforeAll(async () => {
      ({ staff, detail } = await setUpContest(server));
      host = await joinContest(server.url, { pin: detail.pin, role: 'host' }, { cookie: staff.cookie });
      screen = await joinContest(server.url, { pin: detail.pin, role: 'screen' });
      for (const link of detail.links.teams) teams.set(link.teamId, await joinContest(server.url, { pin: detail.pin, role: 'team', token: tokenOf(link.url) }));
      const counties = ['131002', '131003', '131022', '131081'];
      for (let i = 0; i < 200; i++) audience.push(await joinContest(server.url, { pin: detail.pin, role: 'audience', nickname: `观众${i}`, county: counties[i % counties.length] }));
      // Two first joins with the same key (the reply to the first was lost) are one member: the export counts it once.
      // (The key the other test used in its own contest: a key counts per contest.)
      const joinKey = 'k'.repeat(24);
      const first = await joinContest(server.url, { pin: detail.pin, role: 'audience', nickname: '重连观众', county: '131003', joinKey });
      const retry = await joinContest(server.url, { pin: detail.pin, role: 'audience', nickname: '重连观众', county: '131003', joinKey });
      for (const c of [first, retry]) c.close();
    }, 60_000);
    afterAll(() => {
      for (const c of [host, screen, ...teams.values(), ...audience]) c?.close();
    });

    // The four steps were four tests of 30 s each: 60 s for the whole story.
    it('plays the compulsory round (the key hidden until the reveal), the buzzer round (false start, rebound, corrections, undo), risk stakes, a judged performance and the tie-break to the finish, and exports the full record to Excel', async () => {
      // The compulsory round: every team and the audience answer, the key stays hidden until the reveal.
      {
        await ok(host, { type: 'contest:start' });
        const opened = (await ok(host, { type: 'question:open' })) as HostView;
        expect(opened.phase).toBe('answering');
        const key = opened.question!.key!;
        expect(key.length).toBeGreaterThan(0);
        const teamView = await teams.get('t1')!.waitFor((v) => v.phase === 'answering');
        expect(teamView.question!.key).toBeUndefined();
        expect(JSON.stringify(teamView)).not.toContain('explanation');
        const pub = await audience[0]!.waitFor((v) => v.phase === 'answering');
        expect(pub.question!.stem).toBe(opened.question!.stem);

        // Wrong role, another team's thing, wrong phase, malformed: all refused, nothing changes.
        expect(await teams.get('t1')!.send({ type: 'question:reveal' })).toMatchObject({ ok: false, error: { code: 'contest/wrong-role' } });
        expect(await host.send({ type: 'buzz:open' })).toMatchObject({ ok: false });
        expect(await teams.get('t1')!.send({ type: 'answer:submit', options: 'A' } as never)).toMatchObject({ ok: false, error: { code: 'contest/invalid-command' } });
        expect(await screen.send({ type: 'question:open' })).toMatchObject({ ok: false });

        const wrong = key[0] === 0 ? [1] : [0];
        let i = 0;
        for (const [teamId, client] of teams) await ok(client, { type: 'answer:submit', options: teamId === 't8' ? wrong : key, ...(i++ > 100 ? {} : {}) });
        expect(await teams.get('t1')!.send({ type: 'answer:submit', options: key })).toMatchObject({ ok: false });
        await Promise.all(audience.map((a, k) => ok(a, { type: 'audience:answer', options: k % 4 === 0 ? wrong : key })));
        await host.waitFor((v) => v.phase === 'locked');
        const revealed = (await ok(host, { type: 'question:reveal' })) as HostView;
        expect(revealed.teams.find((t) => t.id === 't1')!.score).toBe(110);
        expect(revealed.teams.find((t) => t.id === 't8')!.score).toBe(100);
        const seen = await teams.get('t2')!.waitFor((v) => v.phase === 'revealed');
        expect(seen.question!.key).toEqual(key);
        // Each audience member hears their own score after the reveal.
        await expect.poll(() => audience[1]!.latest.me?.score ?? 0).toBeGreaterThanOrEqual(100);
        expect(audience[0]!.latest.me?.score).toBe(0);
        expect((screen.latest.view as HostView).audience.revealed).toMatchObject({ answers: 200, correct: 150 });
      }

      // The buzzer round: false start, first buzz wins, host judges, rebound, corrections and undo.
      {
        // The compulsory round has a second question; the host may also move on to the next round.
        const next = (await ok(host, { type: 'round:next' })) as HostView;
        expect(next.round?.kind).toBe('buzzer');
        await ok(host, { type: 'question:open' });
        const shown = (await host.waitFor((x) => x.phase === 'question-shown')) as HostView;
        const before = (id: string) => shown.teams.find((t) => t.id === id)!.score;
        const falseStart = await teams.get('t5')!.send({ type: 'buzz:press' });
        expect(falseStart.ok).toBe(true);
        await ok(host, { type: 'buzz:open' });
        const presses = await Promise.all(['t2', 't3', 't4'].map((id) => teams.get(id)!.send({ type: 'buzz:press' })));
        // One rebound allowed: the first two buzzes count, the third is told buzzing is closed.
        expect(presses.filter((p) => p.ok)).toHaveLength(2);
        expect(presses.find((p) => !p.ok)).toMatchObject({ ok: false, error: { code: 'contest/buzz-closed' } });
        const after = (await host.waitFor((x) => x.phase === 'answering')) as HostView;
        const first = after.buzz!.order[0]!.teamId;
        await ok(host, { type: 'answer:judge', verdict: 'incorrect' });
        const rebound = (await host.waitFor((x) => x.buzz?.answering !== first && x.phase === 'answering')) as HostView;
        expect(rebound.buzz!.answering).toBe(after.buzz!.order[1]!.teamId);
        const scores = (await ok(host, { type: 'answer:judge', verdict: 'correct' })) as HostView;
        const score = (id: string) => scores.teams.find((t) => t.id === id)!.score;
        expect(score('t5')).toBe(before('t5') - 10); // a buzz before the opening costs 10 at once
        expect(score(first)).toBe(before(first) - 10);
        expect(score(after.buzz!.order[1]!.teamId)).toBe(before(after.buzz!.order[1]!.teamId) + 10);

        const corrected = (await ok(host, { type: 'score:adjust', teamId: 't6', delta: 5, reason: '评审组复核加分' })) as HostView;
        expect(corrected.teams.find((t) => t.id === 't6')!.score).toBe(before('t6') + 5);
        expect(corrected.corrections.at(-1)).toMatchObject({ type: 'correction', teamId: 't6', delta: 5, reason: '评审组复核加分' });
        const undone = (await ok(host, { type: 'step:undo' })) as HostView;
        expect(undone.teams.find((t) => t.id === 't6')!.score).toBe(before('t6'));
        const audit = await server.database.client.execute({ sql: "SELECT action, detail FROM audit_log WHERE target = ? AND action LIKE 'contest:%' ORDER BY id", args: [detail.id] });
        expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['contest:contest:start', 'contest:score:adjust', 'contest:step:undo']));
        expect(String(audit.rows.find((r) => r.action === 'contest:score:adjust')!.detail)).toContain('评审组复核加分');
      }

      // On to the end: risk stakes, a judged performance, and the finish with standings.
      {
        await ok(host, { type: 'question:reveal' });
        let v = (await ok(host, { type: 'round:next' })) as HostView;
        expect(v.round?.kind).toBe('risk');
        await ok(host, { type: 'stake:open' });
        // Teams pick in the order the engine announces (lowest score first); each tile once per team.
        for (let guard = 0; guard < 20; guard++) {
          v = (await host.waitFor(() => true)) as HostView;
          const picker = v.stakes?.picker;
          if (!picker) break;
          const used = v.stakes!.used[picker] ?? [];
          const tile = v.stakes!.tiles.find((t) => !used.includes(t))!;
          await ok(teams.get(picker)!, { type: 'stake:pick', stake: tile });
        }
        const opened = (await ok(host, { type: 'question:open' })) as HostView;
        const key = opened.question!.key!;
        const picks = opened.stakes!.picks;
        const before = new Map(opened.teams.map((t) => [t.id, t.score]));
        for (const [teamId, client] of teams) await ok(client, { type: 'answer:submit', options: teamId === 't1' ? key.slice(0, 1) : key });
        await Promise.all(audience.slice(0, 50).map((a) => ok(a, { type: 'audience:answer', options: key })));
        await host.waitFor((x) => x.phase === 'locked');
        const revealed = (await ok(host, { type: 'question:reveal' })) as HostView;
        for (const t of revealed.teams) {
          const stake = picks[t.id];
          const right = t.id !== 't1' || key.length === 1;
          expect(t.score, t.id).toBe(before.get(t.id)! + (typeof stake === 'number' ? (right ? stake : -stake) : 0));
        }

        v = (await ok(host, { type: 'round:next' })) as HostView;
        expect(v.round?.kind).toBe('judged');
        const judges = await Promise.all(detail.links.judges.map((l) => joinContest(server.url, { pin: detail.pin, role: 'judge', token: tokenOf(l.url) })));
        try {
          for (const teamId of ['t1', 't2']) {
            await ok(host, { type: 'judging:open' });
            const scores = teamId === 't1' ? [9, 8, 2] : [7, 7, 7];
            for (const [i, j] of judges.entries()) await ok(j, { type: 'judge:score', teamId, score: scores[i]! });
            // Nothing is added until the host closes judging and publishes.
            expect((await host.waitFor((x) => x.judging?.scored.length === 3)).judging!.results[teamId]).toBeUndefined();
            await ok(host, { type: 'judging:close' });
            await ok(host, { type: 'judging:publish' });
          }
          const judged = (await host.waitFor((x) => x.phase === 'scored' && Object.keys(x.judging?.results ?? {}).length === 2)) as HostView;
          expect(judged.judging!.results.t1!.aggregate).toBe(8); // trimmed mean of 9, 8, 2
          expect(judged.judging!.results.t2!.aggregate).toBe(7);
          expect(await judges[0]!.send({ type: 'judge:score', teamId: 't1', score: 10 })).toMatchObject({ ok: false });
        } finally {
          for (const j of judges) j.close();
        }

        // Round 5 is a tie-break among tied teams: one sudden-death question if there is a tie, then the finish.
        v = (await ok(host, { type: 'round:next' })) as HostView;
        expect(v.round?.kind).toBe('tiebreak');
        const active = v.tiebreak?.active?.teams;
        if (active) {
          const tiedScores = new Set(active.map((id) => v.teams.find((t) => t.id === id)!.score));
          expect(tiedScores.size).toBe(1); // only tied teams play
          await ok(host, { type: 'question:open' });
          const outsider = v.teams.find((t) => !active.includes(t.id))!.id;
          await ok(host, { type: 'buzz:open' });
          expect(await teams.get(outsider)!.send({ type: 'buzz:press' })).toMatchObject({ ok: false, error: { code: 'contest/not-in-tiebreak' } });
          await ok(teams.get(active[0]!)!, { type: 'buzz:press' });
          const decided = (await ok(host, { type: 'answer:judge', verdict: 'correct' })) as HostView;
          // A tie-break decides rank, never score.
          expect(decided.teams.map((t) => t.score).sort()).toEqual(v.teams.map((t) => t.score).sort());
          await ok(host, { type: 'question:reveal' }).catch(() => undefined);
        } else {
          expect(await host.send({ type: 'question:open' })).toMatchObject({ ok: false, error: { code: 'contest/no-tie' } });
        }
        const end = (await ok(host, { type: 'round:next' })) as HostView;
        expect(end.phase).toBe('finished');
        const final = await screen.waitFor((x) => x.phase === 'finished');
        watcherFinal = final as HostView;
        // Ranked by score (the tie-break ordering ties): a better rank never has a lower score.
        const byRank = [...final.teams].sort((a, b) => a.rank - b.rank);
        for (let i = 1; i < byRank.length; i++) expect(byRank[i]!.score).toBeLessThanOrEqual(byRank[i - 1]!.score);
        expect(byRank[0]!.rank).toBe(1);
      }

      // The full record in Excel.
      {
        const res = await staff.request(`/api/contests/${detail.id}/export.xlsx`);
        expect(res.status).toBe(200);
        const ExcelJS = (await import('exceljs')).default;
        const book = new ExcelJS.Workbook();
        await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
        // One sheet per round, the final ranking, the audience.
        expect(book.worksheets.map((w) => w.name)).toEqual(['第1环节 必答题', '第2环节 抢答题', '第3环节 风险题', '第4环节 健康科普表演', '第5环节 加赛', '最终排名', '观众答题']);
        const header = (name: string) => (book.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
        expect(header('第2环节 抢答题')).toEqual(['序号', '时间（北京时间）', '题号', '事件', '队伍', '县区', '题目编号', '选项', '结果', '分数变化', '分值', '评委', '评分', '操作方式', '说明 / 原因']);
        const events = new Set<string>();
        const rows: Record<string, unknown>[] = [];
        for (const ws of book.worksheets.slice(0, 5)) {
          ws.eachRow((row, n) => {
            if (n === 1) return;
            const v = row.values as unknown[];
            events.add(String(v[4]));
            rows.push({ event: v[4], team: v[5], county: v[6], answer: v[8], result: v[9], delta: v[10], note: v[15] });
          });
        }
        // Events by name, not code; no JSON anywhere.
        for (const t of ['比赛开始', '出题', '作答', '公布答案', '抢答', '抢跑', '判定', '更正分数', '撤销', '评委评分', '公布评分']) expect(events).toContain(t);
        expect(rows.some((r) => JSON.stringify(r).includes('{\\"'))).toBe(false);
        // Counties by name, options as letters, results in words.
        expect(rows.find((r) => r.event === '作答' && r.team === '张家战队')).toMatchObject({ county: '广阳区', result: expect.stringMatching(/^(正确|错误)$/), answer: expect.stringMatching(/^[A-F]+$/) });
        expect(rows.find((r) => r.event === '更正分数')).toMatchObject({ note: expect.any(String), delta: expect.any(Number) });
        // The ranking sheet is the podium: the same ranks as the final view, shared ranks included.
        const final = (watcherFinal ?? null) as HostView | null;
        const ranking: [unknown, unknown, unknown][] = [];
        book.getWorksheet('最终排名')!.eachRow((row, n) => n > 1 && ranking.push((row.values as unknown[]).slice(1, 4) as [unknown, unknown, unknown]));
        expect(ranking).toHaveLength(TEAMS.length);
        if (final) for (const t of final.teams) expect(ranking.find((r) => r[1] === t.name)![0]).toBe(t.rank);
        expect(book.getWorksheet('观众答题')!.rowCount).toBe(202); // header, 200 members, and one member from two first joins with the same key
        // In English when the page is English.
        const en = new ExcelJS.Workbook();
        await en.xlsx.load((await (await staff.request(`/api/contests/${detail.id}/export.xlsx?lang=en`)).arrayBuffer()) as ArrayBuffer);
        expect(en.worksheets.map((w) => w.name)).toEqual(['Round 1 必答题', 'Round 2 抢答题', 'Round 3 风险题', 'Round 4 健康科普表演', 'Round 5 加赛', 'Final ranking', 'Audience']);
        expect(en.getWorksheet('Round 1 必答题')!.getRow(2).getCell(4).value).toBe('Contest started');
      }
    }, 60_000);
  });
});
