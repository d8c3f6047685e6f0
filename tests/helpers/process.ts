import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerProcess {
  url: string;
  port: number;
  dir: string;
  child: ChildProcess;
  /** The message the process announced itself with (the cluster primary adds its workers' pids). */
  ready: { type: 'listening'; port: number; workers?: number[] };
  /** Resident set size of the server process in MB, from /proc. */
  rssMb(): number;
  /** CPU time (user + system) the server has used so far, in ms, from /proc (10 ms resolution); all workers of a cluster. */
  cpuMs(): number;
  /** The same for the event-loop thread alone (of each worker of a cluster). */
  eventLoopCpuMs(): number;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown, no flush — a crash. */
  kill(): Promise<void>;
}

/** Server processes still running: killed if this process exits without stopping them (a crashed run). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts the real server as its own process, as `npm start` does: the build of `scripts/build-server.ts`
 * (which the test setup and the benchmarks run first; the client build is not needed), with its flags. Pass
 * `dir` and `port` to restart a killed server on the same database file and address, `entry` to
 * start the cluster primary instead (`start:cluster`).
 */
export async function startServerProcess(env: Record<string, string> = {}, reuse: { dir?: string; port?: number; entry?: 'main' | 'cluster' } = {}): Promise<ServerProcess> {
  const dir = reuse.dir ?? mkdtempSync(path.join(os.tmpdir(), 'hq-proc-'));
  // Port 0 lets the server pick: a port probed free here could be taken by a parallel test before the
  // child binds it, and the health check would then reach someone else's server. The child reports
  // the port it bound over IPC. A restart asks for its old port back.
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), '--max-semi-space-size=32', '--enable-source-maps', `dist/${reuse.entry ?? 'main'}.mjs`], {
    env: { ...process.env, PORT: String(reuse.port ?? 0), HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'bench.db')}`, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const ready = await new Promise<ServerProcess['ready']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 30 s')), 30_000);
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type === 'listening' && m.port) {
        clearTimeout(timer);
        resolve(m as ServerProcess['ready']);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening`));
    });
  });
  const { port } = ready;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    dir,
    child,
    ready,
    rssMb: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8') as string;
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        return 0;
      }
    },
    // A cluster's primary does little: count its workers instead.
    cpuMs: () => (ready.workers ?? [child.pid!]).reduce((sum, pid) => sum + cpuMsOf(pid), 0),
    eventLoopCpuMs: () => (ready.workers ?? [child.pid!]).reduce((sum, pid) => sum + cpuMsOf(pid, pid), 0),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (10 ms resolution); 0 once it is gone. */
export function cpuMsOf(pid: number, thread?: number): number {
  try {
    // Fields after the command name (which is in parentheses): utime and stime are the 12th and 13th, in 1/100 s.
    const fields = (readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8') as string).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Percentile of a sorted array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
