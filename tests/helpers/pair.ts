import { startFailover } from './balancer';
import { startServerProcess, type ServerProcess } from './process';

export interface ServerPair {
  /** The first process; `b` runs on its database file (one deployment, two processes). */
  a: ServerProcess;
  b: ServerProcess;
  procs: [ServerProcess, ServerProcess];
  /** Fronts that prefer `a` (resp. `b`) and fall back to the other, as a load balancer does once a backend stops answering. */
  viaA: { url: string };
  viaB: { url: string };
  /** Closes the fronts, then stops whichever process still runs. */
  stop(): Promise<void>;
}

/**
 * Two server processes on one database with the same `env` (a Redis-backed deployment: pass `REDIS_URL` and
 * a `REDIS_STREAM` of the test's own), and a failover front before each. If any part fails to start, what
 * did start is stopped before the error is thrown.
 */
export async function startPair(env: Record<string, string>): Promise<ServerPair> {
  const started: ServerProcess[] = [];
  const fronts: { close(): Promise<void> }[] = [];
  const stop = async () => {
    for (const f of fronts) await f.close();
    for (const p of started) await p.stop();
  };
  try {
    const a = await startServerProcess(env);
    started.push(a);
    const b = await startServerProcess(env, { dir: a.dir });
    started.push(b);
    const viaA = await startFailover([a.port, b.port]);
    fronts.push(viaA);
    const viaB = await startFailover([b.port, a.port]);
    fronts.push(viaB);
    return { a, b, procs: [a, b], viaA, viaB, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
