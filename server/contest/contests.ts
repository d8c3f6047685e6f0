import { randomBytes, randomInt } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { ContestDetail, ContestDraftParsed } from '../../shared/contest/draft.js';
import type { Actor, ContestConfig, ContestError, ContestEvent } from '../../shared/contest/index.js';
import type { Locale } from '../../shared/i18n/messages.js';
import type { Database, Db } from '../db/client.js';
import { DeviceLinks } from './device-links.js';
import { contestEpochs, contestLog, contests, contestTokens, regions } from '../db/schema.js';
import { GuardError, type Writer } from '../db/writer.js';
import { contestRecordWorkbook } from './contest-export.js';
import { LocalCoordinator, type ContestNews, type Coordinator, type ForwardReply, type ForwardRequest, type LogEntry } from '../coordination/coordination.js';
import { ContestRuntime, LOG_PAGE, logReader, replayLog, type DispatchResult, type LogReader } from './contest-runtime.js';
import { resolveDraft, upgradeLegacyLinks } from './contest-setup.js';
export { ContestSetupError } from './contest-setup.js';
import { AudienceDesk } from './audience.js';

export { ContestRuntime, logReader, type DispatchResult, type LogReader, type LogRow } from './contest-runtime.js';
import { createAudit } from '../auth/audit.js';

import { ContestAccess } from './contest-access.js';


type Listener = (runtime: ContestRuntime, events: ContestEvent[]) => void;

/** Raises a contest's epoch from the one read (`?` last) to the next; changes no row if someone else raised it meanwhile. */
const RAISE_EPOCH_SQL =
  'INSERT INTO contest_epochs (contest_id, epoch, owner, at) VALUES (?, ?, ?, ?) ' +
  'ON CONFLICT (contest_id) DO UPDATE SET epoch = excluded.epoch, owner = excluded.owner, at = excluded.at WHERE contest_epochs.epoch = ?';


/**
 * Live contests: setup (draft → frozen config with question revisions, PIN, device links), the
 * runtimes of running contests, device tokens, rehearsal reset and the record export.
 */
export class ContestService {
  #runtimes = new Map<string, Promise<ContestRuntime>>();
  #listeners: Listener[] = [];

  #owning = new Map<string, Promise<boolean>>();
  readonly #readLog: LogReader;
  readonly #links: DeviceLinks;
  /** Audience joins and answers, taken by this process for its own phones (never forwarded to the owner). */
  readonly #desk: AudienceDesk;
  #boardListeners: ((runtime: ContestRuntime) => void)[] = [];
  private readonly db: Db;
  /** Who joins a contest as whom: the PIN, device links and audience tokens, the counties to pick from. */
  readonly access: ContestAccess;

