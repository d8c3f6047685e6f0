import path from 'node:path';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { eq, is, sql } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { type Database, migrateDatabase, openDatabase, readPragma, readSelect } from '../../server/db/client';
import * as schema from '../../server/db/schema';
import { openNativeDatabase } from '../../server/db/native';
import { Counters, encodeBatch, GuardError, nativeExecutor, writerThread, Writer, type WriteStatement } from '../../server/db/writer';

import { tempDir } from '../helpers/server';

const batchOf = (statements: WriteStatement[]) => encodeBatch([{ statements, increments: [] }]);

/** A fresh database file with the libSQL client, a native executor and a writer thread on it, all closed after `fn`. */
async function withExecutors(fn: (on: { dir: string; file: string; database: Database; native: ReturnType<typeof nativeExecutor>; thread: ReturnType<typeof writerThread> }) => Promise<void>) {
  const dir = tempDir();
  const file = path.join(dir, 'w.db');
  const database = await openDatabase(`file:${file}`);
  const native = nativeExecutor(file);
  const thread = writerThread(file);
  try {
    await fn({ dir, file, database, native, thread });
  } finally {
    native.close();
    await thread.close();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const migrationsDir = loadConfig({}).migrationsDir;

describe('configuration', () => {
  it('parses defaults and overrides', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'libsql://db.example.com' });
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBe('libsql://db.example.com');
    expect(loadConfig({}).DATABASE_URL).toBe('file:data/app.db');
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('names every wrong variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT="70000"/);
      expect((e as Error).message).toMatch(/LOG_LEVEL="loud"/);
    }
  });

  it('stops `npm start`-style start-up with a clear message and exit code 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port', DATABASE_URL: 'file:/tmp/never-created.db' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('PORT="not-a-port"');
  });
});

