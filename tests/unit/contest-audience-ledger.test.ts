import { describe, expect, it } from 'vitest';
import { buildBoard, countyTally, createContest, reduce, type ContestState } from '../../shared/contest';
import {
  aboveValue,
  boardValue,
  checkAnswer,
  countAnswer,
  emptyStats,
  localScore,
  mergeStats,
  recordAnswer,
  restoreAudience,
  sharedBoard,
  type StoredAnswer,
  type StoredMember,
} from '../../shared/contest/audience-ledger';
import { config, Driver, member, single } from './contest-fixtures';

const T0 = 8_000_000;
const COUNTIES = ['131002', '131003', null, '131022'];

function contest() {
  return new Driver(
    config([{ id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1', 1), single('c-2', 2)], timeLimitMs: 20_000 }], {
      audience: { pointsPerCorrect: 100, speedBonusMax: 50, leaderboardSize: 5 },
    }),
  );
}

/** A seeded sequence (mulberry32): the same members and answers on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('audience answers taken outside the contest log', () => {
  it('checks an answer by the engine rules without touching the replica', () => {
    const d = contest();
    d.ok(member('m1', '131003'), { type: 'audience:join', nickname: '甲' }, T0);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    const before = structuredClone(d.state.audience);
    const checked = checkAnswer(d.state, 'm1', { type: 'audience:answer', options: [1] }, T0 + 1_000);
    expect(checked).toMatchObject({ ok: true, answer: { openingId: d.state.core.question!.openingId, options: [1], correct: true, points: 150 }, optionCount: 4, county: '131003' });
    expect(d.state.audience).toEqual(before);
    expect(checkAnswer(d.state, 'nobody', { type: 'audience:answer', options: [1] }, T0 + 1_000)).toEqual({ ok: false, error: { code: 'contest/not-joined' } });
    expect(checkAnswer(d.state, 'm1', { type: 'audience:answer', options: [1] }, T0 + 21_001)).toEqual({ ok: false, error: { code: 'contest/too-late' } });
    expect(checkAnswer(d.state, 'm1', { type: 'audience:answer', options: [7] }, T0 + 2_000)).toMatchObject({ ok: false, error: { code: 'contest/unknown-option' } });
    // Once recorded, the same member cannot answer that opening again.
    if (!checked.ok) throw new Error('checked');
    recordAnswer(d.state.audience, d.state.audience.members.m1!, checked.answer, checked.optionCount, true);
    expect(checkAnswer(d.state, 'm1', { type: 'audience:answer', options: [2] }, T0 + 2_000)).toEqual({ ok: false, error: { code: 'contest/already-answered' } });
  });

  it('recording what the checks accepted gives the state the engine itself reaches, and per-process counters merge to the whole', () => {
    const random = rng(7);
    const viaEngine = contest();
    const viaLedger = contest();
    const ids = Array.from({ length: 60 }, (_, i) => `m${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) {
      const county = COUNTIES[i % COUNTIES.length] ?? undefined;
      for (const d of [viaEngine, viaLedger]) d.ok(member(id, county), { type: 'audience:join', nickname: `观众${i}` }, T0);
    }
    for (const d of [viaEngine, viaLedger]) d.host({ type: 'contest:start' }, T0);
    // Three processes, each counting the answers it took.
    const processes = [0, 1, 2].map(() => new Map<number, ReturnType<typeof emptyStats>>());
    for (const question of [0, 1]) {
      for (const d of [viaEngine, viaLedger]) d.host({ type: 'question:open' }, T0 + 100_000 * question);
      for (const id of ids) {
        if (random() < 0.2) continue;
        const at = T0 + 100_000 * question + Math.floor(random() * 19_000);
        const command = { type: 'audience:answer', options: [Math.floor(random() * 4)] };
        viaEngine.ok(member(id), command, at);
        const checked = checkAnswer(viaLedger.state, id, command, at);
        if (!checked.ok) throw new Error(checked.error.code);
        recordAnswer(viaLedger.state.audience, viaLedger.state.audience.members[id]!, checked.answer, checked.optionCount, true);
        const mine = processes[Math.floor(random() * 3)]!;
        countAnswer(mine.get(checked.answer.openingId) ?? (mine.set(checked.answer.openingId, emptyStats(checked.optionCount)), mine.get(checked.answer.openingId)!), checked.answer, checked.county);
      }
      for (const d of [viaEngine, viaLedger]) {
        d.host({ type: 'answer:lock' }, T0 + 100_000 * question + 21_000);
        d.host({ type: 'question:reveal' }, T0 + 100_000 * question + 22_000);
        if (question === 0) d.host({ type: 'question:next' }, T0 + 100_000 * question + 23_000);
      }
    }
    expect(viaLedger.state.audience).toEqual(viaEngine.state.audience);
    expect(viaLedger.state.core.board).toEqual(viaEngine.state.core.board);
    const openings = Object.keys(viaEngine.state.audience.stats).map(Number);
    expect(openings).toHaveLength(2);
    for (const openingId of openings) {
      const merged = mergeStats(processes.flatMap((p) => (p.get(openingId) ? [p.get(openingId)!] : [])));
      expect(merged).toEqual(viaEngine.state.audience.stats[openingId]);
    }
  });

  it('restores members and answers read back from the database to the state the contest had, leaderboard included', () => {
    const random = rng(11);
    const live = contest();
    const members: StoredMember[] = [];
    const answers: StoredAnswer[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `m${i}`;
      const county = COUNTIES[i % COUNTIES.length] ?? null;
      live.ok(member(id, county ?? undefined), { type: 'audience:join', nickname: `观众${i}` }, T0);
      members.push({ memberId: id, nickname: `观众${i}`, county, joinedAt: T0 });
    }
    live.host({ type: 'contest:start' }, T0);
    // The log holds the team-level steps only: the restored state starts from its replay.
    const teamLevel = createContest(live.config);
    const started = reduce(teamLevel, { type: 'contest:start' }, { now: T0, actor: { role: 'host' } });
    if (!started.ok) throw new Error(started.error.code);
    let replayed: ContestState = started.state;
    const host = (command: unknown, now: number) => {
      live.host(command, now);
      const r = reduce(replayed, command, { now, actor: { role: 'host' } });
      if (!r.ok) throw new Error(r.error.code);
      replayed = r.state;
    };
    host({ type: 'question:open' }, T0 + 1_000);
    for (const m of members) {
      if (random() < 0.3) continue;
      const at = T0 + 1_000 + Math.floor(random() * 19_000);
      const options = [Math.floor(random() * 4)];
      live.ok(member(m.memberId), { type: 'audience:answer', options }, at);
      const a = live.state.audience.members[m.memberId]!.answers.at(-1)!;
      answers.push({ memberId: m.memberId, openingId: a.openingId, options, at, correct: a.correct, points: a.points });
    }
    host({ type: 'answer:lock' }, T0 + 21_000);
    host({ type: 'question:reveal' }, T0 + 22_000);
    // The database hands rows back in no particular order.
    restoreAudience(replayed, [...members].reverse(), [...answers].reverse(), () => 4);
    expect(replayed.audience).toEqual(live.state.audience);
    expect(replayed.core.board).toEqual(live.state.core.board);
    expect(countyTally(replayed.audience, replayed.core)).toEqual(countyTally(live.state.audience, live.state.core));
  });

  it('ranks members on a shared board the way the engine ranks them: equal scores share a rank', () => {
    const d = contest();
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (const [i, id] of ids.entries()) d.ok(member(id, '131003'), { type: 'audience:join', nickname: `观众${i}` }, T0);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0);
    // Pairs answering at the same moment score the same.
    const when = [1_000, 1_000, 5_000, 5_000, 9_000];
    ids.slice(0, 5).forEach((id, i) => d.ok(member(id), { type: 'audience:answer', options: [i === 4 ? 0 : 1] }, T0 + when[i]!));
    d.host({ type: 'answer:lock' }, T0 + 21_000);
    d.host({ type: 'question:reveal' }, T0 + 22_000);
    const engine = buildBoard(d.state.audience, d.state.core, 5, 1);
    // What a sorted set holds, and how many members score above each score: as Redis would answer.
    const members = Object.values(d.state.audience.members).map((m) => ({ memberId: m.id, ...localScore(d.state, m), nickname: m.nickname, county: m.county }));
    const values = members.map((m) => ({ ...m, value: boardValue(m.score, m.correct) })).sort((x, y) => y.value - x.value);
    const above = new Map(members.map((m) => [m.score, values.filter((v) => v.value >= aboveValue(m.score)).length]));
    const shared = sharedBoard(values.slice(0, 5), members.length, above, members, 5, 1);
    expect(shared.top).toEqual(engine.top);
    expect(shared.ranks).toEqual(engine.ranks);
    expect(shared.ranked).toBe(engine.ranked);
  });
});
