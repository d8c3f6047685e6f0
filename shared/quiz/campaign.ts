import { z } from 'zod';
import { isCorrect } from '../bank/answer.js';
import { CHOICE_TYPES, isAdultOnly, TOPIC_IDS, type Question } from '../bank/question.js';
import { regionCodeSchema } from '../region/region.js';
import { text } from '../protocol/text.js';

/** One slice of an attempt's mix: how many questions to draw matching these filters. */
export const mixEntrySchema = z.object({
  count: z.number().int().min(1).max(100),
  /** Online quizzes grade choices only: a short answer needs a host to judge it. */
  type: z.enum(CHOICE_TYPES).optional(),
  topic: z.enum(TOPIC_IDS).optional(),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
});
export type MixEntry = z.infer<typeof mixEntrySchema>;

/** Rules of an online quiz campaign, as the organizer sets them. */
export const campaignSettingsSchema = z
  .object({
    title: text(2, 100),
    description: text(0, 2000).default(''),
    startsAt: z.number().int().min(0),
    endsAt: z.number().int().min(0),
    /** The city (or county) whose counties take part. */
    regionCode: regionCodeSchema,
    /** Draw from this question set, or from the whole active bank when absent. */
    setId: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/).optional(),
    /** The attempt's mix; the counts add up to the questions per attempt. */
    mix: z.array(mixEntrySchema).min(1).max(20),
    timeLimitSec: z.number().int().min(30).max(3 * 60 * 60),
    attemptsPerDay: z.number().int().min(1).max(100),
    attemptsTotal: z.number().int().min(1).max(10_000),
    counting: z.enum(['best', 'latest']),
    /** Pass mark as a score out of 100. */
    passMark: z.number().min(0).max(100),
    showExplanations: z.boolean(),
    /** Leave out questions tagged for adult audiences (ADULT_AUDIENCE_TAG), e.g. for a family or school campaign. */
    excludeAdult: z.boolean().default(false),
    /**
     * When a participant sees the answers and explanations of an attempt: right after it, once the campaign
     * has ended (so the key cannot be collected by throwaway entries while it runs), or never. Campaigns
     * saved before this setting follow `showExplanations` (after each attempt, or never).
     */
    reveal: z.enum(['after-attempt', 'after-end', 'never']).optional(),
    /**
     * Seconds a person needs at least per question: an attempt submitted faster is flagged, kept out of the
     * public board and the statistics until an organizer accepts it. 0 turns the check off.
     */
    minSecondsPerQuestion: z.number().min(0).max(60).default(2),
    fields: z.object({ name: z.boolean(), phone: z.boolean(), team: z.boolean() }),
    /** Target participant count per county code (the roster), for participation rates. */
    targets: z.record(regionCodeSchema, z.number().int().min(0).max(100_000_000)).default({}),
  })
  .superRefine((s, ctx) => {
    if (s.endsAt <= s.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], params: { key: 'campaign/window' } });
    if (s.attemptsTotal < s.attemptsPerDay) ctx.addIssue({ code: 'custom', path: ['attemptsTotal'], params: { key: 'campaign/attempts' } });
  });
export type CampaignSettings = z.output<typeof campaignSettingsSchema>;

/** When a campaign shows answers and explanations (older campaigns: from `showExplanations`). */
export const revealOf = (s: Pick<CampaignSettings, 'reveal' | 'showExplanations'>) => s.reveal ?? (s.showExplanations ? 'after-attempt' : 'never');

export const questionsPerAttempt = (s: Pick<CampaignSettings, 'mix'>) => s.mix.reduce((n, m) => n + m.count, 0);

/** A seeded random source in [0, 1): the caller decides where randomness comes from. */
export type Random = () => number;

/** mulberry32: a small, fast, seedable PRNG for reproducible draws in tests and replays. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle into a new array. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** One drawn question: which bank question, which revision, and the order its options are shown in. */
export interface DrawnQuestion {
  id: string;
  revision: number;
  /** `order[k]` is the original index of the option shown at position k (empty for true/false). */
  order: number[];
}

export interface PoolEntry {
  question: Question;
  revision: number;
}

/**
 * The pool a campaign draws from: never short-answer questions (nobody is there to judge them online), and
 * without adult-audience questions when the settings say so.
 */
export function audiencePool<E extends PoolEntry>(pool: readonly E[], excludeAdult: boolean): E[] {
  return pool.filter((e) => e.question.type !== 'shortanswer' && !(excludeAdult && isAdultOnly(e.question)));
}

/** The pool pre-sorted by mix slice: what each slice may draw from. Build once per campaign, draw many times. */
export interface PoolIndex {
  mix: readonly MixEntry[];
  candidates: PoolEntry[][];
}

