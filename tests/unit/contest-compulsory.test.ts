import { describe, expect, it } from 'vitest';
import { config, Driver, multiple, single, truefalse } from './contest-fixtures';

const T0 = 1_000_000;

function compulsory(extra: Record<string, unknown> = {}) {
  return new Driver(
    config([
      {
        id: 'r1',
        title: '必答题',
        kind: 'compulsory',
        questions: [single('c-1'), multiple('c-2'), truefalse('c-3', false)],
        timeLimitMs: 20_000,
        ...extra,
      },
      { id: 'r2', title: '抢答题', kind: 'buzzer', questions: [single('b-1')] },
    ]),
  );
}

describe('compulsory round (必答)', () => {
  it('opens the question with a deadline and a timer, locks when every team has answered, scores at the reveal', () => {
    const d = compulsory({ wrongPoints: -5 });
    d.host({ type: 'contest:start' }, T0);
    expect(d.phase).toBe('round-intro');
    const events = d.host({ type: 'question:open' }, T0 + 1_000);
    expect(d.phase).toBe('answering');
    expect(d.state.core.deadline).toBe(T0 + 21_000);
    expect(events).toContainEqual({ type: 'timer', phaseId: d.state.phaseId, at: T0 + 21_000 });
    expect(events).toContainEqual({ type: 'phase', phase: 'answering', phaseId: d.state.phaseId });

    d.team('zhang', { type: 'answer:submit', options: [1] }, T0 + 3_000);
    // Answering does not change scores yet: the stage shows the answer only at the reveal.
    expect(d.events).toEqual([{ type: 'answered', teamId: 'zhang', at: T0 + 3_000 }]);
    d.team('li', { type: 'answer:submit', options: [2] }, T0 + 4_000);
    expect(d.phase).toBe('answering');
    d.team('wang', { type: 'answer:submit', options: [1] }, T0 + 5_000);
    expect(d.phase).toBe('locked');
    expect(d.state.core.deadline).toBeNull();
    expect(d.score('zhang')).toBe(100);

    d.host({ type: 'question:reveal' }, T0 + 6_000);
    expect(d.phase).toBe('revealed');
    expect(d.state.core.scores).toEqual({ zhang: 110, li: 95, wang: 110 });
    expect(d.state.core.question!.deltas).toEqual({ zhang: 10, li: -5, wang: 10 });
    expect(d.events).toContainEqual({ type: 'scores', scores: { zhang: 110, li: 95, wang: 110 } });
  });

  it('locks on the timer; a team that did not answer scores as wrong; late answers are refused', () => {
    const d = compulsory({ wrongPoints: -5, correctPoints: 20 });
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0);
    d.team('zhang', { type: 'answer:submit', options: [1] }, T0 + 20_000); // exactly at the deadline: accepted
    expect(d.err({ role: 'team', teamId: 'li' }, { type: 'answer:submit', options: [1] }, T0 + 20_001)).toEqual({ code: 'contest/too-late' });
    d.expire(T0 + 20_002);
    expect(d.phase).toBe('locked');
    expect(d.err({ role: 'team', teamId: 'li' }, { type: 'answer:submit', options: [1] }, T0 + 20_003).code).toBe('contest/wrong-phase');
    d.host({ type: 'question:reveal' }, T0 + 21_000);
    expect(d.state.core.scores).toEqual({ zhang: 120, li: 95, wang: 95 });
  });

  it('the host can lock early; multiple choice needs all and only the right options; true/false has two options', () => {
    const d = compulsory();
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0);
    d.host({ type: 'answer:lock' }, T0 + 1_000);
    d.host({ type: 'question:reveal' }, T0 + 2_000);
    expect(d.state.core.scores).toEqual({ zhang: 100, li: 100, wang: 100 });
    d.host({ type: 'question:next' }, T0 + 3_000);
    expect(d.phase).toBe('question-ready');
    d.host({ type: 'question:open' }, T0 + 4_000);
    d.team('zhang', { type: 'answer:submit', options: [3, 0, 1] }, T0 + 5_000);
    d.team('li', { type: 'answer:submit', options: [0, 1] }, T0 + 5_000);
    d.team('wang', { type: 'answer:submit', options: [0, 1, 2, 3] }, T0 + 5_000);
    d.host({ type: 'question:reveal' }, T0 + 6_000);
    expect(d.state.core.scores).toEqual({ zhang: 110, li: 100, wang: 100 });
    d.host({ type: 'question:next' }, T0 + 7_000);
    d.host({ type: 'question:open' }, T0 + 8_000);
    expect(d.err({ role: 'team', teamId: 'zhang' }, { type: 'answer:submit', options: [2] }, T0 + 9_000)).toEqual({
      code: 'contest/unknown-option',
      params: { index: 3 },
    });
    expect(d.err({ role: 'team', teamId: 'zhang' }, { type: 'answer:submit', options: [0, 1] }, T0 + 9_000).code).toBe('contest/invalid-answer');
    d.team('zhang', { type: 'answer:submit', options: [1] }, T0 + 9_000); // 错误 is right
    expect(d.err({ role: 'team', teamId: 'zhang' }, { type: 'answer:submit', options: [0] }, T0 + 9_500).code).toBe('contest/already-answered');
    d.host({ type: 'answer:lock' }, T0 + 10_000);
    d.host({ type: 'question:reveal' }, T0 + 11_000);
    expect(d.score('zhang')).toBe(120);
    expect(d.err({ role: 'host' }, { type: 'question:next' }, T0 + 12_000).code).toBe('contest/no-more-questions');
    d.host({ type: 'round:next' }, T0 + 12_000);
    expect(d.state.core.roundIndex).toBe(1);
    expect(d.phase).toBe('round-intro');
    d.host({ type: 'round:next' }, T0 + 13_000);
    expect(d.phase).toBe('finished');
    expect(d.state.journal.at(-1)).toMatchObject({
      type: 'finish',
      standings: [
        { teamId: 'zhang', score: 120, rank: 1 },
        { teamId: 'li', score: 100, rank: 2 },
        { teamId: 'wang', score: 100, rank: 2 },
      ],
    });
    expect(d.err({ role: 'host' }, { type: 'question:open' }, T0 + 14_000).code).toBe('contest/finished');
  });

  it('records every question shown and every answer with its time', () => {
    const d = compulsory();
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 10);
    d.team('li', { type: 'answer:submit', options: [0] }, T0 + 20);
    const opening = d.state.core.question!.openingId!;
    expect(d.state.journal.map(({ seq, ...e }) => e)).toEqual([
      { type: 'contest-start', at: T0, round: -1, question: null },
      { type: 'round-start', roundId: 'r1', kind: 'compulsory', at: T0, round: 0, question: null },
      { type: 'question-shown', questionId: 'c-1', revision: 1, openingId: opening, at: T0 + 10, round: 0, question: 0 },
      { type: 'answer', teamId: 'li', options: [0], correct: false, at: T0 + 20, round: 0, question: 0 },
    ]);
  });
});
