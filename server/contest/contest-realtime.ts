import { randomBytes } from 'node:crypto';
import { parse as parseCookies } from 'hono/utils/cookie';
import { contestCommandEnvelope, contestJoinSchema, type ContestJoined } from '../../shared/protocol/contest-protocol.js';
import { memberView, publicView, viewFor, type Actor, type ContestEvent, type ContestState, type DeviceStatus } from '../../shared/contest/index.js';
import { errorMessage, isErrorCode, type ErrorCode, type Locale } from '../../shared/i18n/messages.js';
import type { AppError } from '../../shared/protocol/result.js';
import { parseInput } from '../../shared/protocol/validate.js';
import { readSession, SESSION_COOKIE } from '../auth/auth.js';
import { allows } from '../auth/scope.js';
import type { ContestRuntime, ContestService } from './contests.js';
import type { Db } from '../db/client.js';
import type { Io } from '../coordination/realtime.js';
import { limiter, RateLimiter } from '../http/rate-limit.js';
import { storageFailure } from '../db/health.js';

const room = (contestId: string, part: 'staff' | 'audience') => `contest:${contestId}:${part}`;

/** Whether a browser's Origin is the site the socket connected to (the Host, or the proxy's forwarded host). */
function sameSite(origin: string, headers: Record<string, string | string[] | undefined>): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  return [first(headers['x-forwarded-host']), first(headers.host)].some((h) => h !== undefined && h === host);
}

function appError(code: string, locale: Locale, params: Record<string, string | number> = {}): AppError {
  const known: ErrorCode = isErrorCode(code) ? code : 'server/internal';
  return { code: known, message: errorMessage(known, locale, params) };
}

/** The engine actor a connection acts as, from what `contest:join` established. */
function actorOf(data: { role: string; subjectId: string | null; county: string | null }): Actor {
  switch (data.role) {
    case 'host':
      return { role: 'host' };
    case 'team':
      return { role: 'team', teamId: data.subjectId! };
    case 'judge':
      return { role: 'judge', judgeId: data.subjectId! };
    case 'audience':
      return data.county ? { role: 'audience', memberId: data.subjectId!, county: data.county } : { role: 'audience', memberId: data.subjectId! };
    default:
      return { role: 'screen' };
  }
}

/**
 * The Socket.IO adapter of live contests: join (who you are comes from the link's token, the staff
 * session or a new audience token — never from what you claim), commands (validated by the engine,
 * logged, then broadcast), and the fan-out: whole views to the few staff/team/judge/screen sockets,
 * one public broadcast plus a small personal part to the audience.
 */
