import { describe, expect, it } from 'vitest';
import { memberView, viewFor } from '../../shared/contest';
import { config, Driver, HOST, member, single, SYSTEM, team } from './contest-fixtures';

const T0 = 6_000_000;

function contest() {
  return new Driver(
    config([
      { id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('c-1'), single('c-2', 2)], timeLimitMs: 30_000 },
      { id: 'r2', title: '抢答题', kind: 'buzzer', questions: [single('b-1', 0), single('b-2', 3)], rebounds: 1 },
    ]),
  );
}

describe('pause and resume', () => {
  it('freezes the remaining time and restores it; the old timer is ignored, a new one is scheduled', () => {
    const d = contest();
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000); // deadline T0 + 31,000
    const running = d.state.phaseId;
    d.host({ type: 'contest:pause' }, T0 + 11_000);
    expect(d.events).toContainEqual({ type: 'paused' });
    expect(d.timer).toBeUndefined();
    expect(viewFor(d.state, { role: 'screen' }, T0 + 50_000)).toMatchObject({ paused: true, remainingMs: 20_000 });
    // The timer set before the pause fires on time: stale, nothing happens.
    const before = d.state;
    d.ok(SYSTEM, { type: 'timer:expire', phaseId: running }, T0 + 31_000);
    expect(d.state).toBe(before);
    expect(d.events).toEqual([]);
    expect(d.phase).toBe('answering');
    // Teams cannot answer while paused.
    expect(d.err(team('li'), { type: 'answer:submit', options: [1] }, T0 + 40_000)).toEqual({ code: 'contest/paused' });
    expect(d.err(HOST, { type: 'contest:pause' }, T0 + 40_000)).toEqual({ code: 'contest/already-paused' });
    d.host({ type: 'contest:resume' }, T0 + 71_000);
    expect(d.state.core.deadline).toBe(T0 + 91_000);
    expect(d.timer).toEqual({ type: 'timer', phaseId: d.state.phaseId, at: T0 + 91_000 });
    expect(viewFor(d.state, { role: 'screen' }, T0 + 81_000)).toMatchObject({ paused: false, remainingMs: 10_000 });
    expect(d.state.journal.at(-1)).toMatchObject({ type: 'resume', pausedMs: 60_000 });
    d.team('li', { type: 'answer:submit', options: [1] }, T0 + 90_000); // would have been late without the pause
    expect(d.err(HOST, { type: 'contest:resume' }, T0 + 90_001)).toEqual({ code: 'contest/not-paused' });
  });

  it('keeps the audience window and the speed bonus fair across a pause', () => {
    const d = contest();
    d.ok(member('m1'), { type: 'audience:join', nickname: '小明' }, T0);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000); // audience window 30 s
    d.host({ type: 'contest:pause' }, T0 + 16_000);
    expect(d.err(member('m1'), { type: 'audience:answer', options: [1] }, T0 + 20_000)).toEqual({ code: 'contest/paused' });
    d.host({ type: 'contest:resume' }, T0 + 100_000);
    d.ok(member('m1'), { type: 'audience:answer', options: [1] }, T0 + 100_000); // 15 s of 30 left
    expect(d.state.audience.members.m1!.answers[0]!.points).toBe(125);
  });
});

describe('stale timers', () => {
  it('an expiry for an older phase is a no-op, not an error', () => {
    const d = contest();
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    const old = d.state.phaseId;
    for (const t of ['zhang', 'li', 'wang']) d.team(t, { type: 'answer:submit', options: [1] }, T0 + 2_000);
    expect(d.phase).toBe('locked');
    const before = d.state;
    d.ok(SYSTEM, { type: 'timer:expire', phaseId: old }, T0 + 31_000);
    expect(d.state).toBe(before);
    expect(d.events).toEqual([]);
    // A timer for the current phase when that phase has no time limit: also nothing.
    d.ok(SYSTEM, { type: 'timer:expire', phaseId: d.state.phaseId }, T0 + 31_000);
    expect(d.state).toBe(before);
    // Nor after the finish.
    d.host({ type: 'question:reveal' }, T0 + 31_500);
    d.host({ type: 'round:next' }, T0 + 32_000);
    d.host({ type: 'round:next' }, T0 + 33_000);
    expect(d.phase).toBe('finished');
    const finished = d.state;
    d.ok(SYSTEM, { type: 'timer:expire', phaseId: d.state.phaseId }, T0 + 34_000);
    d.ok(SYSTEM, { type: 'timer:expire', phaseId: 0 }, T0 + 34_000);
    expect(d.state).toBe(finished);
  });
});

