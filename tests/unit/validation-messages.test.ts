import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { campaignSettingsSchema } from '../../shared/quiz/campaign';
import { questionSchema, type QuestionInput } from '../../shared/bank/question';
import { parseInput } from '../../shared/protocol/validate';

const question: QuestionInput = {
  id: 'salt-01',
  type: 'single',
  stem: '成年人每天食盐摄入量不超过多少克？',
  options: ['3克', '5克', '6克', '10克'],
  answer: 'B',
  explanation: '膳食指南（2022）建议成年人每天摄入食盐不超过5克。',
  topic: 'nutrition',
  difficulty: 1,
  literacy: { edition: '2024', item: 30 },
};

const campaign = {
  title: '健康素养答题',
  description: '',
  startsAt: 1,
  endsAt: 2,
  regionCode: '131000',
  mix: [{ count: 10 }],
  timeLimitSec: 600,
  attemptsPerDay: 2,
  attemptsTotal: 10,
  counting: 'best',
  passMark: 60,
  showExplanations: true,
  fields: { name: false, phone: false, team: false },
  targets: {},
};

function messages(schema: z.ZodType, input: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const r = parseInput(schema, input, locale);
  if (r.ok) throw new Error('expected a rejection');
  return Object.fromEntries(r.error.issues!.map((i) => [i.path, i.message]));
}

describe('validation messages: a sentence in the reader’s language naming the field', () => {
  it('question fields, in Chinese and in English', () => {
    expect(messages(questionSchema, { ...question, stem: '太短' })).toEqual({ stem: '题干至少需要 4 个字' });
    expect(messages(questionSchema, { ...question, stem: '太短' }, 'en')).toEqual({ stem: 'The stem needs at least 4 characters' });
    expect(messages(questionSchema, { ...question, stem: '   ' })).toEqual({ stem: '题干至少需要 4 个字' });
    expect(messages(questionSchema, { ...question, options: ['3克', ''] })).toEqual({ 'options.1': '请填写选项 B' });
    expect(messages(questionSchema, { ...question, options: ['3克', ''] }, 'en')).toEqual({ 'options.1': 'Please fill in option B' });
    expect(messages(questionSchema, { ...question, options: ['3克'], answer: 'A' })).toEqual({ options: '选项至少需要 2 项' });
    expect(messages(questionSchema, { ...question, explanation: 'x'.repeat(1001) })).toEqual({ explanation: '解析最多 1000 个字' });
    expect(messages(questionSchema, { ...question, topic: 'astrology' })).toEqual({ topic: '请从列表中选择主题' });
    expect(messages(questionSchema, { ...question, literacy: { edition: '2024', item: 67 } })).toEqual({ 'literacy.item': '健康素养条目编号不能大于 66' });
    expect(messages(questionSchema, { ...question, literacy: { edition: '2024', item: 1.5 } }, 'en')).toEqual({ 'literacy.item': 'The health-literacy item number must be a whole number' });
    expect(messages(questionSchema, { ...question, stem: '每天食盐\u0007不超过多少克' }, 'en')).toEqual({ stem: 'The stem contains invisible control characters' });
  });

  it('campaign fields: units, list items and missing values', () => {
    expect(messages(campaignSettingsSchema, { ...campaign, timeLimitSec: 10 })).toEqual({ timeLimitSec: '答题限时不能小于 30 秒' });
    expect(messages(campaignSettingsSchema, { ...campaign, timeLimitSec: 10 }, 'en')).toEqual({ timeLimitSec: 'The time limit cannot be less than 30 seconds' });
    expect(messages(campaignSettingsSchema, { ...campaign, mix: [{ count: 10 }, { count: 0 }] })).toEqual({ 'mix.1.count': '第 2 组的题数不能小于 1' });
    expect(messages(campaignSettingsSchema, { ...campaign, mix: [{ count: 10 }, { count: 0 }] }, 'en')).toEqual({ 'mix.1.count': 'The number of questions of slice 2 cannot be less than 1' });
    expect(messages(campaignSettingsSchema, { ...campaign, title: undefined })).toEqual({ title: '请填写名称' });
    expect(messages(campaignSettingsSchema, { ...campaign, regionCode: 'x' })).toEqual({ regionCode: '地区的格式不正确' });
  });

  it('never passes zod’s own wording through', () => {
    const all = [
      ...Object.values(messages(questionSchema, { ...question, stem: 'x', options: [''], explanation: 5, difficulty: 9 })),
      ...Object.values(messages(campaignSettingsSchema, { ...campaign, mix: [], passMark: 'a', counting: 'x', fields: null }, 'en')),
    ];
    for (const m of all) expect(m).not.toMatch(/期望|过小|过大|无效输入|expected|Invalid input|Too small|Too big/i);
  });
});
