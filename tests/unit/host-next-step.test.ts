import { describe, expect, it } from 'vitest';
import { contestQuestionSchema, viewFor, type ContestQuestion, type HostView } from '../../shared/contest';
import { nextStep } from '../../client/src/contest/stage/next-step';
import { config, Driver, HOST, single } from './contest-fixtures';

const T0 = 1_000_000;
const oral = contestQuestionSchema.parse({
  id: 'sa-1', type: 'shortanswer', stem: '请说出成年人每天食盐摄入量的上限。', answer: '不超过5克。', explanation: '膳食指南建议每天不超过5克。',
  topic: 'nutrition', difficulty: 2, literacy: { edition: '2024', item: 27 }, revision: 1,
}) as ContestQuestion;

describe("host console's next step on a short answer", () => {
  it('asks for a verdict team by team, then locks, then reveals', () => {
    const d = new Driver(config([{ id: 'r1', title: '必答题', kind: 'compulsory', questions: [oral, single('c-1')] }]));
    const step = (now: number) => nextStep(viewFor(d.state, HOST, now) as HostView);
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0);
    expect(step(T0)).toMatchObject({ kind: 'verdict', teamId: 'zhang' });
    d.host({ type: 'answer:judge', verdict: 'correct', teamId: 'zhang' }, T0 + 1);
    expect(step(T0 + 1)).toMatchObject({ kind: 'verdict', teamId: 'li' });
    d.host({ type: 'answer:judge', verdict: 'incorrect', teamId: 'li' }, T0 + 2);
    d.host({ type: 'answer:judge', verdict: 'correct', teamId: 'wang' }, T0 + 3);
    expect(step(T0 + 3)).toMatchObject({ kind: 'command', command: { type: 'answer:lock' } });
    d.host({ type: 'answer:lock' }, T0 + 4);
    expect(step(T0 + 4)).toMatchObject({ kind: 'command', command: { type: 'question:reveal' } });
  });

  it('after the timer locks an unjudged question, still asks for the missing verdicts before the reveal', () => {
    const d = new Driver(config([{ id: 'r1', title: '必答题', kind: 'compulsory', questions: [oral], timeLimitMs: 10_000 }]));
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0);
    d.host({ type: 'answer:judge', verdict: 'correct', teamId: 'zhang' }, T0 + 1);
    d.expire(T0 + 10_001);
    expect(d.phase).toBe('locked');
    expect(nextStep(viewFor(d.state, HOST, T0 + 10_001) as HostView)).toMatchObject({ kind: 'verdict', teamId: 'li' });
  });
});
