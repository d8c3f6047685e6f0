import { describe, expect, it } from 'vitest';
import { checkBank } from '../../shared/bank/bank-check';
import { errorMessage, pickLocale } from '../../shared/i18n/messages';
import { flattenRegions, regionNodeSchema } from '../../shared/region/region';

const q = (id: string, stem: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'truefalse',
  stem,
  answer: true,
  explanation: '这是一条用于测试的解析说明。',
  topic: 'concepts',
  difficulty: 1,
  literacy: { edition: '2024', item: 1 },
  ...extra,
});

describe('locale', () => {
  it('picks Chinese by default and honours English', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('fr-FR')).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-TW')).toBe('zh-CN');
    expect(errorMessage('region/not-found', 'en', { code: '131003' })).toBe('No such region: 131003');
  });
});

describe('regions', () => {
  it('flattens a tree and refuses level jumps and duplicate codes', () => {
    const tree = regionNodeSchema.parse({
      code: '130000', name: '河北省', level: 'province',
      children: [{ code: '131000', name: '廊坊市', level: 'city', children: [{ code: '131003', name: '广阳区', level: 'county' }, { code: '131003', name: '重复', level: 'county' }] },
        { code: '131001', name: '跳级', level: 'county' }],
    });
    const { regions, problems } = flattenRegions(tree);
    expect(regions[2]).toEqual({ code: '131003', name: '广阳区', level: 'county', parentCode: '131000' });
    expect(problems).toEqual(['duplicate code 131003', '131001 跳级: level county cannot sit under province 130000']);
    expect(regionNodeSchema.safeParse({ code: '13', name: 'x', level: 'city' }).success).toBe(false);
  });
});

describe('bank check', () => {
  it('reports file, id and field for each problem, and duplicates across files', () => {
    const { questions, problems } = checkBank([
      { name: 'a.json', content: { title: 'A', questions: [q('a-1', '吸烟有害健康，低焦油卷烟同样有害。'), q('a-2', '短', { answer: 'yes' })] } },
      { name: 'b.json', content: { title: 'B', questions: [q('a-1', '另一道完全不同的题目内容在这里。'), q('b-2', '吸烟有害健康，低焦油卷烟同样有害！')] } },
      { name: 'c.json', content: null, jsonError: 'Unexpected token' },
      { name: 'd.json', content: { questions: [] } },
    ]);
    expect(questions.map((x) => x.id)).toEqual(['a-1', 'b-2']);
    expect(problems).toEqual([
      { file: 'a.json', id: 'a-2', field: 'stem', message: expect.stringContaining('4') },
      { file: 'a.json', id: 'a-2', field: 'answer', message: expect.any(String) },
      { file: 'b.json', id: 'a-1', field: 'id', message: 'duplicate id (also in a.json)' },
      { file: 'c.json', id: null, field: '(file)', message: 'Unexpected token' },
      { file: 'd.json', id: null, field: 'title', message: expect.any(String) },
      { file: 'd.json', id: null, field: 'questions', message: expect.any(String) },
      { file: 'b.json', id: 'b-2', field: 'stem', message: 'same stem as a-1' },
    ]);
  });

  it('flags near-duplicate stems but not merely related ones', () => {
    const { problems } = checkBank([
      { name: 'a.json', content: { title: 'A', questions: [
        q('n-1', '成年人每天食盐摄入量不超过5克。'),
        q('n-2', '成年人每天的食盐摄入量不超过5克。'),
        q('n-3', '成年人每天烹调油摄入量为25～30克。'),
      ] } },
    ]);
    expect(problems.map((p) => `${p.id}: ${p.message.split(' (')[0]}`)).toEqual(['n-2: near-duplicate of n-1']);
  });
});

describe('drawing questions', () => {
  it('fills every slice with distinct questions, reproducibly for a seed, and says which slice cannot be filled', async () => {
    const { drawQuestions, indexPool, seededRandom } = await import('../../shared/quiz/campaign');
    const pool = Array.from({ length: 40 }, (_, i) => ({
      revision: 1,
      question: { ...q(`p-${i}`, `题目${i}的题干内容`), type: (i % 2 ? 'truefalse' : 'single') as never, options: ['甲', '乙', '丙', '丁'], answer: (i % 2 ? true : 'A') as never },
    })) as never[];
    const mix = [{ count: 15, type: 'single' as const }, { count: 3 }];
    const a = drawQuestions(indexPool(pool, mix), mix, seededRandom(7));
    const b = drawQuestions(pool, mix, seededRandom(7));
    expect(a).toEqual(b);
    if (!a.ok) throw new Error('expected a draw');
    expect(new Set(a.drawn.map((d) => d.id)).size).toBe(18);
    expect(a.drawn.filter((d) => Number(d.id.slice(2)) % 2 === 0).length).toBeGreaterThanOrEqual(15);
    expect(drawQuestions(pool, [{ count: 21, type: 'single' }], seededRandom(1))).toEqual({ ok: false, slice: 0, available: 20 });
    expect(drawQuestions(pool, [{ count: 20, type: 'single' }, { count: 1, type: 'single' }], seededRandom(1))).toEqual({ ok: false, slice: 1, available: 0 });
  });
});

