import WebSocket from 'ws';

/**
 * Live heap of a running Node process, in MB, after a forced full garbage collection: opens the
 * process's inspector (SIGUSR1, Node's standard way; it listens on 127.0.0.1:`port`) and asks it over
 * the DevTools protocol. RSS alone mixes live data with garbage V8 has not collected yet; this is
 * what the process really holds. Benchmarks only.
 */
export async function liveHeapMb(pid: number, port = 9229): Promise<{ heapUsed: number; rss: number }> {
  process.kill(pid, 'SIGUSR1');
  let target: { webSocketDebuggerUrl: string } | undefined;
  for (let i = 0; i < 50 && !target; i++) {
    try {
      target = ((await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[])[0];
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!target) throw new Error(`no inspector on port ${port}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<any>((resolve) => {
      const mine = ++id;
      const on = (data: WebSocket.RawData) => {
        const m = JSON.parse(String(data)) as { id?: number; result?: unknown };
        if (m.id !== mine) return;
        ws.off('message', on);
        resolve(m.result);
      };
      ws.on('message', on);
      ws.send(JSON.stringify({ id: mine, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = JSON.parse((await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())' })).result.value as string) as { heapUsed: number; rss: number };
    return { heapUsed: usage.heapUsed / 1048576, rss: usage.rss / 1048576 };
  } finally {
    ws.close();
  }
}
