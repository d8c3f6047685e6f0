import { createSignal, onCleanup } from 'solid-js';
import type { ClientCommand, ContestJoin, ContestJoined } from '../../../shared/protocol/contest-protocol';
import { audienceView } from '../../../shared/contest/audience-view';
import type { ContestView, MemberView, PublicView } from '../../../shared/contest/views';
import type { AppError } from '../../../shared/protocol/result';
import { bestClockOffset, type ClockSample } from '../../../shared/protocol/clock';
import { setClockOffset } from '../lib/clock';
import { connect, type AppSocket } from '../lib/socket';

export type { ContestView };

/**
 * A live-contest connection for one page: joins with the given identity (and again after every
 * reconnect, so a reload or a dropped network lands in the same state), keeps the latest view in a
 * signal, keeps the clock in step with the server's (ping round trips), and sends commands.
 */
export function useContest(join: () => ContestJoin, opts: { onJoined?: (j: ContestJoined) => void } = {}) {
  const [view, setView] = createSignal<ContestView | null>(null);
  const [joined, setJoined] = createSignal<ContestJoined | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [connected, setConnected] = createSignal(false);
  let pub: PublicView | null = null;
  let me: MemberView | null = null;

  const socket: AppSocket = connect((s) => {
    setConnected(true);
    void syncClockBySocket(s);
    s.emit('contest:join', join(), (r) => {
      if (!r.ok) return setError(r.error);
      setError(null);
      setJoined(r.data);
      if (r.data.view.role === 'audience') {
        me = r.data.view.me;
        pub = r.data.view;
      }
      setView(r.data.view);
      opts.onJoined?.(r.data);
    });
  });
  socket.on('disconnect', () => setConnected(false));
  socket.on('contest:view', (v) => setView(v));
  socket.on('contest:public', (p) => {
    pub = p;
    if (me) setView(audienceView(p, me));
  });
  socket.on('contest:me', (m) => {
    me = m;
    if (pub) setView(audienceView(pub, m));
  });
  onCleanup(() => socket.close());

  /** Sends a command; resolves with null on success or the (localized) error. */
  const send = (command: ClientCommand): Promise<AppError | null> =>
    new Promise((resolve) => {
      if (!socket.connected) return resolve({ code: 'network/failed', message: '' });
      socket.timeout(10_000).emit('contest:command', { command }, (err: Error | null, r) => {
        if (err) return resolve({ code: 'network/failed', message: '' });
        if (!r.ok) return resolve(r.error);
        if (r.data.view && r.data.view.role !== 'audience') setView(r.data.view);
        resolve(null);
      });
    });

  return { view, joined, error, connected, send, socket };
}

/** Estimates the clock offset from a few ping round trips (the fastest is kept: see bestClockOffset). */
async function syncClockBySocket(socket: AppSocket) {
  const samples: ClockSample[] = [];
  for (let i = 0; i < 5; i++) {
    const sent = Date.now();
    const r = await new Promise<{ ok: boolean; data?: { serverTime: number } } | null>((resolve) => socket.timeout(3000).emit('clock:ping', { clientTime: sent }, (err: Error | null, res) => resolve(err ? null : res)));
    if (r?.ok && r.data) samples.push({ sent, serverTime: r.data.serverTime, received: Date.now() });
  }
  const offset = bestClockOffset(samples);
  if (offset !== null) setClockOffset(offset);
}
