/**
 * Run under strace by tests/server/durability.test.ts: commits `groups` group commits of `perGroup` jobs
 * each through the product's writer (its thread and native connection, as the server runs them) and prints
 * what it committed as JSON. Usage: tsx fsync-probe.ts <file> <full|normal> <groups> <perGroup>
 */
import { openDatabase } from '../../server/db/client';
import type { SyncMode } from '../../server/db/native';
import { writerThread, Writer } from '../../server/db/writer';

const [file, sync, groups, perGroup] = process.argv.slice(2) as [string, SyncMode, string, string];
const database = await openDatabase(`file:${file}`, undefined, { sync });
await database.client.execute('CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY, v TEXT)');
const thread = writerThread(file, sync);
await thread.ready;
// A window far longer than the test: each group commits when the loop below flushes it, and only then.
const writer = new Writer(thread, 60_000);
let acknowledged = 0;
for (let g = 0; g < Number(groups); g++) {
  const jobs = Array.from({ length: Number(perGroup) }, (_, j) =>
    writer.write([{ sql: 'INSERT INTO answers (v) VALUES (?)', args: [`${g}:${j}`] }]).then(() => void acknowledged++),
  );
  await writer.flush();
  await Promise.all(jobs);
}
const commits = writer.stats.commits;
await writer.close();
await thread.close();
database.close();
console.log(JSON.stringify({ commits, acknowledged }));