  constructor(
    database: Database,
    private readonly writer: Writer,
    private readonly now: () => number,
    private readonly coord: Coordinator = new LocalCoordinator(),
    private readonly onError: (err: unknown) => void = () => undefined,
    /** A contest's log does not replay past an entry (it is then served read-only): an operator must look. */
    private readonly onReplayFailure: (failure: { contestId: string; seq: number; reason: string }) => void = () => undefined,
    /** The server's secret kept outside the database (the phone-hash key): team and judge links are signed with it. */
    secret = 'development-only-secret',
  ) {
    this.db = database.db;
    this.#links = new DeviceLinks(secret);
    this.#readLog = logReader(database);
    this.access = new ContestAccess(database, writer, now, this.#links);
    this.#desk = new AudienceDesk({
      database,
      writer,
      now,
      store: coord.audience ?? null,
      runtimes: async () => (await Promise.all([...this.#runtimes.values()].map((r) => r.catch(() => null)))).filter((r): r is ContestRuntime => r !== null),
      changed: (runtime, events) => {
        for (const l of this.#listeners) l(runtime, events);
      },
      board: (runtime) => {
        for (const l of this.#boardListeners) l(runtime);
      },
      publishBoard: (contestId, openingId) => void this.coord.publish({ type: 'board', contestId, openingId }),
      onError,
    });
    coord.onNews((news) => news.type !== 'campaign' && this.#hear(news));
    coord.onLost((id) => void this.#runtimes.get(id)?.then((r) => r.demote(), () => undefined));
    coord.onForward((request) => this.#serveForward(request));
    coord.onTick((owned) => void this.#tick(owned).catch(onError));
  }

  onChange(listener: Listener) {
    this.#listeners.push(listener);
  }

  /**
   * With several processes: called once the shared audience leaderboard of a reveal has been read into the
   * runtime (every member's rank moved). With one process the reveal's own change carries it.
   */
  onBoard(listener: (runtime: ContestRuntime) => void) {
    this.#boardListeners.push(listener);
  }

  /** Whether audience counters and the leaderboard are merged across processes (Redis), not this replica's own. */
  get sharedAudience() {
    return this.#desk.shared;
  }

  /**
   * Makes sure an audience member whose phone connects to this process is in its replica, with the answers
   * they gave anywhere. Null when the contest has no such member.
   */
  async attachMember(contestId: string, memberId: string): Promise<{ county: string | null } | null> {
    const runtime = await this.runtime(contestId);
    return runtime ? this.#desk.attach(runtime, memberId) : null;
  }

  #revokeListeners: ((contestId: string, kind: 'team' | 'judge', subjectId: string) => void)[] = [];

  /** Called when a device link is re-issued: connections holding the old one must go. */
  onRevoke(listener: (contestId: string, kind: 'team' | 'judge', subjectId: string) => void) {
    this.#revokeListeners.push(listener);
  }

  /**
   * Issues a new link for a team's or judge's device and revokes the old one (its connections are
   * dropped and it no longer joins). Null when the contest has no such team or judge.
   */
  async reissue(contestId: string, kind: 'team' | 'judge', subjectId: string): Promise<{ token: string } | null> {
    const [existing] = await this.db.select().from(contestTokens).where(and(eq(contestTokens.contestId, contestId), eq(contestTokens.kind, kind), eq(contestTokens.subjectId, subjectId)));
    if (!existing) return null;
    const link = this.#links.issue(contestId, kind, subjectId);
    await this.db.batch([
      this.db.delete(contestTokens).where(and(eq(contestTokens.contestId, contestId), eq(contestTokens.kind, kind), eq(contestTokens.subjectId, subjectId))),
      this.db.insert(contestTokens).values({ token: link.stored, contestId, kind, subjectId, createdAt: this.now() }),
    ]);
    const token = link.token;
    for (const l of this.#revokeListeners) l(contestId, kind, subjectId);
    this.coord.publish({ type: 'revoke', contestId, kind, subjectId });
    return { token };
  }

  /**
   * Runs a command wherever the contest's engine lives: here if this process holds (or can take) the
   * lease, else at the owner, waiting until this process's replica has the result so the caller can
   * answer from it. A forward that gets no answer is not retried (the owner may have run it before it
   * died): the caller hears "try again" and sees the truth once the new owner has taken over.
   */
  async dispatch(id: string, command: unknown, actor: Actor): Promise<DispatchResult> {
    // The audience is served where its phones are: checked against this replica, stored, counted here.
    if (actor.role === 'audience') {
      const runtime = await this.runtime(id);
      if (!runtime) return { ok: false, error: { code: 'server/internal' } };
      if (runtime.readOnly) return { ok: false, error: { code: 'contest/read-only', params: { seq: runtime.readOnly.seq } } };
      return this.#desk.command(runtime, command, actor);
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const runtime = await this.runtime(id);
      if (!runtime) return { ok: false, error: { code: 'server/internal' } };
      if (runtime.readOnly) return { ok: false, error: { code: 'contest/read-only', params: { seq: runtime.readOnly.seq } } };
      if (await this.#own(runtime)) {
        const r = await runtime.dispatch(command, actor);
        if ('notOwner' in r) continue;
        return r;
      }
      const owner = await this.coord.owner(id);
      if (!owner) continue;
      const reply = await this.coord.forward(owner, { contestId: id, command, actor });
      if ('notOwner' in reply) continue; // the lease moved on: ask whoever holds it now
      if ('unanswered' in reply) return { ok: false, error: { code: 'contest/owner-moved' } };
      if (!reply.ok) return { ok: false, error: reply.error as ContestError };
      if (!(await runtime.reach(reply.seq, 200))) {
        await this.#catchUp(runtime);
        if (runtime.seq < reply.seq) return { ok: false, error: { code: 'contest/owner-moved' } };
      }
      return { ok: true, events: reply.events as ContestEvent[] };
    }
    return { ok: false, error: { code: 'contest/owner-moved' } };
  }

  /**
   * True if this process runs the contest's engine; takes the lease when nobody holds it. Taking over
   * raises the contest's epoch in the database first, then reads the log to its end: from the moment the
   * epoch is raised no earlier owner can append, so what was read is the whole log.
   */
  #own(runtime: ContestRuntime): Promise<boolean> {
    if (runtime.readOnly) return Promise.resolve(false);
    if (runtime.owned && this.coord.holds(runtime.id)) return Promise.resolve(true);
    let owning = this.#owning.get(runtime.id);
    if (!owning) {
      owning = (async () => {
        if (!(await this.coord.acquire(runtime.id))) return false;
        const epoch = await this.#raiseEpoch(runtime.id);
        if (epoch === null) return false;
        await this.#catchUp(runtime);
        if (runtime.readOnly) return false;
        runtime.promote(epoch);
        return true;
      })().finally(() => this.#owning.delete(runtime.id));
      this.#owning.set(runtime.id, owning);
    }
    return owning;
  }

  /** The next epoch of a contest, written through the writer; null if another process raised it first. */
  async #raiseEpoch(id: string): Promise<number | null> {
    const [row] = await this.db.select({ epoch: contestEpochs.epoch }).from(contestEpochs).where(eq(contestEpochs.contestId, id));
    const from = row?.epoch ?? 0;
    try {
      await this.writer.write([{ sql: RAISE_EPOCH_SQL, args: [id, from + 1, this.coord.processId, this.now(), from], guard: true }], [], { urgent: true });
    } catch (e) {
      if (e instanceof GuardError) return null;
      throw e;
    }
    return from + 1;
  }

  /** Reads the log entries this copy lacks and applies them; an entry that does not apply makes the contest read-only. */
  async #catchUp(runtime: ContestRuntime) {
    for (;;) {
      const rows = await this.#readLog(runtime.id, runtime.seq, LOG_PAGE);
      for (const row of rows) {
        if (runtime.apply(row) === 'bad') {
          this.#replayFailed(runtime, row.seq, 'does not apply');
          return;
        }
      }
      if (rows.length < LOG_PAGE) return;
    }
  }

  /** A log entry the engine refuses on replay: logged as an error naming the contest and the entry, and the contest is served read-only. */
  #replayFailed(runtime: ContestRuntime, seq: number, reason: string) {
    runtime.readOnly = { seq };
    runtime.stop();
    this.onReplayFailure({ contestId: runtime.id, seq, reason });
  }

  /** The owner's answer to a forwarded command. */
  async #serveForward(request: ForwardRequest): Promise<ForwardReply> {
    const runtime = await this.runtime(request.contestId);
    if (!runtime || !runtime.owned || !this.coord.holds(request.contestId)) return { ok: false, notOwner: true };
    const r = await runtime.dispatch(request.command, request.actor);
    if ('notOwner' in r) return r;
    if (!r.ok) return { ok: false, error: r.error as { code: string; params?: Record<string, string | number> } };
    return { ok: true, events: r.events, seq: r.seq ?? runtime.seq };
  }

  /** What the owner published: apply entries in order, read the log on a gap, rebuild on a reload. */
  #hear(news: ContestNews) {
    if (news.type === 'revoke') {
      for (const l of this.#revokeListeners) l(news.contestId, news.kind, news.subjectId);
      return;
    }
    const loading = this.#runtimes.get(news.contestId);
    if (!loading) return; // nobody here follows this contest
    if (news.type === 'reload') {
      this.#desk.forget(news.contestId);
      void this.#reload(news.contestId).catch(this.onError);
      return;
    }
    if (news.type === 'board') {
      void loading.then((runtime) => this.#desk.readBoard(runtime, news.openingId)).catch(this.onError);
      return;
    }
    void loading
      .then(async (runtime) => {
        if (runtime.owned) return;
        if (runtime.readOnly) return;
        const applied = news.type === 'head' ? (runtime.seq < news.seq ? 'gap' : 'stale') : runtime.apply(news.entry);
        if (applied === 'bad') return this.#reload(news.contestId);
        if (applied === 'gap') await this.#catchUp(runtime);
      })
      .catch((err: unknown) => {
        this.onError(err);
        this.#drop(news.contestId);
      });
  }

  /**
   * Every lease period: the owner announces how far its log goes (so a replica that missed the last
   * entry notices), and replicas whose contest has no owner any more take it over, so a phase timer
   * still fires when the owner died with nobody pressing a button.
   */
  async #tick(owned: string[]) {
    for (const id of owned) {
      const runtime = await this.#runtimes.get(id)?.catch(() => null);
      if (runtime?.owned) this.coord.publish({ type: 'head', contestId: id, seq: runtime.seq });
    }
    for (const [id, loading] of this.#runtimes) {
      const runtime = await loading.catch(() => null);
      if (!runtime || runtime.owned) continue;
      if ((await this.coord.owner(id)) === null) await this.#own(runtime);
    }
  }

  /** Drops this process's copy and, if devices were following it, rebuilds it and tells them. */
  async #reload(id: string) {
    const had = this.#runtimes.has(id);
    this.#drop(id);
    if (!had) return;
    const fresh = await this.runtime(id);
    if (fresh) for (const l of this.#listeners) l(fresh, [{ type: 'phase', phase: fresh.state.core.phase, phaseId: fresh.state.phaseId }, { type: 'reloaded' }]);
  }

  /**
   * Freezes a draft: each round's question set becomes its questions at their current revisions, with
   * their options shuffled once from the contest's seed (kept across edits, so the order does not move).
   */
  resolve(draft: ContestDraftParsed, locale: Locale = 'zh-CN', seed: number = randomInt(0, 0xffffffff)): Promise<ContestConfig> {
    return resolveDraft(this.db, draft, locale, seed);
  }

  async #pin(): Promise<string> {
    for (;;) {
      const pin = String(randomInt(100000, 1000000));
      const [taken] = await this.db.select({ id: contests.id }).from(contests).where(eq(contests.pin, pin));
      if (!taken) return pin;
    }
  }

  /**
   * Team and judge links issued before links were signed kept their token in plain text. Each such row becomes
   * two: the hash of the old token (links already printed keep working until re-issued) and a signed link,
   * which the setup page shows from then on. Run at start-up; returns how many were rewritten.
   */
  upgradeLegacyLinks(): Promise<number> {
    return upgradeLegacyLinks(this.db, this.#links);
  }

  /** Team and judge tokens: kept for ids that stay, created for new ones, dropped for removed ones. */
  async #syncTokens(contestId: string, draft: ContestDraftParsed) {
    const existing = await this.db.select().from(contestTokens).where(and(eq(contestTokens.contestId, contestId), inArray(contestTokens.kind, ['team', 'judge'])));
    const want = [
      ...draft.teams.map((t) => ({ kind: 'team' as const, subjectId: t.id })),
      ...draft.rounds.flatMap((r) => (r.kind === 'judged' ? r.judges.map((j) => ({ kind: 'judge' as const, subjectId: j.id })) : [])),
    ];
    const key = (k: string, s: string) => `${k}:${s}`;
    const have = new Map(existing.map((t) => [key(t.kind, t.subjectId), t]));
    const wanted = new Set(want.map((w) => key(w.kind, w.subjectId)));
    for (const t of existing) if (!wanted.has(key(t.kind, t.subjectId))) await this.db.delete(contestTokens).where(eq(contestTokens.token, t.token));
    for (const w of want) {
      if (have.has(key(w.kind, w.subjectId))) continue;
      have.set(key(w.kind, w.subjectId), { token: '', contestId, kind: w.kind, subjectId: w.subjectId, createdAt: 0 });
      const link = this.#links.issue(contestId, w.kind, w.subjectId);
      await this.db.insert(contestTokens).values({ token: link.stored, contestId, kind: w.kind, subjectId: w.subjectId, createdAt: this.now() }).onConflictDoNothing();
    }
  }

  /**
   * Sets up a contest. Its region (which scopes who sees it) is the draft's, else `regionCode`, the organizer's
   * own (null: the whole deployment's).
   */
  async create(draft: ContestDraftParsed, userId: string, locale: Locale = 'zh-CN', regionCode: string | null = null): Promise<{ id: string; pin: string }> {
    const config = await this.resolve(draft, locale);
    const id = randomBytes(6).toString('base64url');
    const pin = await this.#pin();
    await this.db.insert(contests).values({ id, pin, title: draft.title, status: 'setup', rehearsal: draft.rehearsal, settings: draft, config, createdBy: userId, regionCode: draft.regionCode ?? regionCode, createdAt: this.now() });
    await this.#syncTokens(id, draft);
    return { id, pin };
  }

  /** Edits are allowed until the contest starts (a rehearsal can be reset to edit again). */
  async update(id: string, draft: ContestDraftParsed, locale: Locale = 'zh-CN'): Promise<'ok' | 'not-found' | 'started'> {
    const [row] = await this.db.select().from(contests).where(eq(contests.id, id));
    if (!row) return 'not-found';
    if ((await this.#hasLog(id)) || row.status !== 'setup') return 'started';
    const config = await this.resolve(draft, locale, (row.config as ContestConfig | null)?.optionSeed);
    await this.db.update(contests).set({ title: draft.title, rehearsal: draft.rehearsal, settings: draft, config, ...(draft.regionCode ? { regionCode: draft.regionCode } : {}) }).where(eq(contests.id, id));
    this.access.forget(id);
    await this.#syncTokens(id, draft);
    this.#drop(id);
    this.coord.publish({ type: 'reload', contestId: id });
    return 'ok';
  }

  async #hasLog(id: string) {
    return (await this.db.select({ seq: contestLog.seq }).from(contestLog).where(eq(contestLog.contestId, id)).limit(1)).length > 0;
  }

  /** Rehearsal only: forgets everything that happened (log, audience tokens) and returns to the lobby. */
  async reset(id: string): Promise<'ok' | 'not-found' | 'not-rehearsal'> {
    const [row] = await this.db.select().from(contests).where(eq(contests.id, id));
    if (!row) return 'not-found';
    if (!row.rehearsal) return 'not-rehearsal';
    const runtime = this.#runtimes.get(id);
    this.#drop(id);
    await this.writer.flush();
    await this.#desk.clear(id);
    await this.writer.write(this.#desk.deleteStatements(id), [], { urgent: true });
    await this.db.batch([
      this.db.delete(contestLog).where(eq(contestLog.contestId, id)),
      this.db.delete(contestTokens).where(and(eq(contestTokens.contestId, id), eq(contestTokens.kind, 'audience'))),
      this.db.update(contests).set({ status: 'setup' }).where(eq(contests.id, id)),
    ]);
    // Connected devices, here and on every other process, are told the contest is back in the lobby.
    this.coord.publish({ type: 'reload', contestId: id });
    if (runtime) {
      const fresh = await this.runtime(id);
      if (fresh) for (const l of this.#listeners) l(fresh, [{ type: 'phase', phase: fresh.state.core.phase, phaseId: fresh.state.phaseId }, { type: 'reloaded' }]);
    }
    return 'ok';
  }

  #drop(id: string) {
    const r = this.#runtimes.get(id);
    this.#runtimes.delete(id);
    void r?.then((x) => x.stop()).catch(() => undefined);
  }

  /** Contests a staff member may see: all of them for admins and organizers, the assigned ones for a host. */
  async list(staff?: { id: string; role: string }) {
    const all = await this.db.select({ id: contests.id, pin: contests.pin, title: contests.title, status: contests.status, rehearsal: contests.rehearsal, regionCode: contests.regionCode, createdAt: contests.createdAt }).from(contests).orderBy(desc(contests.createdAt));
    if (!staff || staff.role !== 'host') return all;
    const mine = new Set((await this.db.select({ id: contestTokens.contestId }).from(contestTokens).where(and(eq(contestTokens.kind, 'host'), eq(contestTokens.subjectId, staff.id)))).map((r) => r.id));
    return all.filter((c) => mine.has(c.id));
  }

  async detail(id: string, origin: string): Promise<ContestDetail | null> {
    const [row] = await this.db.select().from(contests).where(eq(contests.id, id));
    if (!row) return null;
    const draft = row.settings as ContestDraftParsed;
    const tokens = await this.db.select().from(contestTokens).where(and(eq(contestTokens.contestId, id), inArray(contestTokens.kind, ['team', 'judge'])));
    // The link is rebuilt from its stored nonce and the secret (a legacy row beside it holds only a hash).
    const linkOf = (kind: 'team' | 'judge', subjectId: string) => {
      const token = tokens.map((t) => (t.kind === kind && t.subjectId === subjectId ? this.#links.rebuild(id, kind, subjectId, t.token) : null)).find((t) => t !== null);
      return `${origin}/${kind}/${row.pin}?t=${token ?? ''}`;
    };
    const judges = draft.rounds.flatMap((r) => (r.kind === 'judged' ? r.judges : []));
    const uniqueJudges = [...new Map(judges.map((j) => [j.id, j])).values()];
    return {
      id,
      pin: row.pin,
      title: row.title,
      status: row.status,
      rehearsal: row.rehearsal,
      draft,
      links: {
        host: `${origin}/host/${id}`,
        screen: `${origin}/screen/${row.pin}`,
        overlay: `${origin}/overlay/${row.pin}`,
        audience: `${origin}/play/${row.pin}`,
        teams: draft.teams.map((t) => ({ teamId: t.id, name: t.name, url: linkOf('team', t.id) })),
        judges: uniqueJudges.map((j) => ({ judgeId: j.id, name: j.name, url: linkOf('judge', j.id) })),
      },
    };
  }

  /** The host accounts an organizer assigned to the contest. */
  async hostsOf(contestId: string): Promise<string[]> {
    const rows = await this.db.select({ userId: contestTokens.subjectId }).from(contestTokens).where(and(eq(contestTokens.contestId, contestId), eq(contestTokens.kind, 'host')));
    return rows.map((r) => r.userId);
  }

  /** Replaces the contest's assigned hosts. */
  async assignHosts(contestId: string, userIds: string[]): Promise<void> {
    await this.db.batch([
      this.db.delete(contestTokens).where(and(eq(contestTokens.contestId, contestId), eq(contestTokens.kind, 'host'))),
      ...[...new Set(userIds)].map((userId) => this.db.insert(contestTokens).values({ token: `host:${contestId}:${userId}`, contestId, kind: 'host', subjectId: userId, createdAt: this.now() })),
    ] as [never, ...never[]]);
  }

  /**
   * Whether a staff member may see the contest's device links and drive it: admins and organizers
   * always, a host only when an organizer assigned them to this contest.
   */
  async mayDrive(contestId: string, staff: { id: string; role: string }): Promise<boolean> {
    if (staff.role === 'admin' || staff.role === 'organizer') return true;
    if (staff.role !== 'host') return false;
    const [row] = await this.db.select({ t: contestTokens.token }).from(contestTokens).where(and(eq(contestTokens.contestId, contestId), eq(contestTokens.kind, 'host'), eq(contestTokens.subjectId, staff.id)));
    return Boolean(row);
  }

  async byId(id: string) {
    const [row] = await this.db.select({ id: contests.id, pin: contests.pin, title: contests.title, status: contests.status }).from(contests).where(eq(contests.id, id));
    return row ?? null;
  }

  /** The running contest, loaded on first use by replaying its log (the crash-recovery path). */
  runtime(id: string): Promise<ContestRuntime | null> {
    let loading = this.#runtimes.get(id);
    if (!loading) {
      // The process holding the lease (always, with one process) takes the contest over at once, so its
      // phase timer runs after a restart even if nobody presses a button.
      loading = this.#load(id).then(async (runtime) => {
        if (this.coord.holds(id)) await this.#own(runtime).catch(this.onError);
        return runtime;
      });
      this.#runtimes.set(id, loading);
      loading.catch(() => this.#runtimes.delete(id));
    }
    return loading.then((r) => r, () => null) as Promise<ContestRuntime | null>;
  }

  async #load(id: string): Promise<ContestRuntime> {
    const [row] = await this.db.select().from(contests).where(eq(contests.id, id));
    if (!row?.config) throw new Error(`contest ${id} not found`);
    const { state, seq, failed } = await this.#replayLog(id, row.config as ContestConfig);
    // One process: every stored member and answer. Several: the merged counters (Redis unreachable: the next sync reads them).
    await this.#desk.restore({ id, state }).catch((err: unknown) => {
      if (!this.#desk.shared) throw err;
      this.onError(err);
    });
    const deps = {
      writer: this.writer,
      now: this.now,
      changed: (runtime: ContestRuntime, events: ContestEvent[], owner: boolean) => {
        if (owner) void this.#statusFollow(runtime, events).catch(this.onError);
        this.#desk.changed(runtime, events, owner);
        for (const l of this.#listeners) l(runtime, events);
      },
      // Rebuilt from the log (and the devices following it told), so what they see is what was committed.
      broken: (broken: string) => void this.#reload(broken).catch(this.onError),
      holds: () => this.coord.holds(id),
      logged: (entry: LogEntry) => this.coord.publish({ type: 'entry', contestId: entry.contestId, entry }),
    };
    const runtime = new ContestRuntime(id, row.pin, row.rehearsal, state, seq, deps);
    if (failed) this.#replayFailed(runtime, failed.seq, failed.reason);
    // With a shared tally the leaderboard is the shared one, as of the last reveal.
    const last = state.core.openings.filter((o) => o.revealed).at(-1);
    if (this.#desk.shared && last) await this.#desk.readBoard(runtime, last.openingId).catch(this.onError);
    return runtime;
  }

  /** The contest's state as its log makes it (the audience is not in the log: see `AudienceDesk.restore`). */
  #replayLog(id: string, config: ContestConfig) {
    return replayLog(this.#readLog, id, config);
  }

  /** Keeps the contests table's status in step with the engine (for the PIN lookup and the setup page). */
  async #statusFollow(runtime: ContestRuntime, events: ContestEvent[]) {
    const phase = runtime.state.core.phase;
    const status = phase === 'finished' ? 'finished' : phase === 'lobby' ? null : 'live';
    if (status && events.some((e) => e.type === 'phase' || e.type === 'finished')) await this.db.update(contests).set({ status }).where(eq(contests.id, runtime.id));
  }

  /** Records a staff member's contest action in the audit log, through the writer (same durability as the log). */
  audit(userId: string, action: string, target: string, detail: unknown): Promise<void> {
    return createAudit(this.writer, this.now)(userId, action, target, detail);
  }

  /** Stops every timer and gives up the leases, so another process can take over at once (shutdown). */
  async stopAll() {
    this.#desk.stop();
    // What this process took from its phones reaches the shared tally before it goes.
    await this.#desk.sync().catch(this.onError);
    for (const r of this.#runtimes.values()) void r.then((x) => x.stop()).catch(() => undefined);
    await this.coord.close();
  }

  /** The contest's record as a workbook (see `contestRecordWorkbook`), in the page's language. */
  async exportRecord(id: string, locale: Locale = 'zh-CN'): Promise<{ title: string; data: Uint8Array } | null> {
    const runtime = await this.runtime(id);
    if (!runtime) return null;
    let s = runtime.state;
    if (this.#desk.shared) {
      // This process's replica holds only its own phones' members: the record is built from the database.
      s = (await this.#replayLog(id, runtime.state.config)).state;
      await this.#desk.restore({ id, state: s }, true);
    }
    const codes = [...new Set([...s.config.teams.flatMap((t) => (t.county ? [t.county] : [])), ...Object.keys(s.audience.participants)])];
    const names = codes.length ? await this.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes)) : [];
    const data = await contestRecordWorkbook(s, new Map(names.map((r) => [r.code, r.name])), locale);
    return { title: s.config.title ?? id, data };
  }
}
