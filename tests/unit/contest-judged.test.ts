import { describe, expect, it } from 'vitest';
import { aggregateScores, viewFor } from '../../shared/contest';
import { config, Driver, judge } from './contest-fixtures';

const T0 = 5_000_000;
const JUDGES = ['j1', 'j2', 'j3', 'j4', 'j5'].map((id, i) => ({ id, name: `评委${i + 1}` }));

function judged(extra: Record<string, unknown> = {}) {
  const d = new Driver(config([{ id: 'show', title: '健康科普展示', kind: 'judged', judges: JUDGES, ...extra }]));
  d.host({ type: 'contest:start' }, T0);
  return d;
}

describe('judged round (评分)', () => {
  it('aggregates by mean and by mean without the highest and lowest', () => {
    expect(aggregateScores([9, 8, 10], 'mean')).toBe(9);
    expect(aggregateScores([9.2, 8.8, 9.6, 7.0, 9.9], 'trimmed-mean')).toBe(9.2);
    expect(aggregateScores([85, 90, 88], 'mean')).toBe(87.67);
  });

  it('judges score the performing team live; the trimmed mean is added when the last judge has scored', () => {
    const d = judged({ aggregate: 'trimmed-mean', maxScore: 10 });
    d.host({ type: 'judging:open' }, T0 + 1_000);
    expect(d.phase).toBe('judging');
    expect(d.state.core.judging!.teamId).toBe('zhang');
    const scores = [9.2, 8.8, 9.6, 7.0, 9.9];
    JUDGES.slice(0, 4).forEach((j, i) => d.ok(judge(j.id), { type: 'judge:score', teamId: 'zhang', score: scores[i] }, T0 + 2_000 + i));
    expect(d.events).toEqual([{ type: 'judge-score', judgeId: 'j4', teamId: 'zhang', score: 7 }]);
    expect(viewFor(d.state, { role: 'screen' }, T0 + 3_000).judging).toMatchObject({
      teamId: 'zhang',
      scores: { j1: 9.2, j2: 8.8, j3: 9.6, j4: 7 },
    });
    expect(d.score('zhang')).toBe(100);
    d.ok(judge('j5'), { type: 'judge:score', teamId: 'zhang', score: 9.9 }, T0 + 3_000);
    expect(d.phase).toBe('scored');
    expect(d.score('zhang')).toBe(109.2);
    expect(d.state.core.judging!.results.zhang).toEqual({ scores: { j1: 9.2, j2: 8.8, j3: 9.6, j4: 7, j5: 9.9 }, aggregate: 9.2, delta: 9.2 });
    expect(d.events).toContainEqual({ type: 'judged', teamId: 'zhang', aggregate: 9.2, delta: 9.2 });
  });

  it('adds the weighted mean; the host can close with the scores in hand; every team once', () => {
    const d = judged({ aggregate: 'mean', weight: 0.2, teams: ['wang', 'li'] });
    expect(d.err({ role: 'host' }, { type: 'judging:open', teamId: 'zhang' }, T0 + 500)).toEqual({
      code: 'contest/unknown-team',
      params: { teamId: 'zhang' },
    });
    d.host({ type: 'judging:open' }, T0 + 1_000);
    expect(d.state.core.judging!.teamId).toBe('wang');
    expect(d.err({ role: 'host' }, { type: 'answer:lock' }, T0 + 1_100)).toEqual({ code: 'contest/not-enough-scores', params: { min: 1 } });
    d.ok(judge('j1'), { type: 'judge:score', teamId: 'wang', score: 90 }, T0 + 2_000);
    d.ok(judge('j2'), { type: 'judge:score', teamId: 'wang', score: 85 }, T0 + 2_000);
    d.host({ type: 'answer:lock' }, T0 + 3_000); // three judges' phones died
    expect(d.score('wang')).toBe(117.5);
    expect(d.err({ role: 'host' }, { type: 'judging:open', teamId: 'wang' }, T0 + 4_000)).toEqual({ code: 'contest/already-judged' });
    d.host({ type: 'judging:open' }, T0 + 4_000);
    expect(d.state.core.judging!.teamId).toBe('li');
    for (const j of JUDGES) d.ok(judge(j.id), { type: 'judge:score', teamId: 'li', score: 80 }, T0 + 5_000);
    expect(d.score('li')).toBe(116);
    expect(d.err({ role: 'host' }, { type: 'judging:open' }, T0 + 6_000)).toEqual({ code: 'contest/no-more-teams' });
  });

  it('refuses strangers, the wrong team, a second score and scores out of range', () => {
    const d = judged({ maxScore: 10, aggregate: 'trimmed-mean' });
    expect(d.err(judge('j1'), { type: 'judge:score', teamId: 'zhang', score: 9 }, T0 + 500).code).toBe('contest/wrong-phase');
    d.host({ type: 'judging:open', teamId: 'li' }, T0 + 1_000);
    expect(d.err(judge('j9'), { type: 'judge:score', teamId: 'li', score: 9 }, T0 + 2_000)).toEqual({ code: 'contest/not-a-judge' });
    expect(d.err(judge('j1'), { type: 'judge:score', teamId: 'zhang', score: 9 }, T0 + 2_000)).toEqual({ code: 'contest/not-current-team' });
    expect(d.err(judge('j1'), { type: 'judge:score', teamId: 'li', score: 10.5 }, T0 + 2_000)).toEqual({
      code: 'contest/score-out-of-range',
      params: { min: 0, max: 10 },
    });
    expect(d.err(judge('j1'), { type: 'judge:score', teamId: 'li', score: 9.125 }, T0 + 2_000).code).toBe('contest/score-out-of-range');
    d.ok(judge('j1'), { type: 'judge:score', teamId: 'li', score: 9 }, T0 + 2_000);
    expect(d.err(judge('j1'), { type: 'judge:score', teamId: 'li', score: 8 }, T0 + 2_100)).toEqual({ code: 'contest/already-scored' });
    d.ok(judge('j2'), { type: 'judge:score', teamId: 'li', score: 8 }, T0 + 2_200);
    // A trimmed mean needs three scores before the host may close.
    expect(d.err({ role: 'host' }, { type: 'answer:lock' }, T0 + 3_000)).toEqual({ code: 'contest/not-enough-scores', params: { min: 3 } });
    expect(viewFor(d.state, judge('j1'), T0 + 3_000)).toMatchObject({ role: 'judge', me: { judgeId: 'j1', judgesThisRound: true, scored: 9 } });
  });
});