export function indexPool(pool: readonly PoolEntry[], mix: readonly MixEntry[]): PoolIndex {
  return {
    mix,
    candidates: mix.map((slice) =>
      pool.filter(
        (e) =>
          (slice.type === undefined || e.question.type === slice.type) &&
          (slice.topic === undefined || e.question.topic === slice.topic) &&
          (slice.difficulty === undefined || e.question.difficulty === slice.difficulty),
      ),
    ),
  };
}

/**
 * Draws an attempt's questions: each mix slice picks distinct questions matching its filters (a
 * question matching two slices is drawn at most once), the result is shuffled, and every choice
 * question's options are shuffled too. Returns the first slice that cannot be filled, so the organizer
 * can be told before anyone plays.
 */
export function drawQuestions(
  pool: readonly PoolEntry[] | PoolIndex,
  mix: readonly MixEntry[],
  random: Random,
): { ok: true; drawn: DrawnQuestion[] } | { ok: false; slice: number; available: number } {
  const index = Array.isArray(pool) ? indexPool(pool, mix) : (pool as PoolIndex);
  const used = new Set<string>();
  const picked: PoolEntry[] = [];
  for (const [s, slice] of mix.entries()) {
    const candidates = index.candidates[s]!;
    const free = candidates.length - candidates.reduce((n, e) => n + (used.has(e.question.id) ? 1 : 0), 0);
    if (free < slice.count) return { ok: false, slice: s, available: free };
    if (slice.count * 3 < free) {
      // Sparse draw: random probes, no copy of the candidate list.
      let got = 0;
      while (got < slice.count) {
        const e = candidates[Math.floor(random() * candidates.length)]!;
        if (used.has(e.question.id)) continue;
        used.add(e.question.id);
        picked.push(e);
        got++;
      }
    } else {
      const rest = candidates.filter((e) => !used.has(e.question.id));
      for (let i = 0; i < slice.count; i++) {
        const j = i + Math.floor(random() * (rest.length - i));
        [rest[i], rest[j]] = [rest[j]!, rest[i]!];
        used.add(rest[i]!.question.id);
        picked.push(rest[i]!);
      }
    }
  }
  const drawn = shuffle(picked, random).map((e) => ({
    id: e.question.id,
    revision: e.revision,
    order: e.question.type === 'single' || e.question.type === 'multiple' ? shuffle(e.question.options.map((_, i) => i), random) : [],
  }));
  return { ok: true, drawn };
}

/** Maps the positions a player chose (as shown) back to original option indexes. */
export function unshuffle(order: readonly number[], shown: readonly number[]): number[] {
  if (order.length === 0) return [...shown];
  return shown.map((k) => order[k]!);
}

export interface GradedAnswer {
  questionId: string;
  revision: number;
  /** Original option indexes chosen; empty when unanswered. */
  chosen: number[];
  correct: boolean;
}

export interface Grade {
  answers: GradedAnswer[];
  correctCount: number;
  /** Score out of 100, rounded to one decimal. */
  score: number;
  passed: boolean;
  fullMarks: boolean;
}

/**
 * Grades a submission. `questions[i]` is drawn question i as it was drawn (its revision), `shown[i]`
 * what the player picked for it, as displayed positions (null = unanswered). Every question weighs the
 * same; the score is out of 100.
 */
export function gradeAttempt(drawn: readonly DrawnQuestion[], questions: readonly Question[], shown: readonly (readonly number[] | null)[], passMark: number): Grade {
  const answers = drawn.map((d, i) => {
    const q = questions[i]!;
    const picked = shown[i];
    const chosen = picked && picked.length ? unshuffle(d.order, picked) : [];
    return { questionId: d.id, revision: d.revision, chosen, correct: chosen.length > 0 && isCorrect(q, chosen) };
  });
  const correctCount = answers.filter((a) => a.correct).length;
  const score = drawn.length ? Math.round((correctCount / drawn.length) * 1000) / 10 : 0;
  return { answers, correctCount, score, passed: score >= passMark, fullMarks: correctCount === drawn.length && drawn.length > 0 };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
/** The last day worked out, and where it begins: nearly every call falls in the same day as the one before. */
let lastDay = { from: 0, day: '' };

/** The calendar day (YYYY-MM-DD) of a timestamp in China Standard Time, which campaigns count in. */
export function chinaDay(ms: number): string {
  if (ms >= lastDay.from && ms < lastDay.from + DAY_MS && lastDay.day) return lastDay.day;
  const from = Math.floor((ms + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  lastDay = { from, day: new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10) };
  return lastDay.day;
}
