import { describe, expect, it } from 'vitest';
import { audienceWindowMs, contestConfigSchema, isQuestionRound } from '../../shared/contest';
import { parseInput } from '../../shared/protocol/validate';
import { single, TEAMS } from './contest-fixtures';

const judges = [
  { id: 'j1', name: '评委一' },
  { id: 'j2', name: '评委二' },
];

function messages(input: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const r = parseInput(contestConfigSchema, input, locale);
  if (r.ok) throw new Error('expected a rejection');
  return r.error.issues!.map((i) => `${i.path}: ${i.message}`);
}

describe('contest config', () => {
  it('fills the defaults organizers expect', () => {
    const c = contestConfigSchema.parse({
      teams: TEAMS,
      rounds: [
        { id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('q-1')] },
        { id: 'r2', title: '抢答题', kind: 'buzzer', questions: [single('q-2')] },
        { id: 'r3', title: '风险题', kind: 'risk', questions: [single('q-3')], stakes: [10, 20, 30] },
        { id: 'r4', title: '加赛', kind: 'tiebreak', questions: [single('q-4')] },
        { id: 'r5', title: '才艺展示', kind: 'judged', judges },
      ],
    });
    expect(c.baseScore).toBe(100);
    expect(c.audience).toEqual({ pointsPerCorrect: 100, speedBonusMax: 50, leaderboardSize: 50 });
    const [compulsory, buzzer, risk, tiebreak, judged] = c.rounds;
    expect(compulsory).toMatchObject({ timeLimitMs: 30_000, correctPoints: 10, wrongPoints: 0, audience: true });
    expect(buzzer).toMatchObject({
      answerMode: 'oral',
      buzzWindowMs: 15_000,
      answerTimeMs: 20_000,
      correctPoints: 10,
      wrongPoints: -10,
      timeoutPoints: -10,
      falseStartPoints: -10,
      falseStartForfeits: false,
      rebounds: 0,
    });
    expect(risk).toMatchObject({ pickOrder: 'lowest-first', allowPass: false, stakeTimeMs: 20_000 });
    expect(judged).toMatchObject({ aggregate: 'mean', minScore: 0, maxScore: 100, weight: 1 });
    expect(audienceWindowMs(compulsory as never)).toBe(30_000);
    expect(audienceWindowMs(buzzer as never)).toBe(35_000);
    expect(isQuestionRound(tiebreak!)).toBe(true);
    expect(isQuestionRound(judged!)).toBe(false);
    // The question keeps its revision next to the key.
    expect(compulsory!.kind !== 'judged' && compulsory!.questions[0]).toMatchObject({ id: 'q-1', revision: 1, answer: 'B' });
  });

  it('refuses duplicates, impossible stakes, a trimmed mean without three judges and a bonus over the points', () => {
    const problems = messages({
      teams: [...TEAMS, { id: 'zhang', name: '又一个张家' }],
      audience: { pointsPerCorrect: 100, speedBonusMax: 150 },
      rounds: [
        { id: 'r1', title: '必答题', kind: 'compulsory', questions: [single('q-1')] },
        { id: 'r1', title: '风险题', kind: 'risk', questions: [single('q-1'), single('q-2'), single('q-3')], stakes: [10, 20] },
        { id: 'r3', title: '展示', kind: 'judged', judges, aggregate: 'trimmed-mean', teams: ['nobody'] },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'teams.3.id: 战队编号 zhang 重复',
        'audience.speedBonusMax: 速度加分上限不能超过答对得分（100）',
        'rounds.1.id: 环节编号 r1 重复',
        'rounds.1.questions.0.id: 题目 q-1 在比赛中出现了两次',
        'rounds.1.stakes: 风险题有 3 道，但分值只有 2 个，每个分值每队只能用一次',
        'rounds.2.aggregate: 去掉最高分和最低分至少需要 3 位评委',
        'rounds.2.teams.0: 没有这支战队：nobody',
      ]),
    );
    expect(messages({ teams: TEAMS.slice(0, 1), rounds: [] }, 'en').length).toBeGreaterThanOrEqual(2);
  });

  it('checks team size, county codes and question content', () => {
    const problems = messages({
      teams: [{ id: 'a', name: '甲', members: ['一', '二'] }, { id: 'b', name: '乙', county: '13' }],
      rounds: [{ id: 'r1', title: '必答', kind: 'compulsory', questions: [{ ...single('q-1'), answer: 'F' }] }],
    });
    expect(problems.some((p) => p.startsWith('teams.0.members'))).toBe(true);
    expect(problems.some((p) => p.startsWith('teams.1.county'))).toBe(true);
    expect(problems).toContain('rounds.0.questions.0.answer: 答案 F 没有对应的选项（共 4 个选项）');
  });
});
