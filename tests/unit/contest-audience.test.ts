import { describe, expect, it } from 'vitest';
import { countyTally, memberView, publicView, reduce, viewFor, type ContestState } from '../../shared/contest';
import { audienceView } from '../../shared/contest/audience-view';
import { config, Driver, member, single } from './contest-fixtures';

const T0 = 8_000_000;

function contest(extra: Record<string, unknown> = {}) {
  return new Driver(
    config(
      [
        { id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1', 1), single('c-2', 2)], timeLimitMs: 20_000 },
        { id: 'r2', title: '抢答题', kind: 'buzzer', questions: [single('b-1', 0)], audience: false },
      ],
      extra,
    ),
  );
}

describe('audience play-along', () => {
  it('scores right answers with a capped speed bonus, only counted once the question is revealed', () => {
    const d = contest({ audience: { pointsPerCorrect: 100, speedBonusMax: 50, leaderboardSize: 2 } });
    d.ok(member('fast', '131003'), { type: 'audience:join', nickname: '快' }, T0);
    d.ok(member('slow'), { type: 'audience:join', nickname: '慢', county: '131002' }, T0);
    d.ok(member('wrong'), { type: 'audience:join', nickname: '错', county: '131002' }, T0);
    d.ok(member('late'), { type: 'audience:join', nickname: '迟' }, T0);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.ok(member('fast'), { type: 'audience:answer', options: [1] }, T0 + 1_000);
    d.ok(member('slow'), { type: 'audience:answer', options: [1] }, T0 + 16_000);
    d.ok(member('wrong'), { type: 'audience:answer', options: [3] }, T0 + 2_000);
    expect(d.err(member('late'), { type: 'audience:answer', options: [1] }, T0 + 21_001)).toEqual({ code: 'contest/too-late' });
    expect(d.err(member('fast'), { type: 'audience:answer', options: [2] }, T0 + 3_000)).toEqual({ code: 'contest/already-answered' });
    expect(d.err(member('nobody'), { type: 'audience:answer', options: [1] }, T0 + 3_000)).toEqual({ code: 'contest/not-joined' });
    expect(d.err(member('late'), { type: 'audience:answer', options: [9] }, T0 + 3_000)).toEqual({
      code: 'contest/unknown-option',
      params: { index: 10 },
    });
    // Before the reveal: own answer, no result, no score.
    expect(memberView(d.state, 'fast')).toMatchObject({ answer: [1], result: null, score: 0, rank: null });
    d.host({ type: 'answer:lock' }, T0 + 21_000);
    d.host({ type: 'question:reveal' }, T0 + 22_000);
    expect(memberView(d.state, 'fast')).toMatchObject({ score: 150, correct: 1, rank: 1, ranked: 4, result: { correct: true, points: 150 } });
    expect(memberView(d.state, 'slow')).toMatchObject({ score: 112, rank: 2 });
    expect(memberView(d.state, 'wrong')).toMatchObject({ score: 0, rank: 3, result: { correct: false, points: 0 } });
    expect(memberView(d.state, 'late')).toMatchObject({ score: 0, rank: 3, answer: null, result: null });
    expect(d.state.core.board!.top.map((e) => [e.memberId, e.score, e.rank])).toEqual([
      ['fast', 150, 1],
      ['slow', 112, 2],
    ]);
    expect(countyTally(d.state.audience, d.state.core)).toEqual([
      { county: '131002', participants: 2, answers: 2, correct: 1 },
      { county: '131003', participants: 1, answers: 1, correct: 1 },
    ]);
    expect(viewFor(d.state, { role: 'screen' }, T0 + 22_000)).toMatchObject({
      audience: { joined: 4, answered: 3, revealed: { answers: 3, correct: 2, optionCounts: [0, 2, 0, 1] } },
    });
  });

  it('a phone merging an older personal part with a newer question drops the stale answer and result', () => {
    const d = contest();
    d.ok(member('m1'), { type: 'audience:join', nickname: '甲' }, T0);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.ok(member('m1'), { type: 'audience:answer', options: [1] }, T0 + 2_000);
    d.host({ type: 'answer:lock' }, T0 + 21_000);
    d.host({ type: 'question:reveal' }, T0 + 22_000);
    // The last personal part the phone received: its answer and result to the first question.
    const mine = memberView(d.state, 'm1');
    expect(mine).toMatchObject({ answer: [1], result: { correct: true }, openingId: d.state.core.question!.openingId });
    expect(audienceView(publicView(d.state, T0 + 22_000), mine).me).toMatchObject({ answer: [1], result: { correct: true } });
    // The next question opens: only the public part is broadcast; the phone shows no answer yet.
    d.host({ type: 'question:next' }, T0 + 23_000);
    d.host({ type: 'question:open' }, T0 + 24_000);
    const merged = audienceView(publicView(d.state, T0 + 24_000), mine);
    expect(merged.me).toMatchObject({ answer: null, result: null, score: mine.score, rank: mine.rank });
    expect(merged.me).toEqual({ ...memberView(d.state, 'm1'), openingId: null });
  });

  it('keeps the county tally honest: right answers count only once revealed; a county cannot change after answering', () => {
    const d = contest();
    d.ok(member('a'), { type: 'audience:join', nickname: '甲', county: '131003' }, T0);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.ok(member('a'), { type: 'audience:answer', options: [1] }, T0 + 2_000);
    expect(countyTally(d.state.audience, d.state.core)).toEqual([{ county: '131003', participants: 1, answers: 1, correct: 0 }]);
    expect(d.err(member('a'), { type: 'audience:join', nickname: '甲', county: '131002' }, T0 + 3_000)).toEqual({ code: 'contest/county-locked' });
    d.ok(member('a'), { type: 'audience:join', nickname: '甲乙' }, T0 + 3_000); // a reconnect keeps the county
    expect(d.state.audience.members.a).toMatchObject({ nickname: '甲乙', county: '131003' });
    d.ok(member('b'), { type: 'audience:join', nickname: '乙', county: '131003' }, T0 + 3_000);
    d.ok(member('b'), { type: 'audience:join', nickname: '乙', county: '131022' }, T0 + 3_100); // not answered yet: may move
    expect(d.state.audience.participants).toEqual({ '131003': 1, '131022': 1 });
  });

  it('refuses answers when the round has no audience play or no question is on screen', () => {
    const d = contest();
    d.ok(member('a'), { type: 'audience:join', nickname: '甲' }, T0);
    expect(d.err(member('a'), { type: 'audience:answer', options: [1] }, T0)).toEqual({ code: 'contest/wrong-phase', params: { phase: 'lobby' } });
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'round:next' }, T0 + 1_000);
    d.host({ type: 'question:open' }, T0 + 2_000);
    expect(d.err(member('a'), { type: 'audience:answer', options: [0] }, T0 + 3_000)).toEqual({ code: 'contest/audience-closed' });
  });

  it('processes 10,000 audience answers in place, O(1) each', () => {
    const d = contest();
    const N = 10_000;
    const counties = ['131002', '131003', '131022', '131023', '131024'];
    let state: ContestState = d.state;
    const joinStart = performance.now();
    for (let i = 0; i < N; i++) {
      const r = reduce(state, { type: 'audience:join', nickname: `观众${i}` }, { now: T0 + i, actor: member(`m${i}`, counties[i % 5]) });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      state = r.state;
    }
    const joinMs = performance.now() - joinStart;
    d.state = state;
    d.host({ type: 'contest:start' }, T0 + 20_000);
    d.host({ type: 'question:open' }, T0 + 21_000);
    state = d.state;
    const opening = state.core.question!.openingId!;
    const start = performance.now();
    for (let i = 0; i < N; i++) {
      const r = reduce(
        state,
        { type: 'audience:answer', options: [i % 4], openingId: opening },
        { now: T0 + 21_000 + Math.floor(i / 2), actor: member(`m${i}`, counties[i % 5]) },
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      // The same object comes back: nothing is copied per answer.
      if (r.state !== state) throw new Error('audience answers must not copy the state');
    }
    const answerMs = performance.now() - start;
    d.state = state;
    const revealStart = performance.now();
    d.host({ type: 'answer:lock' }, T0 + 41_000);
    d.host({ type: 'question:reveal' }, T0 + 42_000);
    const revealMs = performance.now() - revealStart;
    console.log(
      `10,000 audience: joins ${joinMs.toFixed(1)} ms, answers ${answerMs.toFixed(1)} ms (${((answerMs / N) * 1000).toFixed(2)} µs each), reveal with leaderboard ${revealMs.toFixed(1)} ms`,
    );
    expect(state.audience.stats[opening]).toMatchObject({ answers: N, correct: N / 4, optionCounts: [2_500, 2_500, 2_500, 2_500] });
    expect(d.state.core.board!.ranked).toBe(N);
    expect(d.state.core.board!.top[0]).toMatchObject({ memberId: 'm1', score: 150, rank: 1 });
    expect(countyTally(d.state.audience, d.state.core).reduce((s, c) => s + c.answers, 0)).toBe(N);
  });
});
