import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { setUpContest, STAFF_PASSWORD, tokenOf } from '../helpers/contest';
import { device, type Device } from '../helpers/contest-sockets';
import { redisAvailable, REDIS_URL } from '../helpers/env';
import { startServerProcess, type ServerProcess } from '../helpers/process';

const available = await redisAvailable();

describe.skipIf(!available)('npm run start:cluster', () => {
  let proc: ServerProcess | null = null;
  const devices: Device[] = [];
  afterAll(async () => {
    for (const d of devices) d.socket.disconnect();
    await proc?.stop();
  });

  it('serves one contest from several processes on one port, replaces a killed one, and stops cleanly', async () => {
    const replaced: number[] = [];
    proc = await startServerProcess(
      { REDIS_URL, REDIS_STREAM: `hq-test:${randomUUID()}`, CONTEST_LEASE_MS: '3000', WORKERS: '2', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD },
      { entry: 'cluster' },
    );
    proc.child.on('message', (m: { type?: string; pid?: number }) => {
      if (m.type === 'worker') replaced.push(m.pid!);
    });
    const workers = proc.ready.workers!;
    expect(workers).toHaveLength(2);

    const { staff, detail } = await setUpContest(proc);
    const pin = detail.pin;
    // Connections are spread over the processes by the cluster: commands land on both and are forwarded to the owner.
    const host = device(proc.url, () => ({ pin, role: 'host' }), { cookie: staff.cookie });
    const teams = detail.links.teams.slice(0, 4).map((l) => device(proc!.url, () => ({ pin, role: 'team', token: tokenOf(l.url) })));
    devices.push(host, ...teams);
    await expect.poll(() => devices.every((d) => d.state.joins === 1)).toBe(true);
    expect(await host.send({ type: 'contest:start' })).toMatchObject({ ok: true });
    const opened = await host.send({ type: 'question:open' });
    const key = (opened as { data: { view: { question: { key: number[] } } } }).data.view.question.key;
    for (const t of teams) expect(await t.send({ type: 'answer:submit', options: key })).toMatchObject({ ok: true });

    process.kill(workers[0]!, 'SIGKILL');
    await expect.poll(() => replaced.length).toBe(1);
    // Whichever process the host is on now, the contest goes on once the lease has moved (if it had to).
    await expect.poll(async () => (await host.send({ type: 'answer:lock' })).ok, { timeout: 15_000, interval: 250 }).toBe(true);
    const revealed = await host.send({ type: 'question:reveal' });
    const scores = (revealed as { data: { view: { teams: { id: string; score: number }[] } } }).data.view.teams;
    expect(scores.filter((t) => t.score === 110).map((t) => t.id).sort()).toEqual(['t1', 't2', 't3', 't4']);

    const exited = new Promise<number | null>((resolve) => proc!.child.once('exit', (code) => resolve(code)));
    proc.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
