import { OPTION_LETTERS } from '../bank/question.js';
import type { ContestConfig, ContestQuestion } from './config.js';

/** A small seeded generator (mulberry32): the same seed gives the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, mixed with the contest seed: each question gets its own stream. */
function questionSeed(seed: number, id: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** A Fisher–Yates permutation of 0..n-1 from a seeded generator. */
function permutation(n: number, random: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/**
 * One question with its options in stage order: `optionOrder[i]` is the bank index of the option shown
 * i-th, and the answer letters are remapped to it. True/false keeps 正确 / 错误; a short answer has no options.
 */
export function shuffleQuestion(q: ContestQuestion, seed: number): ContestQuestion {
  if (q.type === 'truefalse' || q.type === 'shortanswer') return q;
  const order = permutation(q.options.length, seededRandom(questionSeed(seed, q.id)));
  const letters = [...q.answer].map((l) => OPTION_LETTERS[order.indexOf(OPTION_LETTERS.indexOf(l as (typeof OPTION_LETTERS)[number]))]!);
  return { ...q, options: order.map((i) => q.options[i]!), answer: letters.sort().join(''), optionOrder: order } as ContestQuestion;
}

/**
 * The contest's questions with their options shuffled once, from a seed recorded in the config: the
 * frozen config is what the engine, every device, the replay and the export read, so they all agree,
 * and the bank's skew of correct letters (C 31%) does not show on stage. Idempotent for a seed: it
 * always starts from the bank order (questions already shuffled are put back first).
 */
export function shuffleOptions(config: ContestConfig, seed: number): ContestConfig {
  return {
    ...config,
    optionSeed: seed,
    rounds: config.rounds.map((r) => (r.kind === 'judged' ? r : { ...r, questions: r.questions.map((q) => shuffleQuestion(unshuffle(q), seed)) })),
  } as ContestConfig;
}

/** The question in bank order again. */
export function unshuffle(q: ContestQuestion): ContestQuestion {
  const order = (q as ContestQuestion & { optionOrder?: number[] }).optionOrder;
  if (!order || q.type === 'truefalse' || q.type === 'shortanswer') return q;
  const options: string[] = new Array<string>(order.length);
  order.forEach((bank, shown) => (options[bank] = q.options[shown]!));
  const answer = [...q.answer].map((l) => OPTION_LETTERS[order[OPTION_LETTERS.indexOf(l as (typeof OPTION_LETTERS)[number])]!]!).sort().join('');
  const { optionOrder: _drop, ...rest } = q as ContestQuestion & { optionOrder?: number[] };
  return { ...rest, options, answer } as ContestQuestion;
}
