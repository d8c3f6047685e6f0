import { describe, expect, it } from 'vitest';
import { config, Driver, single, team } from './contest-fixtures';

const T0 = 2_000_000;

function buzzer(extra: Record<string, unknown> = {}) {
  const d = new Driver(
    config([{ id: 'r1', title: '抢答题', kind: 'buzzer', questions: [single('b-1', 2), single('b-2', 0), single('b-3', 1)], ...extra }]),
  );
  d.host({ type: 'contest:start' }, T0);
  d.host({ type: 'question:open' }, T0 + 1_000);
  return d;
}

describe('buzzer round (抢答)', () => {
  it('shows the question without opening buzzing; the first buzz after the opening wins and gets the answer clock', () => {
    const d = buzzer();
    expect(d.phase).toBe('question-shown');
    expect(d.state.core.deadline).toBeNull();
    expect(d.timer).toBeUndefined();
    d.host({ type: 'buzz:open' }, T0 + 5_000);
    expect(d.phase).toBe('buzz-open');
    expect(d.timer).toEqual({ type: 'timer', phaseId: d.state.phaseId, at: T0 + 20_000 });
    d.team('li', { type: 'buzz:press' }, T0 + 5_120);
    expect(d.events).toContainEqual({ type: 'buzz', teamId: 'li', at: T0 + 5_120, position: 1 });
    expect(d.phase).toBe('answering');
    expect(d.state.core.question!.answering).toBe('li');
    expect(d.state.core.deadline).toBe(T0 + 25_120);
    // Without rebounds, nobody else can buzz once a team has the question.
    expect(d.err(team('zhang'), { type: 'buzz:press' }, T0 + 5_121)).toEqual({ code: 'contest/buzz-closed' });
    expect(d.err(team('li'), { type: 'buzz:press' }, T0 + 5_122)).toEqual({ code: 'contest/already-buzzed' });
    d.host({ type: 'answer:judge', verdict: 'correct' }, T0 + 9_000);
    expect(d.phase).toBe('locked');
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 110, wang: 100 });
    d.host({ type: 'question:reveal' }, T0 + 10_000);
    expect(d.state.core.question!.deltas).toEqual({ li: 10 });
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 110, wang: 100 });
  });

  it('costs points for a false start (once per question), a wrong answer and a timeout', () => {
    const d = buzzer({ falseStartPoints: -5, wrongPoints: -10, timeoutPoints: -15 });
    d.team('wang', { type: 'buzz:press' }, T0 + 2_000);
    expect(d.events).toContainEqual({ type: 'false-start', teamId: 'wang', at: T0 + 2_000, delta: -5 });
    expect(d.phase).toBe('question-shown');
    expect(d.score('wang')).toBe(95);
    expect(d.err(team('wang'), { type: 'buzz:press' }, T0 + 2_100)).toEqual({ code: 'contest/already-false-started' });
    d.host({ type: 'buzz:open' }, T0 + 3_000);
    // Without forfeit rules the team that false-started may still buzz.
    d.team('wang', { type: 'buzz:press' }, T0 + 3_500);
    d.host({ type: 'answer:judge', verdict: 'incorrect', teamId: 'wang' }, T0 + 6_000);
    expect(d.score('wang')).toBe(85);
    expect(d.phase).toBe('locked');
    d.host({ type: 'question:reveal' }, T0 + 7_000);
    expect(d.state.core.question!.deltas).toEqual({ wang: -15 });
    d.host({ type: 'question:next' }, T0 + 8_000);
    d.host({ type: 'question:open' }, T0 + 9_000);
    d.host({ type: 'buzz:open' }, T0 + 10_000);
    d.team('zhang', { type: 'buzz:press' }, T0 + 11_000);
    d.expire(T0 + 31_000);
    expect(d.phase).toBe('locked');
    expect(d.score('zhang')).toBe(85);
    expect(d.state.core.question!.attempts).toEqual([{ teamId: 'zhang', verdict: 'timeout', delta: -15, rebound: false, at: T0 + 31_000 }]);
  });

  it('under forfeit rules a false start bars the team from that question', () => {
    const d = buzzer({ falseStartForfeits: true });
    d.team('zhang', { type: 'buzz:press' }, T0 + 2_000);
    d.host({ type: 'buzz:open' }, T0 + 3_000);
    expect(d.err(team('zhang'), { type: 'buzz:press' }, T0 + 3_001)).toEqual({ code: 'contest/buzz-excluded' });
    d.team('li', { type: 'buzz:press' }, T0 + 3_002);
    expect(d.state.core.question!.answering).toBe('li');
  });

  it('passes a wrong answer or a timeout to the next team in buzz order (补答) as far as the rebounds go', () => {
    const d = buzzer({ rebounds: 1, reboundCorrectPoints: 5 });
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    d.team('li', { type: 'buzz:press' }, T0 + 2_300);
    d.team('wang', { type: 'buzz:press' }, T0 + 2_310);
    expect(d.events).toContainEqual({ type: 'buzz', teamId: 'wang', at: T0 + 2_310, position: 2 });
    // One rebound: the queue holds two teams.
    expect(d.err(team('zhang'), { type: 'buzz:press' }, T0 + 2_320)).toEqual({ code: 'contest/buzz-closed' });
    d.host({ type: 'answer:judge', verdict: 'incorrect' }, T0 + 5_000);
    expect(d.phase).toBe('answering');
    expect(d.state.core.question!.answering).toBe('wang');
    expect(d.state.core.deadline).toBe(T0 + 25_000);
    expect(d.timer).toEqual({ type: 'timer', phaseId: d.state.phaseId, at: T0 + 25_000 });
    expect(d.err({ role: 'host' }, { type: 'answer:judge', verdict: 'correct', teamId: 'li' }, T0 + 6_000)).toEqual({
      code: 'contest/not-answering-team',
    });
    d.host({ type: 'answer:judge', verdict: 'correct', teamId: 'wang' }, T0 + 6_000);
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 90, wang: 105 });
    expect(d.state.core.question!.attempts.map((a) => [a.teamId, a.verdict, a.delta, a.rebound])).toEqual([
      ['li', 'incorrect', -10, false],
      ['wang', 'correct', 5, true],
    ]);
    expect(d.phase).toBe('locked');

    // A timeout also hands over; with nobody left in the queue the question ends.
    d.host({ type: 'question:reveal' }, T0 + 7_000);
    d.host({ type: 'question:next' }, T0 + 8_000);
    d.host({ type: 'question:open' }, T0 + 9_000);
    d.host({ type: 'buzz:open' }, T0 + 10_000);
    d.team('zhang', { type: 'buzz:press' }, T0 + 10_500);
    d.expire(T0 + 30_500);
    expect(d.phase).toBe('locked');
    expect(d.score('zhang')).toBe(90);
  });

  it('drops the question when nobody buzzes within the window (or the host closes buzzing)', () => {
    const d = buzzer();
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    const phaseId = d.state.phaseId;
    expect(d.err(team('li'), { type: 'buzz:press' }, T0 + 17_001)).toEqual({ code: 'contest/too-late' });
    d.ok({ role: 'system' }, { type: 'timer:expire', phaseId }, T0 + 17_002);
    expect(d.phase).toBe('locked');
    expect(d.state.core.question!.dropped).toBe(true);
    expect(d.events).toContainEqual({ type: 'dropped' });
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 100, wang: 100 });
    d.host({ type: 'question:reveal' }, T0 + 18_000);
    d.host({ type: 'question:next' }, T0 + 19_000);
    d.host({ type: 'question:open' }, T0 + 20_000);
    d.host({ type: 'buzz:open' }, T0 + 21_000);
    d.host({ type: 'answer:lock' }, T0 + 22_000);
    expect(d.state.core.question!.dropped).toBe(true);
    expect(d.state.journal.filter((e) => e.type === 'dropped').map((e) => (e as { by: string }).by)).toEqual(['timer', 'host']);
  });

  it('in device mode the team answers on its device and the engine judges it; only the buzzing team may answer', () => {
    const d = buzzer({ answerMode: 'device', rebounds: 2 });
    d.host({ type: 'buzz:open' }, T0 + 2_000);
    d.team('wang', { type: 'buzz:press' }, T0 + 2_100);
    d.team('zhang', { type: 'buzz:press' }, T0 + 2_200);
    expect(d.err(team('zhang'), { type: 'answer:submit', options: [2] }, T0 + 3_000)).toEqual({ code: 'contest/not-answering-team' });
    expect(d.err({ role: 'host' }, { type: 'answer:judge', verdict: 'correct' }, T0 + 3_000)).toEqual({ code: 'contest/answer-mode' });
    d.team('wang', { type: 'answer:submit', options: [0] }, T0 + 4_000);
    expect(d.events).toContainEqual({ type: 'judgement', teamId: 'wang', verdict: 'incorrect', delta: -10, rebound: false });
    expect(d.state.core.question!.answering).toBe('zhang');
    expect(d.err(team('zhang'), { type: 'answer:submit', options: [2] }, T0 + 4_000 + 20_001)).toEqual({ code: 'contest/too-late' });
    d.team('zhang', { type: 'answer:submit', options: [2] }, T0 + 5_000);
    expect(d.state.core.scores).toEqual({ zhang: 110, li: 100, wang: 90 });
    expect(d.phase).toBe('locked');
  });

  it('in oral mode the host must judge before locking; in device mode a lock counts as a timeout', () => {
    const oral = buzzer();
    oral.host({ type: 'buzz:open' }, T0 + 2_000);
    oral.team('li', { type: 'buzz:press' }, T0 + 2_100);
    expect(oral.err({ role: 'host' }, { type: 'answer:lock' }, T0 + 3_000)).toEqual({ code: 'contest/judge-first' });
    const device = buzzer({ answerMode: 'device' });
    device.host({ type: 'buzz:open' }, T0 + 2_000);
    device.team('li', { type: 'buzz:press' }, T0 + 2_100);
    device.host({ type: 'answer:lock' }, T0 + 3_000);
    expect(device.score('li')).toBe(90);
    expect(device.state.core.question!.attempts[0]!.verdict).toBe('timeout');
  });
});