describe('score corrections', () => {
  it('adjusts a score with a reason in any phase, logged as a correction', () => {
    const d = contest();
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'score:adjust', teamId: 'li', delta: -2.5, reason: '  仲裁：答案表述不完整  ' }, T0 + 1_000);
    expect(d.score('li')).toBe(97.5);
    expect(d.events).toEqual([
      { type: 'correction', teamId: 'li', delta: -2.5, reason: '仲裁：答案表述不完整' },
      { type: 'scores', scores: { zhang: 100, li: 97.5, wang: 100 } },
    ]);
    expect(d.state.journal.at(-1)).toMatchObject({ type: 'correction', teamId: 'li', delta: -2.5, reason: '仲裁：答案表述不完整', at: T0 + 1_000 });
    expect(d.err(HOST, { type: 'score:adjust', teamId: 'li', delta: 5 }, T0).code).toBe('contest/invalid-command');
    expect(d.err(HOST, { type: 'score:adjust', teamId: 'li', delta: 5, reason: '   ' }, T0).code).toBe('contest/invalid-command');
    expect(d.err(HOST, { type: 'score:adjust', teamId: 'li', delta: 0, reason: '无' }, T0).code).toBe('contest/invalid-command');
    expect(d.err(HOST, { type: 'score:adjust', teamId: 'nobody', delta: 5, reason: '无' }, T0)).toEqual({
      code: 'contest/unknown-team',
      params: { teamId: 'nobody' },
    });
  });
});