describe('grading', () => {
  it('maps shown positions back through the shuffle, needs all and only the right options, and scores out of 100', async () => {
    const { gradeAttempt } = await import('../../shared/quiz/campaign');
    const { questionSchema } = await import('../../shared/bank/question');
    const single = questionSchema.parse({ ...q('g-1', '成人每天食盐摄入量不超过多少'), type: 'single', options: ['5克', '8克', '10克', '12克'], answer: 'A' });
    const multiple = questionSchema.parse({ ...q('g-2', '乙肝病毒的传播途径有哪些'), type: 'multiple', options: ['血液', '性接触', '母婴', '握手'], answer: 'ABC' });
    const tf = questionSchema.parse(q('g-3', '吸烟有害健康'));
    const drawn = [
      { id: 'g-1', revision: 1, order: [3, 2, 0, 1] }, // 5克 is shown third
      { id: 'g-2', revision: 1, order: [3, 0, 1, 2] },
      { id: 'g-3', revision: 1, order: [] },
      { id: 'g-1', revision: 1, order: [0, 1, 2, 3] },
    ];
    const questions = [single, multiple, tf, single];
    // Right, right (shown 1, 2, 3 = original 0, 1, 2), right, unanswered.
    const g = gradeAttempt(drawn, questions, [[2], [3, 1, 2], [0], null], 60);
    expect(g.answers.map((a) => [a.chosen, a.correct])).toEqual([[[0], true], [[2, 0, 1], true], [[0], true], [[], false]]);
    expect(g).toMatchObject({ correctCount: 3, score: 75, passed: true, fullMarks: false });
    // Not all the right ones, one wrong one too, the wrong shown position, and a repeat that is still right.
    const h = gradeAttempt(drawn, questions, [[0], [1, 2], [1], [0, 0]], 60);
    expect(h.answers.map((a) => a.correct)).toEqual([false, false, false, true]);
    expect(h).toMatchObject({ correctCount: 1, score: 25, passed: false });
    expect(gradeAttempt(drawn, questions, [[2], [1, 2, 3], [0], [0]], 100)).toMatchObject({ score: 100, passed: true, fullMarks: true });
  });

  it('counts days in China Standard Time, whatever order the timestamps come in', async () => {
    const { chinaDay } = await import('../../shared/quiz/campaign');
    const midnight = Date.UTC(2026, 10, 24, 16); // 2026-11-25 00:00 in Beijing
    expect(chinaDay(midnight - 1)).toBe('2026-11-24');
    expect(chinaDay(midnight)).toBe('2026-11-25');
    expect(chinaDay(midnight - 1)).toBe('2026-11-24');
    expect(chinaDay(midnight + 24 * 3600_000 - 1)).toBe('2026-11-25');
    expect(chinaDay(midnight + 24 * 3600_000)).toBe('2026-11-26');
    expect(chinaDay(Date.UTC(2026, 11, 31, 15, 59))).toBe('2026-12-31');
    expect(chinaDay(Date.UTC(2026, 11, 31, 16))).toBe('2027-01-01');
  });
});

describe('public names', () => {
  it('lets family names through and stops links, contact details and abuse', async () => {
    const { nameProblem } = await import('../../shared/protocol/names');
    for (const ok of ['张家战队', '李小明', 'Happy Family 一家人', '大厂回族自治县王家', '2024健康先锋']) expect(nameProblem(ok), ok).toBeNull();
    expect(nameProblem('www.example.com')).toBe('name/link');
    expect(nameProblem('加我微信')).toBe('name/contact');
    expect(nameProblem('138 1234 5678')).toBe('name/contact');
    expect(nameProblem('ＦＵＣＫ')).toBe('name/abuse');
    expect(nameProblem('傻 逼')).toBe('name/abuse');
  });
});
