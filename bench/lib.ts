import { buildServer } from '../scripts/build-server.js';
import { startServerProcess as start } from '../tests/helpers/process.js';

// The benchmarks drive the same real server process the tests use, built from the current sources first.
export { fmt, percentile, type ServerProcess } from '../tests/helpers/process.js';
let built: Promise<void> | null = null;
export async function startServerProcess(...args: Parameters<typeof start>) {
  await (built ??= buildServer());
  return start(...args);
}

/**
 * Runs this benchmark once per mode (a fresh server and database each, `key=<mode>` in the environment of a child
 * run of the same script), in this one command, echoing each run, then prints the lines matching `figures` side by
 * side, mode by mode: the comparison is made on the same machine within minutes.
 */
export async function sideBySide(key: string, label: string, modes: string[], figures: RegExp): Promise<never> {
  const { spawn } = await import('node:child_process');
  const kept = new Map<string, string[]>();
  for (const mode of modes) {
    console.log(`\n=== ${label}=${mode} ===`);
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
    kept.set(mode, lines);
  }
  console.log('\n=== side by side ===');
  const [first] = kept.values();
  first!.forEach((_, i) => {
    for (const mode of modes) console.log(`${mode.padEnd(6)} ${kept.get(mode)![i] ?? ''}`);
    console.log('');
  });
  process.exit(0);
}
