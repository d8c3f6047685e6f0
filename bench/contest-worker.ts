/**
 * A load-generator process for `bench:contest`: holds its share of audience sockets, reports when a
 * broadcast reaches each of them, and answers on command. Driven over IPC by bench/contest.ts.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.js';
import { RECONNECT } from '../client/src/lib/reconnect.js';

type Msg =
  | { cmd: 'connect'; url: string; pin: string; count: number; offset: number; counties: string[]; localAddress?: string; reconnect?: boolean }
  | { cmd: 'recovered'; since: number; timeoutMs: number }
  | { cmd: 'watch'; phaseId: number }
  | { cmd: 'answer'; options: number[]; spreadMs: number }
  | { cmd: 'count' }
  | { cmd: 'churn'; fraction: number }
  | { cmd: 'stop' };

const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
/** Audience token per socket, to come back as the same member after a reconnect. */
const tokens = new Map<Socket, string>();
let target: { url: string; pin: string; localAddress?: string } | null = null;
let watching: { phaseId: number; seen: number[] } | null = null;
const send = (m: unknown) => process.send!(m);

/**
 * `reconnect` (bench:recovery): sockets reconnect as the pages do (the client's own backoff policy) and re-join
 * with their token after every reconnect; when each (re)connected and re-joined is kept for the report.
 */
const recovery = { connects: [] as number[], attempts: [] as number[], rejoined: new Map<Socket, number>(), failed: 0 };
function rejoinOnReconnect(socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
  socket.io.on('reconnect_attempt', () => recovery.attempts.push(Date.now()));
  socket.on('connect', () => {
    const token = tokens.get(socket);
    // The first connect joins as a new member (below); a reconnect comes back as that member.
    if (!token || !target) return;
    recovery.connects.push(Date.now());
    socket.emit('contest:join', { pin: target.pin, role: 'audience', token }, (r) => {
      if (r.ok) recovery.rejoined.set(socket, Date.now());
      else recovery.failed++;
    });
  });
}

process.on('message', async (m: Msg) => {
  if (m.cmd === 'connect') {
    target = { url: m.url, pin: m.pin, ...(m.localAddress ? { localAddress: m.localAddress } : {}) };
    const started = Date.now();
    let done = 0;
    let failed = 0;
    const joinTimes: number[] = [];
    await new Promise<void>((resolve) => {
      let inFlight = 0;
      let next = 0;
      const pump = () => {
        while (inFlight < 200 && next < m.count) {
          const i = next++;
          inFlight++;
          const t0 = Date.now();
          const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(m.url, {
            transports: ['websocket'],
            ...(m.reconnect ? { ...RECONNECT, reconnection: true } : { reconnection: false }),
            forceNew: true,
            ...(m.localAddress ? { localAddress: m.localAddress } : {}),
          } as never);
          sockets.push(socket);
          if (m.reconnect) rejoinOnReconnect(socket);
          socket.on('contest:public', (v) => {
            if (watching && v.phaseId === watching.phaseId) watching.seen.push(Date.now());
          });
          socket.once('connect', () => {
            socket.emit('contest:join', { pin: m.pin, role: 'audience', nickname: `观众${m.offset + i}`, county: m.counties[(m.offset + i) % m.counties.length] }, (r) => {
              if (r.ok) {
                joinTimes.push(Date.now() - t0);
                if (r.data.token) tokens.set(socket, r.data.token);
              } else failed++;
              inFlight--;
              done++;
              if (done === m.count) resolve();
              else pump();
            });
          });
          socket.once('connect_error', () => {
            failed++;
            inFlight--;
            done++;
            if (done === m.count) resolve();
            else pump();
          });
        }
      };
      pump();
    });
    send({ type: 'connected', ms: Date.now() - started, failed, joinTimes });
  } else if (m.cmd === 'watch') {
    watching = { phaseId: m.phaseId, seen: [] };
    const expected = sockets.filter((s) => s.connected).length;
    const check = setInterval(() => {
      if (watching && watching.seen.length >= expected) {
        clearInterval(check);
        send({ type: 'seen', times: watching.seen, expected });
        watching = null;
      }
    }, 20);
    setTimeout(() => {
      clearInterval(check);
      if (watching) send({ type: 'seen', times: watching.seen, expected });
      watching = null;
    }, 20_000);
  } else if (m.cmd === 'answer') {
    const latencies: number[] = [];
    let failed = 0;
    await Promise.all(
      sockets
        .filter((s) => s.connected)
        .map(
          (s, i, all) =>
            new Promise<void>((resolve) => setTimeout(resolve, (m.spreadMs * i) / all.length)).then(() => new Promise<void>((resolve) => {
              const t0 = performance.now();
              s.emit('contest:command', { command: { type: 'audience:answer', options: m.options } }, (r) => {
                if (r.ok) latencies.push(performance.now() - t0);
                else failed++;
                resolve();
              });
            })),
        ),
    );
    send({ type: 'answered', latencies, failed });
  } else if (m.cmd === 'churn') {
    // Phones drop off and come back (a tunnel, a lock screen): the same member re-joins with its token.
    let rejoined = 0;
    let failed = 0;
    const picked = sockets.filter(() => Math.random() < m.fraction);
    await Promise.all(
      picked.map(async (old) => {
        const token = tokens.get(old);
        old.disconnect();
        tokens.delete(old);
        sockets.splice(sockets.indexOf(old), 1);
        const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(target!.url, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          ...(target!.localAddress ? { localAddress: target!.localAddress } : {}),
        } as never);
        sockets.push(socket);
        socket.on('contest:public', (v) => {
          if (watching && v.phaseId === watching.phaseId) watching.seen.push(Date.now());
        });
        await new Promise<void>((resolve) => {
          socket.once('connect', () =>
            socket.emit('contest:join', { pin: target!.pin, role: 'audience', token }, (r) => {
              if (r.ok) {
                rejoined++;
                tokens.set(socket, token!);
              } else failed++;
              resolve();
            }),
          );
          socket.once('connect_error', () => (failed++, resolve()));
        });
      }),
    );
    send({ type: 'churned', rejoined, failed });
  } else if (m.cmd === 'recovered') {
    // Waits until every member socket re-joined after `since` (or the time limit), then reports the times.
    const members = sockets.filter((s) => tokens.has(s));
    const back = () => members.filter((s) => (recovery.rejoined.get(s) ?? 0) >= m.since);
    const until = Date.now() + m.timeoutMs;
    while (back().length < members.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const rejoins = back().map((s) => recovery.rejoined.get(s)!);
    send({ type: 'recovered', rejoins, missing: members.length - rejoins.length, failed: recovery.failed, connects: recovery.connects.filter((t) => t >= m.since), attempts: recovery.attempts.filter((t) => t >= m.since) });
  } else if (m.cmd === 'count') {
    send({ type: 'count', connected: sockets.filter((s) => s.connected).length });
  } else if (m.cmd === 'stop') {
    for (const s of sockets) s.disconnect();
    process.exit(0);
  }
});
send({ type: 'ready' });