export function attachContests(io: Io, contests: ContestService, db: Db, now: () => number, ratePerIp = 0, onError: (err: unknown) => void = () => undefined) {
  // Joins are limited per address (generously: halls share one), commands per connection: a team
  // tapping fast is a handful a second, a script hammering the buzzer is not.
  const joinsPerIp = limiter(ratePerIp, 10, now);
  /** The session token each staff connection was opened with: checked again before every host command. */
  const sids = new WeakMap<object, string>();
  // Staff sessions ride on the same cookie as the HTTP API. A page on another site could open a socket
  // with that cookie (cross-site WebSocket hijacking): a browser's Origin must be this site's.
  io.use(async (socket, next) => {
    const origin = socket.handshake.headers.origin;
    if (origin && !sameSite(origin, socket.handshake.headers)) return next(new Error('origin/forbidden'));
    const sid = parseCookies(socket.handshake.headers.cookie ?? '', SESSION_COOKIE)[SESSION_COOKIE];
    socket.data.staff = null;
    // A session token is base64url: anything else (a malformed or hostile cookie) is no session, and the
    // connection goes on as anyone's would, rather than hang on a decoding error.
    if (sid && /^[A-Za-z0-9_-]{20,100}$/.test(sid)) {
      const session = await readSession(db, sid, now()).catch(() => null);
      if (session) {
        socket.data.staff = { id: session.user.id, role: session.user.role, regionCode: session.user.regionCode };
        sids.set(socket, sid);
      }
    }
    next();
  });

  /**
   * Staff rights end when the account does: the session behind a host connection is read again (logout,
   * disabling and a password change delete it; a role change shows), and the host must still be
   * assigned to the contest. Null when the connection may no longer drive it.
   */
  async function stillStaff(socket: { data: { staff?: { id: string; role: 'admin' | 'organizer' | 'host' } | null } }, contestId: string) {
    const sid = sids.get(socket);
    const session = sid ? await readSession(db, sid, now()).catch(() => null) : null;
    if (!session) return null;
    const staff = { id: session.user.id, role: session.user.role };
    socket.data.staff = staff;
    return (await contests.mayDrive(contestId, staff)) ? staff : null;
  }

  /**
   * Linked devices per contest (this process's sockets): how many connections each team, judge and the
   * screens have open, and since when it is online or offline. The host console lists them.
   */
  const presence = new Map<string, Map<string, { kind: DeviceStatus['kind']; id: string; count: number; since: number | null }>>();
  const deviceKey = (c: { role: string; subjectId: string | null }) =>
    c.role === 'team' || c.role === 'judge' ? `${c.role}:${c.subjectId}` : c.role === 'screen' ? 'screen:screen' : null;
  function trackDevice(contestId: string, c: { role: string; subjectId: string | null }, delta: 1 | -1) {
    const key = deviceKey(c);
    if (!key) return false;
    let devices = presence.get(contestId);
    if (!devices) presence.set(contestId, (devices = new Map()));
    const [kind, id] = key.split(':') as [DeviceStatus['kind'], string];
    const d = devices.get(key) ?? { kind, id, count: 0, since: null };
    const was = d.count > 0;
    d.count = Math.max(0, d.count + delta);
    if (was !== d.count > 0) d.since = now();
    devices.set(key, d);
    return true;
  }
  /** Every team and judge of the contest (connected or not), and the screens, for the host. */
  function devicesOf(contestId: string, state: ContestState): DeviceStatus[] {
    const seen = presence.get(contestId) ?? new Map<string, { kind: DeviceStatus['kind']; id: string; count: number; since: number | null }>();
    const judges = [...new Set(state.config.rounds.flatMap((r) => (r.kind === 'judged' ? r.judges.map((j) => j.id) : [])))];
    const entry = (kind: DeviceStatus['kind'], id: string): DeviceStatus => {
      const d = seen.get(`${kind}:${id}`);
      return { kind, id, online: (d?.count ?? 0) > 0, count: d?.count ?? 0, since: d?.since ?? null };
    };
    return [...state.config.teams.map((t) => entry('team', t.id)), ...judges.map((j) => entry('judge', j)), entry('screen', 'screen')];
  }
  /** The view a staff-room connection gets: the host's also lists the devices. */
  function staffView(runtime: ContestRuntime, c: { role: string; subjectId: string | null; county: string | null }, t: number) {
    const view = viewFor(runtime.state, actorOf(c), t);
    return view.role === 'host' ? { ...view, devices: devicesOf(runtime.id, runtime.state) } : view;
  }
  async function devicesChanged(contestId: string) {
    const runtime = await contests.runtime(contestId);
    if (runtime) sendStaff(runtime, true);
  }

  /** Audience-only changes (answers, joins) are coalesced: staff screens refresh at most twice a second. */
  const pendingStaff = new Map<string, ContestRuntime>();
  const flushTimer = setInterval(() => {
    for (const runtime of pendingStaff.values()) sendStaff(runtime);
    pendingStaff.clear();
  }, 500);
  flushTimer.unref();

  /**
   * Wraps an async socket handler: an unexpected failure (a database error, say) answers with a
   * localized internal error instead of becoming an unhandled rejection that would end the process.
   */
  function guarded<P, A extends (r: never) => void>(handler: (payload: P, ack: A) => Promise<void>) {
    return (payload: P, ack: A) => {
      handler(payload, ack).catch((err: unknown) => {
        onError(err);
        // A full disk or a locked file is said as such, not as "internal error".
        if (typeof ack === 'function') (ack as unknown as (r: unknown) => void)({ ok: false, error: appError(storageFailure(err) ?? 'server/internal', 'zh-CN') });
      });
    };
  }

  function sendStaff(runtime: ContestRuntime, hostsOnly = false) {
    const t = now();
    for (const id of io.sockets.adapter.rooms.get(room(runtime.id, 'staff')) ?? []) {
      const socket = io.sockets.sockets.get(id);
      const c = socket?.data.contest;
      if (!socket || !c || (hostsOnly && c.role !== 'host')) continue;
      socket.emit('contest:view', staffView(runtime, c, t));
    }
  }

  /** Per contest: the generation of the latest personal fan-out, so a newer one supersedes an unfinished older one. */
  const personalRound = new Map<string, number>();

  function sendAudience(runtime: ContestRuntime, personal: boolean) {
    io.local.to(room(runtime.id, 'audience')).emit('contest:public', publicView(runtime.state, now()));
    if (!personal) return;
    // Thousands of personal parts are sent in slices, yielding between them, so a reveal never stalls
    // the host's next command or a phase timer for the length of the whole fan-out.
    const generation = (personalRound.get(runtime.id) ?? 0) + 1;
    personalRound.set(runtime.id, generation);
    const ids = [...(io.sockets.adapter.rooms.get(room(runtime.id, 'audience')) ?? [])];
    const slice = (from: number) => {
      if (personalRound.get(runtime.id) !== generation) return;
      for (const id of ids.slice(from, from + 500)) {
        const socket = io.sockets.sockets.get(id);
        const memberId = socket?.data.contest?.subjectId;
        if (socket && memberId) socket.emit('contest:me', memberView(runtime.state, memberId));
      }
      if (from + 500 < ids.length) setImmediate(() => slice(from + 500));
    };
    slice(0);
  }

  contests.onChange((runtime, events: ContestEvent[]) => {
    const teamLevel = events.some((e) => e.type !== 'audience-answer' && e.type !== 'audience-joined' && e.type !== 'timer');
    if (!teamLevel) {
      pendingStaff.set(runtime.id, runtime);
      return;
    }
    pendingStaff.delete(runtime.id);
    sendStaff(runtime);
    // Scores, ranks and results of audience members move at a reveal (or its undo): then each gets their
    // own part. A new question needs none: the phone drops an answer to an earlier opening by itself.
    // After a reload (a rehearsal reset) each phone learns whether it is still a member: a cleared one
    // gets `joined: false` and goes back to the join form.
    // With several processes a reveal's ranks come from the shared leaderboard, once every process scored
    // its answers (`onBoard` below): the personal parts wait for it.
    const ranksMoved = contests.sharedAudience ? (e: ContestEvent) => e.type === 'undo' || e.type === 'reloaded' : (e: ContestEvent) => e.type === 'reveal' || e.type === 'leaderboard' || e.type === 'undo' || e.type === 'reloaded';
    sendAudience(runtime, events.some(ranksMoved));
  });
  contests.onBoard((runtime) => {
    pendingStaff.delete(runtime.id);
    sendStaff(runtime);
    sendAudience(runtime, true);
  });

  io.on('connection', (socket) => {
    const commands = new RateLimiter(40, 20, now);
    const joins = new RateLimiter(10, 1, now);
    socket.on('contest:join', guarded(async (payload, ack) => {
      if (typeof ack !== 'function') return;
      const locale = socket.data.locale;
      if (!joins.take('join') || !joinsPerIp.take(socket.data.address ?? socket.handshake.address)) return ack({ ok: false, error: appError('rate/limited', locale) });
      const parsed = parseInput(contestJoinSchema, payload, locale);
      if (!parsed.ok) return ack(parsed);
      const { pin, role, token, nickname, county } = parsed.data;
      const row = await contests.access.byPin(pin);
      if (!row) return ack({ ok: false, error: appError('contest/pin-not-found', locale, { pin }) });
      const runtime = await contests.runtime(row.id);
      if (!runtime) return ack({ ok: false, error: appError('server/internal', locale) });

      let subjectId: string | null = null;
      let issued: string | null = null;
      let memberCounty: string | null = null;
      if (role === 'host') {
        if (!socket.data.staff) return ack({ ok: false, error: appError('contest/host-only', locale) });
        // Staff run only the contests of their region (the same rule as the HTTP routes)…
        if (!allows({ ...socket.data.staff, username: '', displayName: '' }, row.regionCode, 'manage')) return ack({ ok: false, error: appError('auth/out-of-scope', locale) });
        // …and a host only those an organizer assigned to them, while their session lasts.
        if (!(await stillStaff(socket, row.id))) return ack({ ok: false, error: appError('contest/not-assigned', locale) });
      } else if (role === 'team' || role === 'judge') {
        subjectId = token ? await contests.access.resolveToken(row.id, role, token) : null;
        if (!subjectId) return ack({ ok: false, error: appError('contest/bad-token', locale) });
      } else if (role === 'audience') {
        subjectId = token ? await contests.access.resolveToken(row.id, 'audience', token) : null;
        // A repeated first join (its reply was lost) finds the member it created: issue a new token for it.
        const retried = !subjectId && parsed.data.joinKey ? await contests.access.memberByJoinKey(row.id, parsed.data.joinKey) : null;
        if (retried) {
          subjectId = retried;
          issued = await contests.access.rememberAudience(row.id, retried);
        }
        if (subjectId) {
          // The member may have joined through another process: this one's replica learns them (and their answers) now.
          memberCounty = (await contests.attachMember(row.id, subjectId))?.county ?? null;
        } else {
          // A token the contest no longer knows (its rehearsal data was cleared) is not a missing nickname:
          // the phone is told so, and asks again with the nickname it kept.
          if (token && !nickname) return ack({ ok: false, error: appError('contest/bad-token', locale) });
          if (!nickname) return ack({ ok: false, error: appError('contest/nickname-required', locale) });
          const memberId = `m${randomBytes(9).toString('base64url')}`;
          const joined = await contests.dispatch(row.id, { type: 'audience:join', nickname, ...(county ? { county } : {}) }, county ? { role: 'audience', memberId, county } : { role: 'audience', memberId });
          if (!joined.ok) return ack({ ok: false, error: appError(joined.error.code, locale, 'params' in joined.error ? joined.error.params : {}) });
          issued = await contests.access.rememberAudience(row.id, memberId, parsed.data.joinKey);
          subjectId = memberId;
          memberCounty = county ?? null;
        }
      }
      // One contest per connection: leave any earlier one.
      for (const r of socket.rooms) if (r.startsWith('contest:')) await socket.leave(r);
      const before = socket.data.contest;
      if (before && trackDevice(before.contestId, before, -1)) void devicesChanged(before.contestId).catch(onError);
      socket.data.contest = { contestId: row.id, role, subjectId, county: memberCounty };
      if (trackDevice(row.id, socket.data.contest, 1)) void devicesChanged(row.id).catch(onError);
      await socket.join(room(row.id, role === 'audience' ? 'audience' : 'staff'));
      const joined: ContestJoined = {
        contestId: row.id,
        role,
        subjectId,
        token: issued,
        view: staffView(runtime, socket.data.contest, now()),
        serverTime: now(),
        counties: await contests.access.counties(row.id),
        rehearsal: runtime.rehearsal,
      };
      ack({ ok: true, data: joined });
    }));

    socket.on('contest:command', guarded(async (payload, ack) => {
      if (typeof ack !== 'function') return;
      const locale = socket.data.locale;
      if (!commands.take('command')) return ack({ ok: false, error: appError('rate/limited', locale) });
      const c = socket.data.contest;
      if (!c) return ack({ ok: false, error: appError('contest/not-joined', locale) });
      const parsed = parseInput(contestCommandEnvelope, payload, locale);
      if (!parsed.ok) return ack(parsed);
      if (c.role === 'host' && !(await stillStaff(socket, c.contestId))) {
        ack({ ok: false, error: appError('contest/host-only', locale) });
        socket.disconnect(true);
        return;
      }
      const result = await contests.dispatch(c.contestId, parsed.data.command, actorOf(c));
      if (!result.ok) return ack({ ok: false, error: appError(result.error.code, locale, 'params' in result.error ? (result.error.params ?? {}) : {}) });
      // Who ran the show: every accepted host step is also in the audit log with the staff account behind it.
      if (c.role === 'host' && socket.data.staff) await contests.audit(socket.data.staff.id, `contest:${String((parsed.data.command as { type?: unknown }).type)}`, c.contestId, parsed.data.command);
      const runtime = await contests.runtime(c.contestId);
      if (!runtime) return ack({ ok: false, error: appError('server/internal', locale) });
      // The audience (thousands answering at once) gets only its own small part back, not a whole view.
      if (c.role === 'audience' && c.subjectId) {
        ack({ ok: true, data: { view: null } });
        socket.emit('contest:me', memberView(runtime.state, c.subjectId));
        return;
      }
      ack({ ok: true, data: { view: staffView(runtime, c, now()) } });
    }));

    socket.on('disconnect', () => {
      const c = socket.data.contest;
      if (c && trackDevice(c.contestId, c, -1)) void devicesChanged(c.contestId).catch(onError);
    });
  });

  // A re-issued device link: connections still holding the old one are dropped at once.
  contests.onRevoke((contestId, kind, subjectId) => {
    for (const id of io.sockets.adapter.rooms.get(room(contestId, 'staff')) ?? []) {
      const socket = io.sockets.sockets.get(id);
      const c = socket?.data.contest;
      if (socket && c && c.role === kind && c.subjectId === subjectId) socket.disconnect(true);
    }
  });

  return () => clearInterval(flushTimer);
}
