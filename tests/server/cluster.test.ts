import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostView, TeamView } from '../../shared/contest/views';
import { setUpContest, STAFF_PASSWORD, tokenOf } from '../helpers/contest';
import { device, type Device } from '../helpers/contest-sockets';
import { redisAvailable, REDIS_URL } from '../helpers/env';
import { startPair, type ServerPair } from '../helpers/pair';

const available = await redisAvailable();

describe.skipIf(!available)('two server processes and Redis play one contest; the owner is killed and the other takes over', () => {
  let pair: ServerPair | undefined;
  const devices: Device[] = [];
  const redis = createClient({ url: REDIS_URL });
  afterAll(async () => {
    for (const d of devices) d.socket.disconnect();
    await pair?.stop();
    if (redis.isOpen) await redis.close();
  });

  it('keeps every acknowledged answer and goes on under the survivor', async () => {
    const prefix = `hq-test:${randomUUID()}`;
    const env = { REDIS_URL, REDIS_STREAM: prefix, CONTEST_LEASE_MS: '3000', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD };
    // One database file, two processes; devices reach them through fronts that prefer one process and fall
    // back to the other, as a load balancer does once a backend stops answering.
    pair = await startPair(env);
    const { a, viaA, viaB, procs } = pair;
    await redis.connect();

    const { staff, detail } = await setUpContest(a);
    const pin = detail.pin;
    const frontOf = new Map<Device, string>();
    const on = (front: string, d: Device) => (frontOf.set(d, front), d);
    const host = on(viaA.url, device(viaA.url, () => ({ pin, role: 'host' }), { cookie: staff.cookie }));
    const teamLinks = detail.links.teams.slice(0, 4);
    const frontFor = (i: number) => (i % 2 ? viaB.url : viaA.url);
    const teams = teamLinks.map((l, i) => on(frontFor(i), device(frontFor(i), () => ({ pin, role: 'team', token: tokenOf(l.url) }))));
    const tokens: string[] = [];
    const audience = Array.from({ length: 20 }, (_, i) =>
      on(frontFor(i), device(frontFor(i), () => (tokens[i] ? { pin, role: 'audience', token: tokens[i] } : { pin, role: 'audience', nickname: `观众${i}`, county: '131003' }))),
    );
    devices.push(host, ...teams, ...audience);
    await expect.poll(() => devices.every((d) => d.state.joins === 1)).toBe(true);
    audience.forEach((d, i) => (tokens[i] = d.state.joined!.token!));
    const members = audience.map((d) => d.state.joined!.subjectId);

    expect(await host.send({ type: 'contest:start' })).toMatchObject({ ok: true });
    const opened = await host.send({ type: 'question:open' });
    expect(opened.ok).toBe(true);
    const before = (opened as { data: { view: HostView } }).data.view;
    const key = before.question!.key!;
    const wrong = key[0] === 0 ? [1] : [0];
    // Acknowledged before the kill, from devices on both processes: four teams and twenty audience answers.
    for (const [i, t] of teams.entries()) expect(await t.send({ type: 'answer:submit', options: i === 1 ? wrong : key })).toMatchObject({ ok: true });
    for (const d of audience) expect(await d.send({ type: 'audience:answer', options: key })).toMatchObject({ ok: true });
    // Fan-out reaches both processes' sockets: each sees every team's answer as in.
    for (const t of teams) await expect.poll(() => (t.state.view as TeamView | null)?.answered.length).toBe(4);

    const leaseKey = `${prefix}:lease:${detail.id}`;
    const ownerPid = Number((await redis.get(leaseKey))!.split('-')[0]);
    const owner = procs.find((p) => p.child.pid === ownerPid)!;
    const survivor = procs.find((p) => p !== owner)!;
    // Devices whose front prefers the owner lose their connection and join again; the others stay.
    const ownerFront = owner === a ? viaA.url : viaB.url;
    const joinsAfter = (d: Device) => (frontOf.get(d) === ownerFront ? 2 : 1);
    expect(owner).toBeDefined();
    await owner.kill();
    const killedAt = Date.now();

    // Devices of the killed process reconnect through their front to the survivor and re-join with their
    // tokens; the survivor's replica already has the contest as it was.
    await expect.poll(() => devices.every((d) => d.socket.connected && d.state.joins === joinsAfter(d))).toBe(true);
    await expect.poll(() => devices.every((d) => d.state.phase === 'answering')).toBe(true);
    const back = Date.now() - killedAt;
    // With nobody pressing a button, the survivor notices the lease run out and takes the contest over.
    await expect.poll(async () => (await redis.get(leaseKey))?.split('-')[0], { interval: 100 }).toBe(String(survivor.child.pid));
    console.log(`every device back ${back} ms after the SIGKILL; lease taken over ${Date.now() - killedAt} ms after it (lease 3000 ms)`);

    const after = host.state.view as HostView;
    expect(after.phaseId).toBe(before.phaseId);
    expect(after.deadline).toBe(before.deadline);
    expect(Object.keys(after.teamAnswers).sort()).toEqual(['t1', 't2', 't3', 't4']);
    expect(after.liveAudience?.answers).toBe(20);
    expect(audience.map((d) => d.state.joined!.subjectId)).toEqual(members);

    expect(await host.send({ type: 'answer:lock' })).toMatchObject({ ok: true });
    const revealed = await host.send({ type: 'question:reveal' });
    expect(revealed.ok).toBe(true);
    const scores = Object.fromEntries((revealed as { data: { view: HostView } }).data.view.teams.map((t) => [t.id, t.score]));
    expect(scores).toMatchObject({ t1: 110, t2: 100, t3: 110, t4: 110 });
    // Every audience member, whichever process they ended on, hears their own result.
    await expect.poll(() => audience.every((d) => d.state.me?.result?.correct === true && d.state.me.score > 0)).toBe(true);
  }, 90_000);
});
