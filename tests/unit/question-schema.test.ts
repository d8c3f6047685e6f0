import { describe, expect, it } from 'vitest';
import { isCorrect } from '../../shared/bank/answer';
import { answerIndexes, displayOptions, literacyDimension, normalizeText, questionSchema, type QuestionInput } from '../../shared/bank/question';
import { parseInput } from '../../shared/protocol/validate';

const single: QuestionInput = {
  id: 'salt-01',
  type: 'single',
  stem: '《中国居民膳食指南（2022）》建议成年人每天食盐摄入量不超过多少克？',
  options: ['3克', '5克', '6克', '10克'],
  answer: 'B',
  explanation: '膳食指南（2022）建议成年人每天摄入食盐不超过5克。',
  topic: 'nutrition',
  difficulty: 1,
  literacy: { edition: '2024', item: 30 },
};

function issuesOf(input: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const r = parseInput(questionSchema, input, locale);
  if (r.ok) throw new Error('expected a rejection');
  return r.error.issues ?? [];
}

describe('question schema', () => {
  it('accepts a single-choice question and fills defaults', () => {
    const r = questionSchema.parse(single);
    expect(r.tags).toEqual([]);
    expect(answerIndexes(r)).toEqual([1]);
  });

  it('trims text and rejects blank or control characters', () => {
    expect(questionSchema.parse({ ...single, stem: '  每天食盐不超过多少克？  ' }).stem).toBe('每天食盐不超过多少克？');
    expect(issuesOf({ ...single, stem: '    ' }).map((i) => i.path)).toContain('stem');
    expect(issuesOf({ ...single, stem: '每天食盐\u0007不超过多少克' })[0]).toMatchObject({ path: 'stem', message: '题干包含不可见的控制字符' });
  });

  it('rejects an answer letter with no option, in both locales', () => {
    expect(issuesOf({ ...single, answer: 'E' })).toEqual([{ path: 'answer', message: '答案 E 没有对应的选项（共 4 个选项）' }]);
    expect(issuesOf({ ...single, answer: 'E' }, 'en')).toEqual([{ path: 'answer', message: 'Answer E has no matching option (4 options)' }]);
  });

  it('rejects repeated options, even when they differ only in width, case or punctuation', () => {
    const issues = issuesOf({ ...single, options: ['5克', '３克', '5 克。', '10克'] });
    expect(issues).toEqual([{ path: 'options.2', message: '选项 C 与选项 A 内容重复' }]);
  });

  it('checks multiple-choice keys: two or more letters, not all options, no repeats', () => {
    const multiple = { ...single, type: 'multiple' as const, options: ['血液', '性接触', '母婴', '握手'], answer: 'ABC' };
    expect(isCorrect(questionSchema.parse(multiple), [2, 0, 1])).toBe(true);
    expect(isCorrect(questionSchema.parse(multiple), [0, 1])).toBe(false);
    expect(issuesOf({ ...multiple, answer: 'A' })[0]!.message).toBe('多选题至少要有两个正确答案');
    expect(issuesOf({ ...multiple, answer: 'ABCD' })[0]!.message).toBe('多选题不能所有选项都正确');
    expect(issuesOf({ ...multiple, answer: 'AAB' })[0]!.message).toBe('答案中的字母 A 重复');
  });

  it('takes true/false answers as booleans and shows 正确 / 错误', () => {
    const tf = questionSchema.parse({ ...single, type: 'truefalse', options: undefined, answer: false });
    expect(answerIndexes(tf)).toEqual([1]);
    expect(displayOptions(tf)).toEqual(['正确', '错误']);
    expect(isCorrect(tf, [1])).toBe(true);
    expect(issuesOf({ ...single, type: 'truefalse', answer: 'A' }).map((i) => i.path)).toEqual(['answer']);
  });

  it('rejects unknown types, topics, items and ids', () => {
    expect(issuesOf({ ...single, type: 'essay' }).length).toBeGreaterThan(0);
    expect(issuesOf({ ...single, topic: 'astrology' }).map((i) => i.path)).toEqual(['topic']);
    expect(issuesOf({ ...single, literacy: { edition: '2024', item: 67 } }).map((i) => i.path)).toEqual(['literacy.item']);
    expect(issuesOf({ ...single, id: 'Bad ID' }).map((i) => i.path)).toEqual(['id']);
    expect(issuesOf(null).length).toBeGreaterThan(0);
  });

  it('maps item numbers to dimensions per edition', () => {
    expect([1, 24, 25, 52, 53, 66].map((i) => literacyDimension('2024', i))).toEqual(['knowledge', 'knowledge', 'lifestyle', 'lifestyle', 'skills', 'skills']);
    expect([25, 26, 59, 60].map((i) => literacyDimension('2015', i))).toEqual(['knowledge', 'lifestyle', 'lifestyle', 'skills']);
  });

  it('normalises text for duplicate detection', () => {
    expect(normalizeText('Ａ. 每天  5克！')).toBe(normalizeText('a每天5克'));
  });
});
