import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/server';

const STRACE = '/usr/bin/strace';

/**
 * Counts the syncs of the WAL file behind each acknowledged group commit, with strace around a process
 * running the product's writer (thread and native connection). Acknowledged must mean synced: a power
 * cut after the acknowledgement loses nothing. And one sync per group, not per write: group commit is
 * what makes that affordable.
 */
function walSyncs(sync: 'full' | 'normal', groups: number, perGroup: number) {
  const dir = tempDir('hq-fsync-');
  const file = path.join(dir, 'app.db');
  const trace = path.join(dir, 'strace.txt');
  const run = spawnSync(
    STRACE,
    ['-f', '-y', '-e', 'trace=fsync,fdatasync', '-o', trace, process.execPath, '--import', 'tsx', path.resolve('tests/helpers/fsync-probe.ts'), file, sync, String(groups), String(perGroup)],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`probe failed (${run.status}): ${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { commits: number; acknowledged: number };
  const syncs = readFileSync(trace, 'utf8')
    .split('\n')
    .filter((line) => /\b(fsync|fdatasync)\(\d+<[^>]*app\.db-wal>\)\s*=\s*0/.test(line)).length;
  return { ...result, syncs };
}

describe.skipIf(!existsSync(STRACE))('durability: acknowledged only after the group commit is synced', () => {
  it('synchronous=FULL syncs the WAL once per acknowledged group commit, not once per write', () => {
    const groups = 30;
    const perGroup = 20;
    const full = walSyncs('full', groups, perGroup);
    expect(full.acknowledged).toBe(groups * perGroup);
    expect(full.commits).toBe(groups);
    // At least one sync of the WAL behind every acknowledged group...
    expect(full.syncs).toBeGreaterThanOrEqual(full.commits);
    // ...and about one: far fewer than one per write (checkpoints add a few).
    expect(full.syncs).toBeLessThan(full.commits * 2);
    console.log(`synchronous=FULL: ${full.syncs} WAL syncs for ${full.commits} acknowledged group commits of ${perGroup} writes`);
  }, 120_000);

  it('synchronous=NORMAL (DATABASE_SYNC=normal) leaves acknowledged groups unsynced, as the setting documents', () => {
    const normal = walSyncs('normal', 30, 20);
    expect(normal.commits).toBe(30);
    expect(normal.syncs).toBeLessThan(normal.commits);
    console.log(`synchronous=NORMAL: ${normal.syncs} WAL syncs for ${normal.commits} acknowledged group commits`);
  }, 120_000);
});
