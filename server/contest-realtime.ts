import { randomBytes } from 'node:crypto';
import { contestCommandEnvelope, contestJoinSchema, type ContestJoined } from '../shared/contest-protocol.js';
import { memberView, publicView, viewFor, type Actor, type ContestEvent } from '../shared/contest/index.js';
import { errorMessage, isErrorCode, type ErrorCode, type Locale } from '../shared/i18n.js';
import type { AppError } from '../shared/result.js';
import { parseInput } from '../shared/validate.js';
import { readSession } from './auth.js';
import type { ContestRuntime, ContestService } from './contests.js';
import type { Db } from './db/client.js';
import type { Io } from './realtime.js';
import { limiter, RateLimiter } from './rate-limit.js';

const room = (contestId: string, part: 'staff' | 'audience') => `contest:${contestId}:${part}`;

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
  // Staff sessions ride on the same cookie as the HTTP API.
  io.use(async (socket, next) => {
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(socket.handshake.headers.cookie ?? '')?.[1];
    socket.data.staff = null;
    if (sid) {
      const session = await readSession(db, decodeURIComponent(sid), now()).catch(() => null);
      if (session) socket.data.staff = { id: session.user.id, role: session.user.role };
    }
    next();
  });

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
        if (typeof ack === 'function') (ack as unknown as (r: unknown) => void)({ ok: false, error: appError('server/internal', 'zh-CN') });
      });
    };
  }

  function sendStaff(runtime: ContestRuntime) {
    const t = now();
    for (const id of io.sockets.adapter.rooms.get(room(runtime.id, 'staff')) ?? []) {
      const socket = io.sockets.sockets.get(id);
      const c = socket?.data.contest;
      if (socket && c) socket.emit('contest:view', viewFor(runtime.state, actorOf(c), t));
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
    sendAudience(runtime, events.some((e) => e.type === 'reveal' || e.type === 'leaderboard' || e.type === 'undo'));
  });

  io.on('connection', (socket) => {
    const commands = new RateLimiter(40, 20, now);
    const joins = new RateLimiter(10, 1, now);
    socket.on('contest:join', guarded(async (payload, ack) => {
      if (typeof ack !== 'function') return;
      const locale = socket.data.locale;
      if (!joins.take('join') || !joinsPerIp.take(socket.handshake.address)) return ack({ ok: false, error: appError('rate/limited', locale) });
      const parsed = parseInput(contestJoinSchema, payload, locale);
      if (!parsed.ok) return ack(parsed);
      const { pin, role, token, nickname, county } = parsed.data;
      const row = await contests.byPin(pin);
      if (!row) return ack({ ok: false, error: appError('contest/pin-not-found', locale, { pin }) });
      const runtime = await contests.runtime(row.id);
      if (!runtime) return ack({ ok: false, error: appError('server/internal', locale) });

      let subjectId: string | null = null;
      let issued: string | null = null;
      let memberCounty: string | null = null;
      if (role === 'host') {
        if (!socket.data.staff) return ack({ ok: false, error: appError('contest/host-only', locale) });
      } else if (role === 'team' || role === 'judge') {
        subjectId = token ? await contests.resolveToken(row.id, role, token) : null;
        if (!subjectId) return ack({ ok: false, error: appError('contest/bad-token', locale) });
      } else if (role === 'audience') {
        subjectId = token ? await contests.resolveToken(row.id, 'audience', token) : null;
        // A repeated first join (its reply was lost) finds the member it created: issue a new token for it.
        const retried = !subjectId && parsed.data.joinKey ? await contests.memberByJoinKey(row.id, parsed.data.joinKey) : null;
        if (retried) {
          subjectId = retried;
          issued = await contests.rememberAudience(row.id, retried);
        }
        if (subjectId) {
          memberCounty = runtime.state.audience.members[subjectId]?.county ?? null;
        } else {
          if (!nickname) return ack({ ok: false, error: appError('contest/nickname-required', locale) });
          const memberId = `m${randomBytes(9).toString('base64url')}`;
          const joined = await contests.dispatch(row.id, { type: 'audience:join', nickname, ...(county ? { county } : {}) }, county ? { role: 'audience', memberId, county } : { role: 'audience', memberId });
          if (!joined.ok) return ack({ ok: false, error: appError(joined.error.code, locale, 'params' in joined.error ? joined.error.params : {}) });
          issued = await contests.rememberAudience(row.id, memberId, parsed.data.joinKey);
          subjectId = memberId;
          memberCounty = county ?? null;
        }
      }
      // One contest per connection: leave any earlier one.
      for (const r of socket.rooms) if (r.startsWith('contest:')) await socket.leave(r);
      socket.data.contest = { contestId: row.id, role, subjectId, county: memberCounty };
      await socket.join(room(row.id, role === 'audience' ? 'audience' : 'staff'));
      const joined: ContestJoined = {
        contestId: row.id,
        role,
        subjectId,
        token: issued,
        view: viewFor(runtime.state, actorOf(socket.data.contest), now()),
        serverTime: now(),
        counties: await contests.counties(row.id),
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
      ack({ ok: true, data: { view: viewFor(runtime.state, actorOf(c), now()) } });
    }));
  });

  return () => clearInterval(flushTimer);
}
