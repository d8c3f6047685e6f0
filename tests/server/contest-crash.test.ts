import { afterAll, describe, expect, it } from 'vitest';
import type { HostView } from '../../shared/contest/views';
import { setUpContest, STAFF_PASSWORD, tokenOf } from '../helpers/contest';
import { device, type Device } from '../helpers/contest-sockets';
import { startServerProcess, type ServerProcess } from '../helpers/process';

describe('a server killed with SIGKILL mid-question comes back with every acknowledged answer', () => {
  let proc: ServerProcess | null = null;
  const devices: Device[] = [];
  afterAll(async () => {
    for (const d of devices) d.socket.disconnect();
    await proc?.stop();
  });

  it('replays the log on restart; clients reconnect to the same phase, deadline, answers and scores', async () => {
    proc = await startServerProcess({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    const { staff, detail } = await setUpContest(proc);
    const host = device(proc.url, () => ({ pin: detail.pin, role: 'host' }), { cookie: staff.cookie });
    const teams = detail.links.teams.slice(0, 3).map((l) => device(proc!.url, () => ({ pin: detail.pin, role: 'team', token: tokenOf(l.url) })));
    const audienceTokens: string[] = [];
    const audience = Array.from({ length: 20 }, (_, i) =>
      device(proc!.url, () => (audienceTokens[i] ? { pin: detail.pin, role: 'audience', token: audienceTokens[i] } : { pin: detail.pin, role: 'audience', nickname: `观众${i}`, county: '131003' })),
    );
    devices.push(host, ...teams, ...audience);
    await expect.poll(() => devices.every((d) => d.state.joins === 1)).toBe(true);
    audience.forEach((a, i) => (audienceTokens[i] = a.state.joined!.token!));
    const membersBefore = audience.map((a) => a.state.joined!.subjectId);

    expect(await host.send({ type: 'contest:start' })).toMatchObject({ ok: true });
    const opened = await host.send({ type: 'question:open' });
    expect(opened.ok).toBe(true);
    const before = (opened as { data: { view: HostView } }).data.view;
    const key = before.question!.key!;
    // Acknowledged before the crash: two teams' answers and ten audience answers.
    expect(await teams[0]!.send({ type: 'answer:submit', options: key })).toMatchObject({ ok: true });
    expect(await teams[1]!.send({ type: 'answer:submit', options: key[0] === 0 ? [1] : [0] })).toMatchObject({ ok: true });
    for (const a of audience.slice(0, 10)) expect(await a.send({ type: 'audience:answer', options: key })).toMatchObject({ ok: true });

    await proc.kill();
    const killedAt = Date.now();
    proc = await startServerProcess({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { dir: proc.dir, port: proc.port });
    await expect.poll(() => devices.every((d) => d.state.joins === 2), { timeout: 15_000, interval: 50 }).toBe(true);
    console.log(`every device re-joined ${Date.now() - killedAt} ms after the SIGKILL (restart included)`);

    const after = host.state.view as HostView;
    expect(after.phase).toBe('answering');
    expect(after.phaseId).toBe(before.phaseId);
    expect(after.deadline).toBe(before.deadline);
    expect(after.question!.id).toBe(before.question!.id);
    expect(Object.keys(after.teamAnswers).sort()).toEqual([teams[0]!.state.joined!.subjectId, teams[1]!.state.joined!.subjectId].sort());
    expect(after.liveAudience?.answers).toBe(10);
    expect(after.teams.map((t) => t.score)).toEqual(before.teams.map((t) => t.score));
    // The same devices are the same team and the same audience members.
    expect(audience.map((a) => a.state.joined!.subjectId)).toEqual(membersBefore);
    expect(teams.map((t) => t.state.joined!.subjectId)).toEqual(['t1', 't2', 't3']);
    expect(teams[2]!.state.view!.phase).toBe('answering');

    // The contest goes on: a third answer, lock, reveal — the answers from before the crash score.
    expect(await teams[2]!.send({ type: 'answer:submit', options: key })).toMatchObject({ ok: true });
    expect(await host.send({ type: 'answer:lock' })).toMatchObject({ ok: true });
    const revealed = await host.send({ type: 'question:reveal' });
    const scores = (revealed as { data: { view: HostView } }).data.view.teams;
    const score = (i: number) => scores.find((t) => t.id === teams[i]!.state.joined!.subjectId)!.score;
    expect([score(0), score(1), score(2)]).toEqual([110, 100, 110]);
  }, 60_000);
});
