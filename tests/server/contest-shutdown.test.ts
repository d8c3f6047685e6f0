import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { device, type Device } from '../helpers/contest-sockets';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer | null = null;
const devices: Device[] = [];
afterEach(async () => {
  for (const d of devices.splice(0)) d.socket.disconnect();
  await server?.stop();
  server = null;
});

it('one process shuts down with a live contest and an audience without logging an error', async () => {
  const lines: { level: number; msg?: string; err?: { message?: string } }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
  server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, {}, { logger });
  const { staff, detail } = await setUpContest(server);
  const host = device(server.url, () => ({ pin: detail.pin, role: 'host' }), { cookie: staff.cookie });
  const phone = device(server.url, () => ({ pin: detail.pin, role: 'audience', nickname: '观众甲', county: '131002' }));
  devices.push(host, phone);
  await expect.poll(() => devices.every((d) => d.state.joins === 1), { timeout: 10_000 }).toBe(true);
  expect(await host.send({ type: 'contest:start' })).toMatchObject({ ok: true });
  expect(await host.send({ type: 'question:open' })).toMatchObject({ ok: true });

  await server.stop();
  server = null;
  // Without Redis there is no shared tally: stopping must not try to send to or read one.
  expect(lines.filter((l) => l.level >= 50).map((l) => `${l.msg}: ${l.err?.message ?? ''}`)).toEqual([]);
});
