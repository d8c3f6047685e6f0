import { z } from 'zod';
import { text } from '../protocol/text.js';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'shortanswer'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** Types a player answers by picking options: what online quizzes and device answers can take. */
export const CHOICE_TYPES = ['single', 'multiple', 'truefalse'] as const;
export type ChoiceType = (typeof CHOICE_TYPES)[number];

export { TOPICS, TOPIC_IDS, type Topic } from './topics.js';
import { TOPIC_IDS } from './topics.js';

export const DIFFICULTIES = [1, 2, 3] as const; // 易 / 中 / 难

/** Editions of 《中国公民健康素养—基本知识与技能》 a question can be tagged with. */
export const LITERACY_EDITIONS = ['2015', '2024'] as const;
export type LiteracyEdition = (typeof LITERACY_EDITIONS)[number];
export type LiteracyDimension = 'knowledge' | 'lifestyle' | 'skills';

/** Where each edition's dimensions end: 2024 has 24 / 28 / 14 items, 2015 had 25 / 34 / 7. */
const DIMENSION_BOUNDS: Record<LiteracyEdition, [number, number]> = { '2024': [24, 52], '2015': [25, 59] };

export const DIMENSION_LABELS: Record<LiteracyDimension, { 'zh-CN': string; en: string }> = {
  knowledge: { 'zh-CN': '基本健康知识和理念', en: 'Basic knowledge and concepts' },
  lifestyle: { 'zh-CN': '健康生活方式与行为', en: 'Healthy lifestyle and behaviour' },
  skills: { 'zh-CN': '健康基本技能', en: 'Basic health skills' },
};

/** The dimension an item belongs to in its edition (item numbers differ between editions). */
export function literacyDimension(edition: LiteracyEdition, item: number): LiteracyDimension {
  const [knowledgeEnd, lifestyleEnd] = DIMENSION_BOUNDS[edition];
  if (item <= knowledgeEnd) return 'knowledge';
  if (item <= lifestyleEnd) return 'lifestyle';
  return 'skills';
}

export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/**
 * The tag that marks a question for adult audiences (contraception, condoms, abortion). A family final
 * has members aged 8 and up, so campaigns and contests can leave these questions out.
 */
export const ADULT_AUDIENCE_TAG = '成人受众';

/** Whether a question is for adult audiences only. */
export const isAdultOnly = (q: Pick<Question, 'tags'>): boolean => q.tags.includes(ADULT_AUDIENCE_TAG);

export const questionIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/);

const literacySchema = z.object({
  edition: z.enum(LITERACY_EDITIONS),
  item: z.number().int().min(1).max(66),
});

const common = {
  id: questionIdSchema,
  stem: text(4, 500),
  explanation: text(4, 1000),
  topic: z.enum(TOPIC_IDS),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  literacy: literacySchema,
  tags: z.array(text(1, 30)).max(10).default([]),
  source: text(1, 200).optional(),
};

const choiceOptions = z.array(text(1, 200)).min(2).max(OPTION_LETTERS.length);

/**
 * A bank question. Choice answers are option letters (`"B"`, `"ACD"`), as organizers write them in
 * Excel; true/false answers are booleans. Refinements check what a type cannot: the key points at
 * existing options, no option repeats, a multiple-choice key has 2+ letters and is not "all of them".
 */
export const questionSchema = z
  .discriminatedUnion('type', [
    z.object({ ...common, type: z.literal('single'), options: choiceOptions, answer: z.string().regex(/^[A-F]$/) }),
    z.object({
      ...common,
      type: z.literal('multiple'),
      options: choiceOptions.min(3),
      answer: z.string().regex(/^[A-F]{1,6}$/),
    }),
    z.object({ ...common, type: z.literal('truefalse'), answer: z.boolean() }),
    /**
     * 简答/口答: a team answers aloud on stage and the host judges it right or wrong. `answer` is the
     * reference answer, shown to the host only and revealed on the big screen after judging.
     */
    z.object({ ...common, type: z.literal('shortanswer'), answer: text(1, 500) }),
  ])
  .superRefine((q, ctx) => {
    if (q.type === 'truefalse' || q.type === 'shortanswer') return;
    const letters = [...q.answer];
    const seen = new Set<string>();
    for (const letter of letters) {
      const index = OPTION_LETTERS.indexOf(letter as (typeof OPTION_LETTERS)[number]);
      if (index >= q.options.length) {
        ctx.addIssue({ code: 'custom', path: ['answer'], params: { key: 'question/answer-out-of-range', letter, count: q.options.length } });
      }
      if (seen.has(letter)) ctx.addIssue({ code: 'custom', path: ['answer'], params: { key: 'question/answer-duplicate', letter } });
      seen.add(letter);
    }
    if (q.type === 'multiple' && seen.size < 2) {
      ctx.addIssue({ code: 'custom', path: ['answer'], params: { key: 'question/multiple-needs-two' } });
    }
    if (q.type === 'multiple' && seen.size === q.options.length) {
      ctx.addIssue({ code: 'custom', path: ['answer'], params: { key: 'question/multiple-not-all' } });
    }
    const normalized = q.options.map(normalizeText);
    normalized.forEach((option, i) => {
      const first = normalized.indexOf(option);
      if (first !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', i],
          params: { key: 'question/duplicate-option', a: OPTION_LETTERS[i]!, b: OPTION_LETTERS[first]! },
        });
      }
    });
  });

export type Question = z.output<typeof questionSchema>;
export type QuestionInput = z.input<typeof questionSchema>;

/** A bank file in `questions/bank/`: a named collection of questions. */
export const questionFileSchema = z.object({
  title: text(1, 100),
  questions: z.array(z.unknown()).min(1),
});

/** Folds case, width and punctuation/space so "A. 5克" and "a．５克 " compare equal. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The correct option indexes of a choice question (true/false: 0 = 正确, 1 = 错误; short answer: none). */
export function answerIndexes(q: Question): number[] {
  if (q.type === 'truefalse') return [q.answer ? 0 : 1];
  if (q.type === 'shortanswer') return [];
  return [...q.answer].map((l) => OPTION_LETTERS.indexOf(l as (typeof OPTION_LETTERS)[number])).sort((a, b) => a - b);
}

/** What a player may see before the reveal: never the answer or the explanation. */
export interface PublicQuestion {
  id: string;
  revision: number;
  type: QuestionType;
  stem: string;
  options: string[];
}

/** The options a player sees; true/false questions show 正确 / 错误 (or the English pair). */
export function displayOptions(q: Question, locale: 'zh-CN' | 'en' = 'zh-CN'): string[] {
  if (q.type === 'shortanswer') return [];
  if (q.type !== 'truefalse') return q.options;
  return locale === 'zh-CN' ? ['正确', '错误'] : ['True', 'False'];
}
