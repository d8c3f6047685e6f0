import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage } from '../../shared/i18n/messages';
import { ContestService } from '../../server/contest/contests';
import { type Coordinator, type ForwardReply, RedisCoordinator } from '../../server/coordination/coordination';
import { openDatabase, type Database } from '../../server/db/client';
import { ChainError, GuardError, writerThread, Writer } from '../../server/db/writer';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { redisAvailable, REDIS_URL } from '../helpers/env';
import { startTestServer, type TestServer } from '../helpers/server';

/** A lease the test hands from one process to the other by hand, as Redis would after the owner stalled. */
function fakeCoordinator(lease: { holder: string | null }, processId: string): Coordinator {
  return {
    processId,
    acquire: async (): Promise<boolean> => {
      if (lease.holder !== null && lease.holder !== processId) return false;
      lease.holder = processId;
      return true;
    },
    holds: () => lease.holder === processId,
    owner: async () => lease.holder,
    release: async () => undefined,
    publish: () => null,
    onNews: () => undefined,
    onLost: () => undefined,
    onTick: () => undefined,
    forward: (): Promise<ForwardReply> => Promise.resolve({ ok: false, unanswered: true }),
    onForward: () => undefined,
    close: async () => undefined,
  };
}

/** One "process" on the shared database file: its own connection, its own writer thread, its own contest service. */
async function processOn(file: string, lease: { holder: string | null }, processId: string, windowMs: number) {
  const database = await openDatabase(`file:${file}`);
  const thread = writerThread(file);
  await thread.ready;
  const writer = new Writer(thread, windowMs);
  const failures: { contestId: string; seq: number; reason: string }[] = [];
  const contests = new ContestService(database, writer, Date.now, fakeCoordinator(lease, processId), () => undefined, (f) => failures.push(f));
  return {
    database,
    writer,
    contests,
    failures,
    close: async () => {
      await writer.close();
      await thread.close();
      database.close();
    },
  };
}

const logOf = async (database: Database, contestId: string) =>
  (await database.client.execute({ sql: 'SELECT seq, actor, command FROM contest_log WHERE contest_id = ? ORDER BY seq', args: [contestId] })).rows.map((r) => ({
    seq: Number(r.seq),
    type: (JSON.parse(String(r.command)) as { type: string }).type,
  }));

