import { describe, expect, it } from 'vitest';
import { aggregateScores, judgeOutliers, median, viewFor, type HostView, type JudgeView } from '../../shared/contest';
import { config, Driver, HOST, judge } from './contest-fixtures';

const T0 = 5_000_000;
const JUDGES = ['j1', 'j2', 'j3', 'j4', 'j5'].map((id, i) => ({ id, name: `评委${i + 1}` }));

function judged(extra: Record<string, unknown> = {}) {
  const d = new Driver(config([{ id: 'show', title: '健康科普展示', kind: 'judged', judges: JUDGES, ...extra }]));
  d.host({ type: 'contest:start' }, T0);
  return d;
}

const hostView = (d: Driver, now: number) => viewFor(d.state, HOST, now) as HostView;

describe('judged round (评分)', () => {
  it('aggregates by mean and by mean without the highest and lowest', () => {
    expect(aggregateScores([9, 8, 10], 'mean')).toBe(9);
    expect(aggregateScores([9.2, 8.8, 9.6, 7.0, 9.9], 'trimmed-mean')).toBe(9.2);
    expect(aggregateScores([85, 90, 88], 'mean')).toBe(87.67);
  });

  it('flags a score more than 20% of the scale from the median, and only with three scores or more', () => {
    expect(median([92, 9, 90, 88])).toBe(89);
    expect(judgeOutliers({ j1: 92, j2: 9, j3: 90, j4: 88 }, 0, 100)).toEqual(['j2']);
    // 20 points on a 0–100 scale is the limit itself: not flagged; 21 is.
    expect(judgeOutliers({ j1: 70, j2: 90, j3: 90 }, 0, 100)).toEqual([]);
    expect(judgeOutliers({ j1: 69, j2: 90, j3: 90 }, 0, 100)).toEqual(['j1']);
    // On a 0–10 scale the limit is 2 points.
    expect(judgeOutliers({ j1: 9.2, j2: 8.8, j3: 9.6, j4: 7.0, j5: 9.9 }, 0, 10)).toEqual(['j4']);
    expect(judgeOutliers({ j1: 9, j2: 90 }, 0, 100)).toEqual([]);
  });

  it('a judge may change a score until the host closes; nothing is added or shown before the host publishes', () => {
    const d = judged({ aggregate: 'trimmed-mean', maxScore: 10 });
    d.host({ type: 'judging:open' }, T0 + 1_000);
    expect(d.phase).toBe('judging');
    expect(d.state.core.judging!.teamId).toBe('zhang');
    const scores = [9.2, 8.8, 9.6, 7.0, 9.9];
    JUDGES.forEach((j, i) => d.ok(judge(j.id), { type: 'judge:score', teamId: 'zhang', score: scores[i] }, T0 + 2_000 + i));
    // The last judge scoring no longer finalizes the round.
    expect(d.phase).toBe('judging');
    expect(d.score('zhang')).toBe(100);
    // j4 meant 9.0: changes it while judging is open.
    d.ok(judge('j4'), { type: 'judge:score', teamId: 'zhang', score: 9 }, T0 + 2_500);
    expect(d.state.journal.at(-1)).toMatchObject({ type: 'judge-score', judgeId: 'j4', score: 9, previous: 7 });
    // The screen sees who has scored, never the scores.
    const screen = viewFor(d.state, { role: 'screen' }, T0 + 3_000);
    expect(screen.judging).toMatchObject({ teamId: 'zhang', scored: ['j1', 'j2', 'j3', 'j4', 'j5'], closed: false, results: {} });
    expect(JSON.stringify(screen)).not.toContain('9.6');
    expect(hostView(d, T0 + 3_000).judgeReview).toMatchObject({ teamId: 'zhang', scores: { j1: 9.2, j2: 8.8, j3: 9.6, j4: 9, j5: 9.9 }, outliers: [], aggregate: 9.27 });
    d.host({ type: 'judging:close' }, T0 + 4_000);
    expect(d.err(judge('j1'), { type: 'judge:score', teamId: 'zhang', score: 5 }, T0 + 4_100)).toEqual({ code: 'contest/judging-closed' });
    expect(d.score('zhang')).toBe(100);
    d.host({ type: 'judging:publish' }, T0 + 5_000);
    expect(d.phase).toBe('scored');
    expect(d.score('zhang')).toBe(109.27);
    expect(d.state.core.judging!.results.zhang).toEqual({ scores: { j1: 9.2, j2: 8.8, j3: 9.6, j4: 9, j5: 9.9 }, aggregate: 9.27, delta: 9.27 });
    expect(d.events).toContainEqual({ type: 'judged', teamId: 'zhang', aggregate: 9.27, delta: 9.27 });
  });

  it('review: a typo (9 for 92) is flagged; the host sends it back with a reason; the judge rescores; then publish', () => {
    const d = judged({ teams: ['li'] });
    d.host({ type: 'judging:open' }, T0 + 1_000);
    const typed = { j1: 92, j2: 90, j3: 9, j4: 88, j5: 91 };
    for (const [j, score] of Object.entries(typed)) d.ok(judge(j), { type: 'judge:score', teamId: 'li', score }, T0 + 2_000);
    d.host({ type: 'answer:lock' }, T0 + 3_000); // the lock key closes judging
    expect(d.state.core.judging!.closed).toBe(true);
    expect(hostView(d, T0 + 3_000).judgeReview).toMatchObject({ outliers: ['j3'], median: 90 });
    expect(d.err(HOST, { type: 'judging:return', judgeId: 'j9', reason: '请核对' }, T0 + 3_500)).toEqual({ code: 'contest/unknown-judge', params: { judgeId: 'j9' } });
    d.host({ type: 'judging:return', judgeId: 'j3', reason: '分数与其他评委相差很大，请核对' }, T0 + 4_000);
    expect(d.state.journal.at(-1)).toMatchObject({ type: 'judge-return', judgeId: 'j3', teamId: 'li', score: 9, reason: '分数与其他评委相差很大，请核对' });
    // Publishing waits for the returned score; the other judges stay frozen; the judge sees the reason.
    expect(d.err(HOST, { type: 'judging:publish' }, T0 + 4_100)).toEqual({ code: 'contest/scores-returned', params: { n: 1 } });
    expect(d.err(judge('j1'), { type: 'judge:score', teamId: 'li', score: 50 }, T0 + 4_100)).toEqual({ code: 'contest/judging-closed' });
    expect((viewFor(d.state, judge('j3'), T0 + 4_200) as JudgeView).me).toMatchObject({ returned: '分数与其他评委相差很大，请核对', canScore: true, scored: null });
    expect((viewFor(d.state, judge('j1'), T0 + 4_200) as JudgeView).me).toMatchObject({ returned: null, canScore: false, scored: 92 });
    expect(d.score('li')).toBe(100);
    d.ok(judge('j3'), { type: 'judge:score', teamId: 'li', score: 92 }, T0 + 5_000);
    expect(hostView(d, T0 + 5_000).judgeReview).toMatchObject({ outliers: [], returned: {}, aggregate: 90.6 });
    expect(d.err(judge('j3'), { type: 'judge:score', teamId: 'li', score: 93 }, T0 + 5_100)).toEqual({ code: 'contest/judging-closed' });
    d.host({ type: 'judging:publish' }, T0 + 6_000);
    expect(d.score('li')).toBe(190.6);
    // Undoing the publish takes the points back but keeps every judge's score for another look.
    d.host({ type: 'step:undo' }, T0 + 7_000);
    expect(d.score('li')).toBe(100);
    expect(d.state.core.judging!.scores.li).toEqual({ j1: 92, j2: 90, j3: 92, j4: 88, j5: 91 });
    expect(d.state.core.judging!.closed).toBe(true);
  });

  it('adds the weighted mean; the host can close with the scores in hand; every team once', () => {
    const d = judged({ aggregate: 'mean', weight: 0.2, teams: ['wang', 'li'] });
    expect(d.err(HOST, { type: 'judging:open', teamId: 'zhang' }, T0 + 500)).toEqual({
      code: 'contest/unknown-team',
      params: { teamId: 'zhang' },
    });
    d.host({ type: 'judging:open' }, T0 + 1_000);
    expect(d.state.core.judging!.teamId).toBe('wang');
    expect(d.err(HOST, { type: 'answer:lock' }, T0 + 1_100)).toEqual({ code: 'contest/not-enough-scores', params: { min: 1 } });
    expect(d.err(HOST, { type: 'judging:publish' }, T0 + 1_100)).toEqual({ code: 'contest/judging-open' });
    d.ok(judge('j1'), { type: 'judge:score', teamId: 'wang', score: 90 }, T0 + 2_000);
    d.ok(judge('j2'), { type: 'judge:score', teamId: 'wang', score: 85 }, T0 + 2_000);
    d.host({ type: 'judging:close' }, T0 + 3_000); // three judges' phones died
    d.host({ type: 'judging:publish' }, T0 + 3_100);
    expect(d.score('wang')).toBe(117.5);
    expect(d.err(HOST, { type: 'judging:open', teamId: 'wang' }, T0 + 4_000)).toEqual({ code: 'contest/already-judged' });
    d.host({ type: 'judging:open' }, T0 + 4_000);
    expect(d.state.core.judging!.teamId).toBe('li');
    for (const j of JUDGES) d.ok(judge(j.id), { type: 'judge:score', teamId: 'li', score: 80 }, T0 + 5_000);
    d.host({ type: 'judging:close' }, T0 + 5_500);
    d.host({ type: 'judging:publish' }, T0 + 5_600);
    expect(d.score('li')).toBe(116);
    expect(d.err(HOST, { type: 'judging:open' }, T0 + 6_000)).toEqual({ code: 'contest/no-more-teams' });
  });

  it('refuses strangers, the wrong team and scores out of range', () => {
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
    d.ok(judge('j2'), { type: 'judge:score', teamId: 'li', score: 8 }, T0 + 2_200);
    // A trimmed mean needs three scores before the host may close.
    expect(d.err(HOST, { type: 'answer:lock' }, T0 + 3_000)).toEqual({ code: 'contest/not-enough-scores', params: { min: 3 } });
    expect(viewFor(d.state, judge('j1'), T0 + 3_000)).toMatchObject({ role: 'judge', me: { judgeId: 'j1', judgesThisRound: true, scored: 9, canScore: true } });
  });
});
