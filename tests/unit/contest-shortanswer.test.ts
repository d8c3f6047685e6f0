import { describe, expect, it } from 'vitest';
import { contestConfigSchema, contestQuestionSchema, viewFor, type ContestQuestion } from '../../shared/contest';
import { config, Driver, member, SCREEN, single, team, TEAMS } from './contest-fixtures';

const T0 = 1_000_000;

function shortAnswer(id: string): ContestQuestion {
  return contestQuestionSchema.parse({
    id,
    type: 'shortanswer',
    stem: `简答题 ${id}：请说出心肺复苏时胸外按压的频率和深度。`,
    answer: `参考答案 ${id}：每分钟100～120次，深度5～6厘米。`,
    explanation: `解析 ${id}：按压过慢过浅都达不到效果。`,
    topic: 'first-aid',
    difficulty: 2,
    literacy: { edition: '2024', item: 60 },
    revision: 1,
  }) as ContestQuestion;
}

function oralRound() {
  return new Driver(
    config([{ id: 'r1', title: '必答题（口答）', kind: 'compulsory', questions: [shortAnswer('sa-1'), single('c-1')], timeLimitMs: 60_000, correctPoints: 20, wrongPoints: -10 }]),
  );
}

describe('short answer (简答/口答) in a compulsory round', () => {
  it('the host judges each team aloud; the reveal scores every verdict and needs all of them', () => {
    const d = oralRound();
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    expect(d.phase).toBe('answering');
    // Teams answer aloud: no device answer, and the audience does not play along.
    expect(d.err(team('zhang'), { type: 'answer:submit', options: [0] }, T0 + 2_000)).toEqual({ code: 'contest/answer-mode' });
    expect(d.state.core.audienceDeadline).toBeNull();
    d.host({ type: 'answer:judge', verdict: 'correct', teamId: 'zhang' }, T0 + 10_000);
    d.host({ type: 'answer:judge', verdict: 'correct', teamId: 'li' }, T0 + 20_000);
    expect(d.err({ role: 'host' }, { type: 'answer:judge', verdict: 'correct' }, T0 + 21_000)).toEqual({ code: 'contest/not-answering-team' });
    d.host({ type: 'answer:lock' }, T0 + 30_000);
    expect(d.err({ role: 'host' }, { type: 'question:reveal' }, T0 + 31_000)).toEqual({ code: 'contest/judge-first' });
    // A verdict can still be changed before the reveal (the host misclicked).
    d.host({ type: 'answer:judge', verdict: 'incorrect', teamId: 'li' }, T0 + 32_000);
    d.host({ type: 'answer:judge', verdict: 'incorrect', teamId: 'wang' }, T0 + 33_000);
    expect(d.score('zhang')).toBe(100);
    d.host({ type: 'question:reveal' }, T0 + 34_000);
    expect(d.state.core.scores).toEqual({ zhang: 120, li: 90, wang: 90 });
    expect(d.err({ role: 'host' }, { type: 'answer:judge', verdict: 'correct', teamId: 'li' }, T0 + 35_000).code).toBe('contest/wrong-phase');
  });

  it('shows the reference answer to the host only, and on the big screen once revealed', () => {
    const d = oralRound();
    d.host({ type: 'contest:start' }, T0);
    d.host({ type: 'question:open' }, T0 + 1_000);
    const reference = '参考答案 sa-1：每分钟100～120次，深度5～6厘米。';
    expect(viewFor(d.state, { role: 'host' }, T0 + 1_000).question).toMatchObject({ type: 'shortanswer', options: [], reference });
    for (const viewer of [SCREEN, team('zhang'), member('m1')]) {
      const json = JSON.stringify(viewFor(d.state, viewer, T0 + 1_000));
      expect(json).not.toContain('参考答案');
    }
    for (const t of TEAMS) d.host({ type: 'answer:judge', verdict: 'correct', teamId: t.id }, T0 + 5_000);
    d.host({ type: 'answer:lock' }, T0 + 6_000);
    expect(JSON.stringify(viewFor(d.state, SCREEN, T0 + 6_000))).not.toContain('参考答案');
    d.host({ type: 'question:reveal' }, T0 + 7_000);
    expect(viewFor(d.state, SCREEN, T0 + 7_000).question).toMatchObject({ reference });
  });

  it('refuses a short answer in a round where nobody judges it aloud', () => {
    const rounds = (kind: 'risk' | 'buzzer', extra: Record<string, unknown> = {}) => [{ id: 'r1', title: '环节', kind, questions: [shortAnswer('sa-1')], ...extra }];
    const risk = contestConfigSchema.safeParse({ title: '竞赛', teams: TEAMS, rounds: rounds('risk', { stakes: [10, 20] }) });
    expect(risk.success).toBe(false);
    expect(risk.error!.issues[0]).toMatchObject({ path: ['rounds', 0, 'questions', 0, 'type'], params: { key: 'contest/shortanswer-round' } });
    expect(contestConfigSchema.safeParse({ title: '竞赛', teams: TEAMS, rounds: rounds('buzzer', { answerMode: 'device' }) }).success).toBe(false);
    expect(contestConfigSchema.safeParse({ title: '竞赛', teams: TEAMS, rounds: rounds('buzzer', { answerMode: 'oral' }) }).success).toBe(true);
  });
});
