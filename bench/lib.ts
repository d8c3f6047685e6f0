import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { buildServer } from '../scripts/build-server.js';
import { startServerProcess as start } from '../tests/helpers/process.js';

// The benchmarks drive the same real server process the tests use, built from the current sources first.
import { fmt } from '../tests/helpers/process.js';
export { fmt, percentile, type ServerProcess } from '../tests/helpers/process.js';
let built: Promise<void> | null = null;
export async function startServerProcess(...args: Parameters<typeof start>) {
  await (built ??= buildServer());
  return start(...args);
}

/** A figure to sum up across the rounds of a side-by-side run: its name, and the number to take from a matching line. */
export interface Summed {
  name: string;
  /** Matches one figure line; its first group is the number (commas allowed). */
  pattern: RegExp;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Runs this benchmark once per mode (a fresh server and database each, `key=<mode>` in the environment of a child
 * run of the same script), in this one command, echoing each run, then prints the lines matching `figures` side by
 * side, mode by mode: the comparison is made on the same machine within minutes. `BENCH_ROUNDS=n` (default 1)
 * repeats that n times, the order of the modes reversed every other round (A B, B A, A B…) so that a machine
 * getting busier or quieter during the command weighs on every mode alike; each `summed` figure is then printed
 * per round and as its median per mode, with the ratio of each mode's median to the first mode's.
 */
export async function sideBySide(key: string, label: string, modes: string[], figures: RegExp, summed: Summed[] = []): Promise<never> {
  const { spawn } = await import('node:child_process');
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
  const kept = new Map<string, string[][]>(modes.map((m) => [m, []])); // mode → per round its figure lines
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 ? [...modes].reverse() : modes) {
      console.log(`\n=== ${label}=${mode}${rounds > 1 ? ` (round ${round + 1} of ${rounds})` : ''}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} ===`);
      const lines: string[] = [];
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!], { env: { ...process.env, [key]: mode }, stdio: ['ignore', 'pipe', 'inherit'] });
      let rest = '';
      child.stdout.on('data', (chunk: Buffer) => {
        process.stdout.write(chunk);
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop()!;
        lines.push(...parts.filter((l) => figures.test(l)));
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`the ${mode} run exited with ${code}`);
      kept.get(mode)!.push(lines);
    }
  }
  console.log('\n=== side by side ===');
  const width = Math.max(...modes.map((m) => m.length)) + (rounds > 1 ? 4 : 1);
  kept.get(modes[0]!)![0]!.forEach((_, i) => {
    for (let round = 0; round < rounds; round++) for (const mode of modes) console.log(`${(rounds > 1 ? `${mode} #${round + 1}` : mode).padEnd(width)} ${kept.get(mode)![round]![i] ?? ''}`);
    console.log('');
  });
  for (const { name, pattern } of summed) {
    const values = new Map(modes.map((mode) => [mode, kept.get(mode)!.map((lines) => Number(lines.map((l) => pattern.exec(l)?.[1]).find((v) => v !== undefined)?.replace(/,/g, '') ?? NaN))]));
    const reference = median(values.get(modes[0]!)!);
    for (const mode of modes) {
      const m = median(values.get(mode)!);
      console.log(`${name}, ${mode}: ${values.get(mode)!.map((v) => fmt(v, 0)).join(', ')}; median ${fmt(m, 0)}${mode === modes[0] ? '' : ` (${fmt(m / reference, 3)} × ${modes[0]})`}`);
    }
  }
  process.exit(0);
}

/** Sends a load-generator worker a message and resolves with its first reply of `type`. */
export function ask(worker: ChildProcess, msg: Record<string, unknown>, type: string): Promise<any> {
  return new Promise((resolve) => {
    const on = (m: any) => {
      if (m.type === type) {
        worker.off('message', on);
        resolve(m);
      }
    };
    worker.on('message', on);
    worker.send(msg);
  });
}
