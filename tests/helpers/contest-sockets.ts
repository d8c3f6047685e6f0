import { io as connect } from 'socket.io-client';
import type { ClientCommand, ContestJoin, ContestJoined } from '../../shared/protocol/contest-protocol';

export type { ClientCommand };
import type { ContestView, MemberView, PublicView } from '../../shared/contest/views';
import type { Result } from '../../shared/protocol/result';
import type { ClientSocket } from './server';

/** A contest client for tests: a real socket.io-client socket that joined, with its latest pushes. */
export interface ContestClient {
  socket: ClientSocket;
  joined: ContestJoined;
  latest: { view: ContestView | null; pub: PublicView | null; me: MemberView | null };
  send(command: ClientCommand): Promise<Result<{ view: ContestView | null }>>;
  /** Resolves when a pushed view satisfies the predicate (the latest one counts too). */
  waitFor(pred: (v: ContestView | PublicView) => boolean, timeoutMs?: number): Promise<ContestView | PublicView>;
  close(): void;
}

export async function joinContest(url: string, join: ContestJoin, headers: Record<string, string> = {}): Promise<ContestClient> {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const latest: ContestClient['latest'] = { view: null, pub: null, me: null };
  const waiters: { pred: (v: ContestView | PublicView) => boolean; resolve: (v: ContestView | PublicView) => void }[] = [];
  const offer = (v: ContestView | PublicView) => {
    for (const w of [...waiters]) if (w.pred(v)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(v);
    }
  };
  socket.on('contest:view', (v) => {
    latest.view = v;
    offer(v);
  });
  socket.on('contest:public', (p) => {
    latest.pub = p;
    offer(p);
  });
  socket.on('contest:me', (m) => {
    latest.me = m;
  });
  const r = await socket.emitWithAck('contest:join', join);
  if (!r.ok) {
    socket.disconnect();
    throw Object.assign(new Error(`join failed: ${r.error.code}`), { error: r.error });
  }
  latest.view = r.data.view;
  return {
    socket,
    joined: r.data,
    latest,
    send: (command) => socket.emitWithAck('contest:command', { command }),
    waitFor: (pred, timeoutMs = 5000) => {
      // An audience socket's newest state is the last public broadcast, once there is one.
      const current = (r.data.role === 'audience' ? latest.pub : null) ?? latest.view;
      if (current && pred(current)) return Promise.resolve(current);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a view')), timeoutMs);
        waiters.push({ pred, resolve: (v) => (clearTimeout(timer), resolve(v)) });
      });
    },
    close: () => socket.disconnect(),
  };
}

/**
 * A device as the pages behave: it reconnects on its own and re-joins after every connect (with the
 * token it was given, once it has one), keeping the latest view it was sent.
 */
export function device(url: string, join: () => ContestJoin, headers: Record<string, string> = {}) {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300, forceNew: true, extraHeaders: headers });
  // `phase` is the latest phase heard, from a whole view (staff, teams) or the public broadcast (audience).
  const state = { joins: 0, view: null as ContestView | null, joined: null as ContestJoined | null, me: null as MemberView | null, phase: null as string | null };
  socket.on('connect', () => {
    socket.emit('contest:join', join(), (r) => {
      if (!r.ok) return;
      state.joins++;
      state.joined = r.data;
      state.view = r.data.view;
      state.phase = r.data.view.phase;
    });
  });
  socket.on('contest:view', (v) => ((state.view = v), (state.phase = v.phase)));
  socket.on('contest:public', (p) => (state.phase = p.phase));
  socket.on('contest:me', (m) => (state.me = m));
  return { socket, state, send: (command: ClientCommand) => socket.emitWithAck('contest:command', { command }) };
}

export type Device = ReturnType<typeof device>;