describe('undo', () => {
  function buzzing() {
    const d = contest();
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'round:next' }, T0 + 1_000);
    d.host({ type: 'question:open' }, T0 + 2_000);
    d.host({ type: 'buzz:open' }, T0 + 3_000);
    d.team('li', { type: 'buzz:press' }, T0 + 3_500); // answer deadline T0 + 23,500
    d.team('wang', { type: 'buzz:press' }, T0 + 3_600);
    return d;
  }

  it('takes back a mistaken judgement exactly: score, phase, answering team, and the time that was left', () => {
    const d = buzzing();
    const before = d.state.core;
    d.host({ type: 'answer:judge', verdict: 'incorrect' }, T0 + 8_500); // li had 15 s left
    expect(d.score('li')).toBe(90);
    expect(d.state.core.question!.answering).toBe('wang');
    const reboundPhase = d.state.phaseId;
    expect(viewFor(d.state, HOST, T0 + 8_600)).toMatchObject({ undo: { type: 'answer:judge' } });
    d.host({ type: 'step:undo' }, T0 + 12_500);
    expect(d.score('li')).toBe(100);
    expect(d.phase).toBe('answering');
    expect(d.state.core.question!.answering).toBe('li');
    expect(d.state.core.question!.attempts).toEqual([]);
    expect(d.state.core.deadline).toBe(T0 + 27_500); // 15 s left again
    expect(d.state.phaseId).toBeGreaterThan(reboundPhase); // ids never go back
    expect(d.timer).toEqual({ type: 'timer', phaseId: d.state.phaseId, at: T0 + 27_500 });
    // Every deadline moved by the 4 s the mistake stood, the audience's included.
    expect(d.state.core).toEqual({ ...before, deadline: T0 + 27_500, audienceDeadline: before.audienceDeadline! + 4_000 });
    expect(d.events).toContainEqual({ type: 'undo', undone: 'answer:judge' });
    // The rebound's timer belongs to the undone future.
    const now = d.state;
    d.ok(SYSTEM, { type: 'timer:expire', phaseId: reboundPhase }, T0 + 28_500);
    expect(d.state).toBe(now);
    // Both the mistake and its undo stay in the record.
    expect(d.state.journal.slice(-2).map((e) => e.type)).toEqual(['judgement', 'undo']);
    expect(d.state.journal.at(-1)).toMatchObject({ type: 'undo', undoneType: 'answer:judge' });
    d.host({ type: 'answer:judge', verdict: 'correct' }, T0 + 13_000);
    expect(d.score('li')).toBe(110);
  });

  it('takes back a score adjustment, even one made during a pause, without rewinding what happened since', () => {
    const d = buzzing();
    d.host({ type: 'contest:pause' }, T0 + 5_000);
    d.host({ type: 'score:adjust', teamId: 'zhang', delta: 10, reason: '补记上一题得分' }, T0 + 6_000);
    expect(d.score('zhang')).toBe(110);
    d.host({ type: 'contest:resume' }, T0 + 10_000); // answer deadline moves to T0 + 28,500
    expect(d.state.core.deadline).toBe(T0 + 28_500);
    d.expire(T0 + 28_500); // li times out, wang gets the rebound
    const { phaseId, core } = d.state;
    d.host({ type: 'step:undo' }, T0 + 29_000);
    expect(d.events).toEqual([
      { type: 'undo', undone: 'score:adjust' },
      { type: 'scores', scores: { zhang: 100, li: 90, wang: 100 } },
    ]);
    expect(d.state.core).toEqual({ ...core, scores: { zhang: 100, li: 90, wang: 100 } });
    expect(d.state.phaseId).toBe(phaseId);
    // Next on the stack: the host's buzz:open (the buzzes and the timeout were not host steps).
    d.host({ type: 'step:undo' }, T0 + 30_000);
    expect(d.phase).toBe('question-shown');
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 100, wang: 100 });
  });

  it('can undo while paused: the restored phase keeps the time it had and stays frozen', () => {
    const d = buzzing();
    d.host({ type: 'answer:judge', verdict: 'incorrect' }, T0 + 13_500); // li had 10 s left
    d.host({ type: 'contest:pause' }, T0 + 14_000);
    d.host({ type: 'step:undo' }, T0 + 50_000);
    expect(d.timer).toBeUndefined();
    expect(viewFor(d.state, HOST, T0 + 90_000)).toMatchObject({ paused: true, remainingMs: 10_000, phase: 'answering' });
    d.host({ type: 'contest:resume' }, T0 + 100_000);
    expect(d.timer).toEqual({ type: 'timer', phaseId: d.state.phaseId, at: T0 + 110_000 });
  });

  it('takes back a reveal, including the scores it applied and the audience points', () => {
    const d = contest();
    d.ok(member('m1'), { type: 'audience:join', nickname: '小明' }, T0);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.ok(member('m1'), { type: 'audience:answer', options: [1] }, T0 + 1_000);
    for (const t of ['zhang', 'li']) d.team(t, { type: 'answer:submit', options: [1] }, T0 + 2_000);
    d.host({ type: 'answer:lock' }, T0 + 3_000);
    const locked = d.state.core;
    d.host({ type: 'question:reveal' }, T0 + 4_000);
    expect(d.state.core.scores).toEqual({ zhang: 110, li: 110, wang: 100 });
    expect(memberView(d.state, 'm1')).toMatchObject({ score: 150, rank: 1, result: { correct: true, points: 150 } });
    d.host({ type: 'step:undo' }, T0 + 5_000);
    expect(d.phase).toBe('locked');
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 100, wang: 100 });
    expect(d.state.core).toEqual({ ...locked, audienceDeadline: locked.audienceDeadline! + 1_000 });
    expect(memberView(d.state, 'm1')).toMatchObject({ score: 0, rank: null, result: null, answer: [1] });
    expect(viewFor(d.state, team('wang'), T0 + 5_000).question!.key).toBeUndefined();
    d.host({ type: 'question:reveal' }, T0 + 6_000);
    expect(memberView(d.state, 'm1')).toMatchObject({ score: 150, rank: 1 });
  });

  it('walks back several steps in order and says when there is nothing left', () => {
    const d = contest();
    expect(d.err(HOST, { type: 'step:undo' }, T0)).toEqual({ code: 'contest/nothing-to-undo' });
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    d.team('li', { type: 'answer:submit', options: [1] }, T0 + 2_000);
    d.host({ type: 'step:undo' }, T0 + 3_000); // back to the round intro: the answer goes with it
    expect(d.phase).toBe('round-intro');
    expect(d.state.core.question).toBeNull();
    expect(d.state.core.openings).toEqual([]);
    d.host({ type: 'step:undo' }, T0 + 4_000);
    expect(d.phase).toBe('lobby');
    expect(d.err(HOST, { type: 'step:undo' }, T0 + 5_000)).toEqual({ code: 'contest/nothing-to-undo' });
  });

  it('refuses a host click made on a stale screen', () => {
    const d = buzzing();
    const seen = d.state.phaseId;
    d.ok(SYSTEM, { type: 'timer:expire', phaseId: seen }, T0 + 23_500); // li timed out; wang is answering now
    expect(d.err(HOST, { type: 'answer:judge', verdict: 'correct', phaseId: seen }, T0 + 23_600)).toEqual({
      code: 'contest/stale-phase',
      params: { phaseId: d.state.phaseId },
    });
    d.host({ type: 'answer:judge', verdict: 'correct', phaseId: d.state.phaseId }, T0 + 23_700);
    expect(d.score('wang')).toBe(110);
  });
});