describe('a stalled owner cannot fork a contest', () => {
  let server: TestServer;
  let file: string;
  let contestId: string;
  beforeAll(async () => {
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD });
    file = path.join(server.dir, 'app.db');
    contestId = (await setUpContest(server)).detail.id;
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('entries N and N+1 queued by an owner whose lease moved on are both refused; the log replays', async () => {
    const lease = { holder: null as string | null };
    // A's group-commit window is long, so its audience entries sit queued as they did behind the SIGSTOP.
    const a = await processOn(file, lease, 'A', 60_000);
    const b = await processOn(file, lease, 'B', 1);
    try {
      expect(await a.contests.dispatch(contestId, { type: 'contest:start' }, { role: 'host' })).toMatchObject({ ok: true });
      // Two log appends of A's runtime (the service hands audience commands to the audience desk, so they are sent
      // to the runtime itself here); audience-role appends share the group commit and wait in A's long window.
      const runtimeA = (await a.contests.runtime(contestId))!;
      const stale = [
        runtimeA.dispatch({ type: 'audience:join', nickname: '甲' }, { role: 'audience', memberId: 'm1' }),
        runtimeA.dispatch({ type: 'audience:join', nickname: '乙' }, { role: 'audience', memberId: 'm2' }),
      ];
      await expect.poll(() => a.writer.pending).toBe(2);

      // A stalls; its lease runs out and B takes the contest over and opens a question (entry 2).
      lease.holder = 'B';
      expect(await b.contests.dispatch(contestId, { type: 'question:open' }, { role: 'host' })).toMatchObject({ ok: true });

      // A wakes up and its queued group commits: neither of its entries may reach the log.
      await a.writer.flush();
      for (const r of await Promise.all(stale)) expect(r.ok).toBe(false);
      expect(await logOf(a.database, contestId)).toEqual([
        { seq: 1, type: 'contest:start' },
        { seq: 2, type: 'question:open' },
      ]);

      // The log replays on a fresh process and the contest goes on from B.
      const fresh = await processOn(file, { holder: null }, 'C', 1);
      try {
        const runtime = (await fresh.contests.runtime(contestId))!;
        expect(runtime.readOnly).toBeNull();
        expect(runtime.seq).toBe(2);
        expect(fresh.failures).toEqual([]);
      } finally {
        await fresh.close();
      }
      expect(await b.contests.dispatch(contestId, { type: 'audience:join', nickname: '丙' }, { role: 'audience', memberId: 'm3' })).toMatchObject({ ok: true });
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);

  it('a log that does not replay is logged with its contest and entry, and the contest is served read-only with a localized message', async () => {
    const damaged = (await setUpContest(server)).detail.id;
    const p = await processOn(file, { holder: null }, 'P', 1);
    try {
      expect(await p.contests.dispatch(damaged, { type: 'contest:start' }, { role: 'host' })).toMatchObject({ ok: true });
      // An entry the engine refuses (a second start), as a forked log leaves behind.
      await p.database.client.execute({ sql: "INSERT INTO contest_log (contest_id, seq, at, actor, command) VALUES (?, 2, ?, '{\"role\":\"host\"}', '{\"type\":\"contest:start\"}')", args: [damaged, Date.now()] });
      const q = await processOn(file, { holder: null }, 'Q', 1);
      try {
        const runtime = (await q.contests.runtime(damaged))!;
        expect(runtime).not.toBeNull();
        expect(runtime.readOnly).toEqual({ seq: 2 });
        expect(runtime.state.core.phase).not.toBe('lobby'); // served as it stood after entry 1
        expect(q.failures).toEqual([expect.objectContaining({ contestId: damaged, seq: 2 })]);
        const refused = await q.contests.dispatch(damaged, { type: 'question:open' }, { role: 'host' });
        expect(refused).toEqual({ ok: false, error: { code: 'contest/read-only', params: { seq: 2 } } });
        expect(errorMessage('contest/read-only', 'zh-CN', { seq: 2 })).toContain('第 2 条');
        expect((await logOf(q.database, damaged)).length).toBe(2);
      } finally {
        await q.close();
      }
    } finally {
      await p.close();
    }
  }, 30_000);
});

describe('the writer refuses the rest of a chain after a refused job', () => {
  it('a later job of the same chain in the same group is refused even though its own guard would pass', async () => {
    const { tempDir } = await import('../helpers/server');
    const file = path.join(tempDir(), 'chain.db');
    const database = await openDatabase(`file:${file}`);
    await database.client.execute('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)');
    await database.client.execute("INSERT INTO t VALUES ('x', 1)");
    const thread = writerThread(file);
    await thread.ready;
    const writer = new Writer(thread, 60_000);
    try {
      const refusedGuard = writer.write([{ sql: "UPDATE t SET v = v + 1 WHERE k = 'missing'", args: [], guard: true }], [], { chain: 'c' });
      const behind = writer.write([{ sql: "UPDATE t SET v = v + 10 WHERE k = 'x'", args: [], guard: true }], [], { chain: 'c' });
      const other = writer.write([{ sql: "UPDATE t SET v = v + 100 WHERE k = 'x'", args: [], guard: true }], [], { chain: 'd' });
      void writer.flush();
      await expect(refusedGuard).rejects.toBeInstanceOf(GuardError);
      await expect(behind).rejects.toBeInstanceOf(ChainError);
      await expect(other).resolves.toBeUndefined();
      expect((await database.client.execute("SELECT v FROM t WHERE k = 'x'")).rows[0]!.v).toBe(101);
    } finally {
      await writer.close();
      await thread.close();
      database.close();
    }
  });
});

const withRedis = await redisAvailable();

describe.skipIf(!withRedis)('a lease holder stops acting as owner when its lease has run out by its own clock', () => {
  it('after a stall longer than the lease, holds() is false before any renewal has run', async () => {
    const redis = createClient({ url: REDIS_URL, RESP: 3 });
    await redis.connect();
    const coord = await RedisCoordinator.start(redis, `hq-test:${randomUUID()}`, 300, () => undefined);
    try {
      expect(await coord.acquire('c1')).toBe(true);
      expect(coord.holds('c1')).toBe(true);
      // The stall itself: the event loop is blocked (as by SIGSTOP) for longer than the lease.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 450);
      expect(coord.holds('c1')).toBe(false);
    } finally {
      await coord.close();
      await redis.close();
    }
  });
});
