import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostView, ScreenView } from '../../shared/contest/views';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { device, type Device } from '../helpers/contest-sockets';
import { redisAvailable, REDIS_URL } from '../helpers/env';
import { startPair, type ServerPair } from '../helpers/pair';

const available = await redisAvailable();
const COUNTIES = ['131002', '131003', '131022'];

describe.skipIf(!available)('audience answers are taken by the process each phone is connected to', () => {
  let pair: ServerPair | undefined;
  const devices: Device[] = [];
  const redis = createClient({ url: REDIS_URL });
  const sub = redis.duplicate();
  afterAll(async () => {
    for (const d of devices) d.socket.disconnect();
    await pair?.stop();
    if (sub.isOpen) await sub.close();
    if (redis.isOpen) await redis.close();
  });

  it('counts, scores and ranks across two processes with no audience command forwarded, and a process killed after its acknowledgements loses nothing and counts nothing twice', async () => {
    const prefix = `hq-test:${randomUUID()}`;
    const env = { REDIS_URL, REDIS_STREAM: prefix, CONTEST_LEASE_MS: '3000', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD };
    pair = await startPair(env);
    const { a, b, viaA, viaB } = pair;
    await redis.connect();
    await sub.connect();
    // Every command forwarded to a contest's owner crosses Redis on an rpc channel: note whose it was. Which
    // process wins the contest's lease is a race (the host's or the screen's join loads it first), so the host's
    // commands may be forwarded; an audience member's never are.
    const forwardedBy = new Set<string>();
    await sub.pSubscribe(`${prefix}:rpc:*`, (message) => {
      const m = JSON.parse(message) as { kind: string; request?: { actor: { role: string } } };
      if (m.kind === 'request') forwardedBy.add(m.request?.actor.role ?? 'unknown');
    });

    const { staff, detail } = await setUpContest(a);
    const pin = detail.pin;
    const host = device(viaA.url, () => ({ pin, role: 'host' }), { cookie: staff.cookie });
    const screen = device(viaB.url, () => ({ pin, role: 'screen' }));
    const tokens: string[] = [];
    const onB = (i: number) => i % 2 === 1;
    const audience = Array.from({ length: 12 }, (_, i) => {
      const url = onB(i) ? viaB.url : viaA.url;
      return device(url, () => (tokens[i] ? { pin, role: 'audience', token: tokens[i] } : { pin, role: 'audience', nickname: `观众${i}`, county: COUNTIES[i % 3] }));
    });
    devices.push(host, screen, ...audience);
    await expect.poll(() => devices.every((d) => d.state.joins === 1)).toBe(true);
    audience.forEach((d, i) => (tokens[i] = d.state.joined!.token!));
    const members = audience.map((d) => d.state.joined!.subjectId!);
    // Joins taken on either process: the host's process counts them all, per county too.
    await expect.poll(() => (host.state.view as HostView | null)?.audience.joined).toBe(12);

    expect(await host.send({ type: 'contest:start' })).toMatchObject({ ok: true });
    const opened = await host.send({ type: 'question:open' });
    const key = (opened as { data: { view: HostView } }).data.view.question!.key!;
    const wrong = key[0] === 0 ? [1] : [0];
    // Eight right, four wrong, half of them through each process.
    const right = (i: number) => i < 8;
    for (const [i, d] of audience.entries()) expect(await d.send({ type: 'audience:answer', options: right(i) ? key : wrong })).toMatchObject({ ok: true });
    // A second answer to the same question, through either process, is refused.
    expect(await audience[1]!.send({ type: 'audience:answer', options: key })).toMatchObject({ ok: false, error: { code: 'contest/already-answered' } });

    // The host's process (the owner) shows counts merged from both processes' tallies.
    await expect.poll(() => (host.state.view as HostView | null)?.liveAudience?.answers).toBe(12);
    const live = (host.state.view as HostView).liveAudience!;
    expect(live.correct).toBe(8);
    expect(live.optionCounts[key[0]!]).toBe(8);
    expect(live.optionCounts[wrong[0]!]).toBe(4);

    expect(await host.send({ type: 'answer:lock' })).toMatchObject({ ok: true });
    expect(await host.send({ type: 'question:reveal' })).toMatchObject({ ok: true });
    // The screen on the other process: merged counters, county tally and the shared leaderboard.
    await expect.poll(() => (screen.state.view as ScreenView | null)?.leaderboard.length).toBe(12);
    const shown = screen.state.view as ScreenView;
    expect(shown.audience.revealed).toMatchObject({ answers: 12, correct: 8 });
    expect(Object.fromEntries(shown.counties.map((c) => [c.county, [c.participants, c.answers, c.correct]]))).toEqual({
      '131002': [4, 4, 3], // members 0, 3, 6, 9
      '131003': [4, 4, 3], // 1, 4, 7, 10
      '131022': [4, 4, 2], // 2, 5, 8, 11
    });
    expect(new Set(shown.leaderboard.slice(0, 8).map((e) => e.memberId))).toEqual(new Set(members.slice(0, 8)));
    expect(shown.leaderboard.slice(8).every((e) => e.score === 0 && e.rank === 9)).toBe(true);
    // The leaderboard lives in a Redis sorted set: every member once, the right ones with their points.
    const lb = `${prefix}:aud:${detail.id}:lb`;
    expect(await redis.zCard(lb)).toBe(12);
    // Every phone, on either process, hears its own result and its rank on the shared board.
    await expect.poll(() => audience.every((d, i) => d.state.me?.result?.correct === right(i) && d.state.me.rank !== null && (right(i) ? d.state.me.rank <= 8 : d.state.me.rank === 9))).toBe(true);
    for (const [i, d] of audience.entries()) expect(Number(await redis.zScore(lb, members[i]!))).toBe(d.state.me!.score * 10_000 + (right(i) ? 1 : 0));

    // Second question: everyone answers right, then the process that does not run the contest's engine dies
    // right after its acknowledgements (team and host commands still go to the owner, which stays).
    expect(await host.send({ type: 'question:next' })).toMatchObject({ ok: true });
    const second = await host.send({ type: 'question:open' });
    const key2 = (second as { data: { view: HostView } }).data.view.question!.key!;
    for (const d of audience) expect(await d.send({ type: 'audience:answer', options: key2 })).toMatchObject({ ok: true });
    const ownerPid = Number((await redis.get(`${prefix}:lease:${detail.id}`))!.split('-')[0]);
    const victim = ownerPid === a.child.pid ? b : a;
    const onVictim = (i: number) => onB(i) === (victim === b);
    await victim.kill();
    // Its phones (and the host or the screen) reconnect through their front to the survivor and join again with their tokens.
    await expect.poll(() => audience.every((d, i) => d.socket.connected && d.state.joins === (onVictim(i) ? 2 : 1)), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => [host, screen].every((d) => d.socket.connected && d.state.phase === 'answering'), { timeout: 15_000 }).toBe(true);
    // Their acknowledged answers are there: answering again is refused, not counted again.
    for (const [i, d] of audience.entries()) if (onVictim(i)) expect(await d.send({ type: 'audience:answer', options: key2 })).toMatchObject({ ok: false, error: { code: 'contest/already-answered' } });
    await expect.poll(() => (host.state.view as HostView | null)?.liveAudience?.answers).toBe(12);

    expect(await host.send({ type: 'answer:lock' })).toMatchObject({ ok: true });
    expect(await host.send({ type: 'question:reveal' })).toMatchObject({ ok: true });
    await expect.poll(() => (screen.state.view as ScreenView | null)?.audience.revealed?.answers).toBe(12);
    await expect.poll(() => audience.every((d) => d.state.me?.result?.correct === true)).toBe(true);
    // Each member scored once per question: the shared score is the sum of the two results the phone was told.
    for (const [i, d] of audience.entries()) expect(Number(await redis.zScore(lb, members[i]!))).toBe(d.state.me!.score * 10_000 + (right(i) ? 2 : 1));
    const county = (screen.state.view as ScreenView).counties;
    expect(county.reduce((n, c) => n + c.answers, 0)).toBe(24);
    expect(county.reduce((n, c) => n + c.correct, 0)).toBe(20);
    // Not one audience join or answer went to the owner: at most the host's commands did.
    expect([...forwardedBy].filter((role) => role !== 'host')).toEqual([]);
  }, 90_000);
});
