import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { redisAvailable, REDIS_URL } from '../helpers/env';
import { connectSocket, startTestServer, type TestServer } from '../helpers/server';

const available = await redisAvailable();

describe.skipIf(!available)('scale-out: two processes share realtime traffic through Redis Streams', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    // A stream of its own per run, so parallel runs and leftovers never cross.
    const env = { REDIS_URL, REDIS_STREAM: `hq-test:${randomUUID()}` };
    a = await startTestServer(env);
    b = await startTestServer(env);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it('a broadcast from one server reaches a socket connected to the other', async () => {
    const onA = await connectSocket(a.url);
    const onB = await connectSocket(b.url);
    try {
      // The adapter learns about its peers asynchronously: poll until A can see B's socket.
      await expect.poll(async () => (await a.io.fetchSockets()).length).toBe(2);
      const received = new Promise<number>((resolve) => onB.socket.once('server:hello', (h) => resolve(h.serverTime)));
      a.io.emit('server:hello', { version: 'broadcast', serverTime: 12345 });
      expect(await received).toBe(12345);
    } finally {
      onA.socket.disconnect();
      onB.socket.disconnect();
    }
  });

  it('with Redis, only websocket transport is offered (no sticky sessions needed)', async () => {
    const res = await fetch(`${a.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(400);
  });
});