describe('database', () => {
  it('uses WAL and synchronous=FULL on a file database', async () => {
    const dir = tempDir();
    const database = await openDatabase(`file:${path.join(dir, 'nested', 'x.db')}`);
    try {
      expect(await readPragma(database.client, 'journal_mode')).toBe('wal');
      expect(await readPragma(database.client, 'synchronous')).toBe(2); // FULL
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prepared reads see what the writer thread committed, on a file and through the client alike, and refuse inlined values', () =>
    withExecutors(async ({ database, thread }) => {
      await migrateDatabase(database, migrationsDir);
      const memory = await openDatabase('file::memory:');
      try {
        await migrateDatabase(memory, migrationsDir);
        const s = schema.campaignCountyStats;
        const bySelect = (on: Database) =>
          readSelect(on, { county: s.countyCode, submitters: s.submitters, sum: s.countedScoreSum }, (fields) =>
            on.db.select(fields).from(s).where(eq(s.campaignId, sql.placeholder('campaign'))).orderBy(s.countyCode).limit(sql.placeholder('n')),
          );
        const onFile = bySelect(database);
        const inMemory = bySelect(memory);
        expect(await onFile({ campaign: 'c', n: 10 })).toEqual([]);
        // A statement prepared before the rows existed reads them once the thread has committed.
        const tally = new Counters('campaign_county_stats', ['campaign_id', 'county_code'], ['submitters', 'counted_score_sum']);
        const writers = [new Writer(thread, 1), new Writer(memory.client, 1)];
        for (const w of writers) await w.write([], [tally.add(['c', '131002'], [2, 150.5]), tally.add(['c', '131003'], [1, 60]), tally.add(['other', '131002'], [9, 9])]);
        const expected = [
          { county: '131002', submitters: 2, sum: 150.5 },
          { county: '131003', submitters: 1, sum: 60 },
        ];
        expect(await onFile({ campaign: 'c', n: 10 })).toEqual(expected);
        expect(await inMemory({ campaign: 'c', n: 10 })).toEqual(expected);
        expect(await onFile({ campaign: 'c', n: 1 })).toEqual(expected.slice(0, 1));
        // The native read connection is read-only.
        await expect(database.read("DELETE FROM campaign_county_stats WHERE campaign_id = 'c' RETURNING county_code")()).rejects.toThrow(/readonly|read-only|query_only/i);
        // Values must be placeholders: the statement is prepared once for every call.
        expect(() => readSelect(database, { county: s.countyCode }, (fields) => database.db.select(fields).from(s).where(eq(s.campaignId, 'c')))).toThrow(/placeholder/);
        // Only columns that need no decoding: a JSON column would come back as its text.
        const a = schema.attempts;
        expect(() => readSelect(database, { drawn: a.drawn }, (fields) => database.db.select(fields).from(a).where(eq(a.id, sql.placeholder('id'))))).toThrow(/drawn is not a plain/);
        for (const w of writers) await w.close();
      } finally {
        memory.close();
      }
    }));

  it('migrations round trip: apply, re-apply, and match the Drizzle schema column for column', async () => {
    const dir = tempDir();
    const url = `file:${path.join(dir, 'm.db')}`;
    let database = await openDatabase(url);
    await migrateDatabase(database, migrationsDir);
    await database.client.execute("INSERT INTO meta (key, value) VALUES ('probe', 'kept')");
    database.close();
    database = await openDatabase(url);
    try {
      await migrateDatabase(database, migrationsDir); // idempotent: nothing applied twice
      const kept = await database.client.execute("SELECT value FROM meta WHERE key = 'probe'");
      expect(kept.rows[0]!.value).toBe('kept');
      const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));
      expect(tables.length).toBeGreaterThan(3);
      for (const table of tables) {
        const config = getTableConfig(table);
        const info = await database.client.execute(`PRAGMA table_info(${config.name})`);
        const actual = info.rows.map((r) => `${r.name as string}:${(r.notnull as number) ? 'notnull' : 'null'}`).sort();
        const expected = config.columns.map((c) => `${c.name}:${c.notNull ? 'notnull' : 'null'}`).sort();
        expect(actual, `table ${config.name}`).toEqual(expected);
        const indexes = (await database.client.execute(`PRAGMA index_list(${config.name})`)).rows.map((r) => r.name as string);
        for (const index of config.indexes) expect(indexes, `index of ${config.name}`).toContain(index.config.name);
      }
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the writer group-commits concurrent writes and keeps a failing job from sinking the others', async () => {
    const dir = tempDir();
    const database = await openDatabase(`file:${path.join(dir, 'w.db')}`);
    try {
      await migrateDatabase(database, migrationsDir);
      const writer = new Writer(database.client, 10);
      const ok = Array.from({ length: 200 }, (_, i) => writer.write([{ sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: [`k${i}`, 'v'] }]));
      const bad = writer.write([{ sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: ['k1', 'duplicate key'] }]);
      await Promise.all(ok);
      await expect(bad).rejects.toThrow(/UNIQUE/);
      const n = await database.client.execute("SELECT count(*) AS n FROM meta WHERE key LIKE 'k%'");
      expect(n.rows[0]!.n).toBe(200);
      await writer.close();
      await expect(writer.write([])).rejects.toThrow(/closed/);

      // An urgent write does not wait out a (here one-minute) window, and takes the queue with it.
      const slow = new Writer(database.client, 60_000);
      const queued = slow.write([{ sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: ['queued', 'v'] }]);
      await slow.write([{ sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: ['urgent', 'v'] }], [], { urgent: true });
      await queued;
      expect((await database.client.execute("SELECT count(*) AS n FROM meta WHERE key IN ('queued', 'urgent')")).rows[0]!.n).toBe(2);
      await slow.close();
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sums counter increments by row in multi-row UPSERTs, with every executor, and a refused job adds nothing', () =>
    withExecutors(async ({ database, native, thread }) => {
      await database.client.execute('CREATE TABLE tally (k TEXT NOT NULL, n INTEGER NOT NULL, hits INTEGER NOT NULL DEFAULT 0, points INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (k, n))');
      await database.client.execute("CREATE TABLE gate (id TEXT PRIMARY KEY, open INTEGER NOT NULL)");
      await database.client.execute("INSERT INTO gate (id, open) VALUES ('g', 1)");
      const hits = new Counters('tally', ['k', 'n'], ['hits', 'points']);
      const onlyHits = new Counters('tally', ['k', 'n'], ['hits']);
      expect(() => new Counters('tally; DROP TABLE gate', ['k'], ['hits'])).toThrow(/identifier/);
      expect(() => hits.add(['a'], [1, 1])).toThrow(/key/);
      for (const [name, target] of [['client', database.client], ['native', native], ['thread', thread]] as const) {
        const writer = new Writer(target, 10);
        // 150 jobs over 97 rows (97 = 64 + 32 + 1 rows per statement), most rows named by two jobs.
        const jobs = Array.from({ length: 150 }, (_, i) => writer.write([], [hits.add([name, i % 97], [1, i]), onlyHits.add([name, i % 97], [2])]));
        // A job whose guard fails is refused, and its increments with it.
        const refused = writer.write([{ sql: "UPDATE gate SET open = 0 WHERE id = 'g' AND open = 2", args: [], guard: true }], [hits.add([name, 1], [1000, 1000])]);
        const [outcome] = await Promise.allSettled([refused, ...jobs]);
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(GuardError);
        await Promise.all(jobs);
        const rows = (await database.client.execute({ sql: 'SELECT n, hits, points FROM tally WHERE k = ? ORDER BY n', args: [name] })).rows;
        const expected = Array.from({ length: 97 }, (_, n) => {
          const is = [n, n + 97].filter((i) => i < 150);
          return { n, hits: is.length * 3, points: is.reduce((a, b) => a + b, 0) };
        });
        expect(rows.map((r) => ({ n: Number(r.n), hits: Number(r.hits), points: Number(r.points) }))).toEqual(expected);
        expect(writer.stats.commits).toBeLessThanOrEqual(3); // one group (and its retry without the refused job)
        await writer.close();
      }
    }));

  it('hands the writer thread the next group while one is being committed, and keeps the order through retries', () =>
    withExecutors(async ({ database, thread }) => {
      await database.client.execute('CREATE TABLE seqlog (n INTEGER PRIMARY KEY AUTOINCREMENT, tag TEXT NOT NULL UNIQUE)');
      const seen: string[] = [];
      const watched = { ordered: true, commit: (batch: Parameters<typeof thread.commit>[0]) => (seen.push('sent'), thread.commit(batch).finally(() => seen.push('back'))) };
      const writer = new Writer(watched, 60_000);
      const insert = (tag: string) => writer.write([{ sql: 'INSERT INTO seqlog (tag) VALUES (?)', args: [tag] }]);
      // The first group holds a duplicate, so the thread retries its jobs one by one; the second group is
      // already in the thread's hands and must still commit after all of them.
      const first = [...Array.from({ length: 10 }, (_, i) => insert(`a${i}`)), insert('a3')];
      const flushedFirst = writer.flush();
      const second = Array.from({ length: 10 }, (_, i) => insert(`b${i}`));
      const flushedSecond = writer.flush();
      const results = await Promise.allSettled([...first, ...second]);
      await Promise.all([flushedFirst, flushedSecond]);
      expect(seen).toEqual(['sent', 'sent', 'back', 'back']);
      expect(results.map((r) => r.status)).toEqual([...Array.from({ length: 10 }, () => 'fulfilled'), 'rejected', ...Array.from({ length: 10 }, () => 'fulfilled')]);
      expect((results[10] as PromiseRejectedResult).reason).toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
      const order = (await database.client.execute('SELECT tag FROM seqlog ORDER BY n')).rows.map((r) => r.tag);
      expect(order).toEqual([...Array.from({ length: 10 }, (_, i) => `a${i}`), ...Array.from({ length: 10 }, (_, i) => `b${i}`)]);
      await writer.close();
    }));

  it('the writer thread commits the batches that wait for it in one transaction, each answered with its own jobs', () =>
    withExecutors(async ({ database, file, thread }) => {
      await database.client.execute('CREATE TABLE tally (k TEXT NOT NULL, n INTEGER NOT NULL, hits INTEGER NOT NULL DEFAULT 0, points REAL NOT NULL DEFAULT 0, PRIMARY KEY (k, n))');
      await database.client.execute('CREATE TABLE gate (id TEXT PRIMARY KEY, open INTEGER NOT NULL)');
      await database.client.execute("INSERT INTO gate (id, open) VALUES ('g', 1)");
      await thread.ready;
      const hits = new Counters('tally', ['k', 'n'], ['hits', 'points']);
      const onlyHits = new Counters('tally', ['k', 'n'], ['hits']);
      const closed: WriteStatement = { sql: "UPDATE gate SET open = 0 WHERE id = 'g' AND open = 2", args: [], guard: true };
      const log = (tag: string): WriteStatement => ({ sql: "INSERT INTO gate (id, open) VALUES (?, 1)", args: [tag] });
      // The thread is kept waiting for the file's write lock while three batches reach it.
      const look = openNativeDatabase(file);
      look.exec('BEGIN IMMEDIATE');
      const first = thread.commit(encodeBatch([{ statements: [log('one')], increments: [hits.add(['a', 1], [1, 0.5])] }]));
      const second = thread.commit(
        encodeBatch([
          { statements: [closed], increments: [hits.add(['a', 1], [1000, 1000])] }, // refused, and its increments with it
          { statements: [log('two')], increments: [onlyHits.add(['a', 1], [2]), hits.add(['b', 7], [1, 1])] },
        ]),
      );
      const third = thread.commit(encodeBatch([{ statements: [log('three')], increments: [hits.add(['b', 7], [1, 2]), hits.add(['a', 1], [1, 0.25])], chain: 'c' }]));
      look.exec('COMMIT');
      look.close();
      const [r1, r2, r3] = await Promise.all([first, second, third]);
      expect(r1.refused).toEqual([null]);
      expect(r2.refused[0]).toBeInstanceOf(GuardError);
      expect(r2.refused[1]).toBeNull();
      expect(r3.refused).toEqual([null]);
      // The third arrived while the thread waited: it shares the next commit with the second.
      expect(r3.joined).toBe(true);
      const rows = (await database.client.execute('SELECT k, n, hits, points FROM tally ORDER BY k, n')).rows.map((r) => [r.k, Number(r.n), Number(r.hits), Number(r.points)]);
      expect(rows).toEqual([
        ['a', 1, 4, 0.75],
        ['b', 7, 2, 3],
      ]);
      const gates = (await database.client.execute('SELECT id FROM gate ORDER BY id')).rows.map((r) => r.id);
      expect(gates).toEqual(['g', 'one', 'three', 'two']);
    }));

  it('a guard that changes no row refuses its own job only, with every executor, and the rest share one commit', () =>
    withExecutors(async ({ dir, file, database, native, thread }) => {
      await migrateDatabase(database, migrationsDir);
      await database.client.execute("INSERT INTO meta (key, value, updated_at) VALUES ('open', 'yes', 0)");
      for (const [name, target] of [['client', database.client], ['native', native], ['thread', thread]] as const) {
        const writer = new Writer(target, 10);
        const claim = (tag: string) =>
          writer.write(
            [
              { sql: "UPDATE meta SET value = ? WHERE key = 'open' AND value = 'yes'", args: [tag], guard: true },
              { sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: [`${name}-${tag}`, 'v'] },
            ],
            [],
          );
        const others = Array.from({ length: 20 }, (_, i) => writer.write([{ sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: [`${name}-other${i}`, 'v'] }]));
        const results = await Promise.allSettled([claim('first'), claim('second'), ...others]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', ...others.map(() => 'fulfilled')]);
        expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(GuardError);
        // The refused job wrote nothing; the first claim and all the others committed together.
        const rows = await database.client.execute({ sql: 'SELECT key FROM meta WHERE key LIKE ? ORDER BY key', args: [`${name}-%`] });
        expect(rows.rows.map((r) => r.key)).toContain(`${name}-first`);
        expect(rows.rows.map((r) => r.key)).not.toContain(`${name}-second`);
        expect(rows.rows).toHaveLength(21);
        expect(writer.stats.commits).toBe(1);
        await writer.close();
        await database.client.execute("UPDATE meta SET value = 'yes' WHERE key = 'open'");
      }
      // A constraint violation in the writer thread comes back as the error SQLite gave, and the
      // thread carries on; once closed, it refuses work instead of dropping it.
      const again = await thread.commit(batchOf([{ sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: ['thread-other0', 'again'] }]));
      expect(again.refused[0]).toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
      expect(await thread.commit(batchOf([]))).toEqual({ count: 0, refused: [null] });
      // A finished commit can be taken in between two requests, before the event loop gets to its message.
      const polled = new Writer(thread, 60_000);
      let acknowledged = false;
      void polled.write([{ sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: ['thread-polled', 'v'] }]).then(() => (acknowledged = true));
      void polled.flush(); // hands the batch to the thread now
      const microtasks = async () => {
        for (let i = 0; i < 50; i++) await Promise.resolve();
      };
      // Block this event loop until the thread has committed (seen through a connection of our own).
      const look = openNativeDatabase(file);
      const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      for (let waited = 0; look.prepare("SELECT 1 FROM meta WHERE key = 'thread-polled'").all().length === 0 && waited < 10_000; waited += 10) sleep(10);
      look.close();
      sleep(50); // its reply is posted right after the commit
      await microtasks();
      expect(acknowledged).toBe(false); // the reply waits for the event loop...
      polled.poll();
      await microtasks();
      expect(acknowledged).toBe(true); // ...unless polled
      await thread.close();
      await expect(thread.commit(batchOf([{ sql: 'INSERT INTO meta (key, value) VALUES (?, ?)', args: ['late', 'v'] }]))).rejects.toThrow(/writer thread/);
      // A thread that cannot open its file says so before anyone writes.
      const broken = writerThread(path.join(dir, 'missing-folder', 'x.db'));
      await expect(broken.ready).rejects.toThrow();
      await expect(broken.commit(batchOf([]))).rejects.toThrow();
      // ...and a thread that ends other than by close() is reported as dead (the server then exits).
      expect(await broken.died).toBeInstanceOf(Error);
      expect(await Promise.race([thread.died.then(() => 'died'), new Promise((r) => setTimeout(() => r('closed'), 100))])).toBe('closed');
    }));
});
