import net from 'node:net';

/**
 * A TCP front for tests, as nginx with backup servers would stand before several processes: each new
 * connection goes to the first backend that accepts it, so devices stay on their preferred process
 * while it lives and reconnect to a survivor once it is killed. Returns its URL and a close function.
 */
export async function startFailover(backends: number[]): Promise<{ url: string; close(): Promise<void> }> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    const tryBackend = (tries: number) => {
      if (tries >= backends.length) return void client.destroy();
      const port = backends[tries]!;
      const upstream = net.connect({ host: '127.0.0.1', port });
      upstream.once('connect', () => {
        open.add(upstream);
        upstream.on('close', () => open.delete(upstream));
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      upstream.once('error', () => {
        if (upstream.connecting || !open.has(upstream)) tryBackend(tries + 1);
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
