import { OPTION_LETTERS, TOPIC_IDS, type Question } from './question.js';

/**
 * Editorial metrics of a question bank: how far a test-wise player gets without the knowledge.
 * A bank whose key is usually the longest option, whose multiple choice is usually "all but one",
 * whose letters or true/false answers are lopsided, or whose wrong options carry the absolute words
 * ("一定", "所有", "完全"…) that the right ones never do, rewards the trick and not the knowledge.
 * Pure functions: the check script and the import both call them.
 */

/**
 * Absolute words that mark an option as a likely distractor when only distractors carry them.
 * "只" covers 只有/只要/只需/只是; words that merely contain these characters in another sense
 * (e.g. "一只") do not occur in option texts of a health bank.
 */
export const ABSOLUTE_WORDS = ['一定', '所有', '完全', '绝对', '从不', '从来', '永远', '任何', '总是', '全部', '一律', '根本', '肯定', '必然', '唯一', '只', '不需要', '不必', '无需', '毫无'] as const;

const ABSOLUTE_RE = new RegExp(ABSOLUTE_WORDS.join('|'));

/** Whether a text carries one of the absolute words. */
export function hasAbsoluteWord(text: string): boolean {
  return ABSOLUTE_RE.test(text);
}

/** Length in characters as a reader sees them (code points, spaces ignored). */
export function visibleLength(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

/** The limits `npm run questions:check` enforces on the shipped bank. */
export const BANK_LIMITS = {
  /** Expected score of always picking the longest option (ties split) on single choice. */
  maxLongestPick: 0.35,
  /** Share of multiple-choice questions whose key is every option but one. */
  maxAllButOne: 0.35,
  /** Each key letter's share among four-option single choice. */
  letterShare: [0.22, 0.28] as const,
  /** Share of true/false questions whose answer is 正确. */
  trueShare: [0.45, 0.55] as const,
  /** Share of all choice options that carry an absolute word. */
  maxAbsoluteOptions: 0.05,
  minQuestions: 560,
  minHardShare: 0.15,
  /** Key sizes multiple choice must all use. */
  multipleKeySizes: [2, 3, 4] as const,
} as const;

export interface BankMetrics {
  total: number;
  single: number;
  multiple: number;
  truefalse: number;
  shortanswer: number;
  /** Expected share right when always picking the longest option (a tie splits the credit). */
  longestPick: number;
  /** Share of single choice whose key is the one strictly longest option. */
  uniqueLongestKey: number;
  /** Share of multiple choice whose key is all options but one. */
  allButOne: number;
  /** Multiple-choice questions by number of correct options. */
  keySizes: Record<number, number>;
  /** Four-option single choice by key letter, as shares. */
  letters: Record<string, number>;
  fourOptionSingle: number;
  trueShare: number;
  absoluteOptions: number;
  /** Of the options with an absolute word, how many are correct (balance, for information). */
  absoluteOptionsCorrect: number;
  optionCount: number;
  absoluteShare: number;
  hard: number;
  hardShare: number;
  /** Topics with no hard question. */
  topicsWithoutHard: string[];
}

const share = (n: number, of: number): number => (of === 0 ? 0 : n / of);

/** Computes the editorial metrics of a bank (any mix of question types). */
export function bankMetrics(questions: readonly Question[]): BankMetrics {
  let single = 0;
  let multiple = 0;
  let truefalse = 0;
  let shortanswer = 0;
  let longestCredit = 0;
  let uniqueLongest = 0;
  let allButOne = 0;
  const keySizes: Record<number, number> = {};
  const letterCounts: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  let fourOptionSingle = 0;
  let trues = 0;
  let absoluteOptions = 0;
  let absoluteOptionsCorrect = 0;
  let optionCount = 0;
  let hard = 0;
  const hardTopics = new Set<string>();
  const topics = new Set<string>();
  for (const q of questions) {
    topics.add(q.topic);
    if (q.difficulty === 3) {
      hard++;
      hardTopics.add(q.topic);
    }
    if (q.type === 'truefalse') {
      truefalse++;
      if (q.answer) trues++;
      continue;
    }
    if (q.type === 'shortanswer') {
      shortanswer++;
      continue;
    }
    const keys = new Set([...q.answer]);
    q.options.forEach((option, i) => {
      optionCount++;
      if (hasAbsoluteWord(option)) {
        absoluteOptions++;
        if (keys.has(OPTION_LETTERS[i]!)) absoluteOptionsCorrect++;
      }
    });
    if (q.type === 'single') {
      single++;
      const lengths = q.options.map(visibleLength);
      const max = Math.max(...lengths);
      const longest: string[] = lengths.flatMap((l, i) => (l === max ? [OPTION_LETTERS[i]!] : []));
      if (longest.includes(q.answer)) {
        longestCredit += 1 / longest.length;
        if (longest.length === 1) uniqueLongest++;
      }
      if (q.options.length === 4) {
        fourOptionSingle++;
        letterCounts[q.answer] = (letterCounts[q.answer] ?? 0) + 1;
      }
    } else {
      multiple++;
      keySizes[keys.size] = (keySizes[keys.size] ?? 0) + 1;
      if (keys.size === q.options.length - 1) allButOne++;
    }
  }
  const letters: Record<string, number> = {};
  for (const [letter, n] of Object.entries(letterCounts)) letters[letter] = share(n, fourOptionSingle);
  return {
    total: questions.length,
    single,
    multiple,
    truefalse,
    shortanswer,
    longestPick: share(longestCredit, single),
    uniqueLongestKey: share(uniqueLongest, single),
    allButOne: share(allButOne, multiple),
    keySizes,
    letters,
    fourOptionSingle,
    trueShare: share(trues, truefalse),
    absoluteOptions,
    absoluteOptionsCorrect,
    optionCount,
    absoluteShare: share(absoluteOptions, optionCount),
    hard,
    hardShare: share(hard, questions.length),
    topicsWithoutHard: TOPIC_IDS.filter((t) => topics.has(t) && !hardTopics.has(t)),
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The limits a bank's metrics cross, one English sentence each; empty when the bank passes. */
export function metricFailures(m: BankMetrics, limits = BANK_LIMITS): string[] {
  const out: string[] = [];
  if (m.single > 0 && m.longestPick > limits.maxLongestPick) {
    out.push(`picking the longest option scores ${pct(m.longestPick)} on single choice (limit ${pct(limits.maxLongestPick)})`);
  }
  if (m.multiple > 0 && m.allButOne > limits.maxAllButOne) {
    out.push(`"all but one" is the key of ${pct(m.allButOne)} of multiple choice (limit ${pct(limits.maxAllButOne)})`);
  }
  if (m.multiple > 0) {
    const unused = limits.multipleKeySizes.filter((k) => !m.keySizes[k]);
    if (unused.length) out.push(`multiple choice never has ${unused.join(', ')} correct option(s); 2, 3 and 4 must all be used`);
  }
  if (m.fourOptionSingle > 0) {
    for (const [letter, s] of Object.entries(m.letters)) {
      if (s < limits.letterShare[0] || s > limits.letterShare[1]) {
        out.push(`key ${letter} on ${pct(s)} of four-option single choice (allowed ${pct(limits.letterShare[0])}–${pct(limits.letterShare[1])})`);
      }
    }
  }
  if (m.truefalse > 0 && (m.trueShare < limits.trueShare[0] || m.trueShare > limits.trueShare[1])) {
    out.push(`true/false is 正确 on ${pct(m.trueShare)} (allowed ${pct(limits.trueShare[0])}–${pct(limits.trueShare[1])})`);
  }
  if (m.absoluteShare > limits.maxAbsoluteOptions) {
    out.push(`${m.absoluteOptions} of ${m.optionCount} options (${pct(m.absoluteShare)}) carry an absolute word (limit ${pct(limits.maxAbsoluteOptions)})`);
  }
  if (m.total < limits.minQuestions) out.push(`${m.total} questions (at least ${limits.minQuestions} needed)`);
  if (m.hardShare < limits.minHardShare) out.push(`${m.hard} hard questions, ${pct(m.hardShare)} (at least ${pct(limits.minHardShare)} needed)`);
  if (m.topicsWithoutHard.length) out.push(`no hard question on topic(s): ${m.topicsWithoutHard.join(', ')}`);
  return out;
}

/** The metrics as lines for a terminal. */
export function formatMetrics(m: BankMetrics): string[] {
  const sizes = Object.entries(m.keySizes)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([k, n]) => `${k} correct: ${n}`)
    .join(', ');
  return [
    `questions: ${m.total} (single ${m.single}, multiple ${m.multiple}, true/false ${m.truefalse}, short answer ${m.shortanswer}); hard ${m.hard} (${pct(m.hardShare)})`,
    `single choice: always picking the longest scores ${pct(m.longestPick)}; key is the unique longest on ${pct(m.uniqueLongestKey)}`,
    `four-option single choice (${m.fourOptionSingle}): ${Object.entries(m.letters).map(([l, s]) => `${l} ${pct(s)}`).join(', ')}`,
    `multiple choice: "all but one" ${pct(m.allButOne)}; ${sizes}`,
    `true/false: 正确 ${pct(m.trueShare)}`,
    `absolute words: ${m.absoluteOptions} of ${m.optionCount} options (${pct(m.absoluteShare)}), ${m.absoluteOptionsCorrect} of them correct`,
  ];
}

/**
 * Editorial rules one question can break on its own, for the import's warnings: an organizer's file is
 * imported anyway (the facts are theirs), but told where a test-wise player would get a free point.
 * Returns message keys with their parameters; the caller localizes.
 */
export type QuestionWarning =
  | { key: 'bank/warn-longest-key' }
  | { key: 'bank/warn-absolute-distractor'; letter: string }
  | { key: 'bank/warn-all-but-one' }
  | { key: 'bank/warn-question-mark-stem' };

export function questionWarnings(q: Question): QuestionWarning[] {
  const out: QuestionWarning[] = [];
  if (q.type === 'single' || q.type === 'multiple') {
    if (/[？?]\s*$/.test(q.stem)) out.push({ key: 'bank/warn-question-mark-stem' });
    const keys = new Set([...q.answer]);
    if (q.type === 'single') {
      const lengths = q.options.map(visibleLength);
      const max = Math.max(...lengths);
      const longest = lengths.flatMap((l, i) => (l === max ? [i] : []));
      const keyIndex = OPTION_LETTERS.indexOf(q.answer as (typeof OPTION_LETTERS)[number]);
      // A key only slightly longer is fine; a key that stands out by a quarter or more is the tell.
      const others = lengths.filter((_, i) => i !== keyIndex);
      if (longest.length === 1 && longest[0] === keyIndex && max >= 1.25 * Math.max(...others) && max - Math.max(...others) >= 3) {
        out.push({ key: 'bank/warn-longest-key' });
      }
    }
    if (q.type === 'multiple' && keys.size === q.options.length - 1 && q.options.length >= 4) out.push({ key: 'bank/warn-all-but-one' });
    // Absolute words only on wrong options teach players to strike them out unread.
    const absoluteRight = q.options.some((o, i) => keys.has(OPTION_LETTERS[i]!) && hasAbsoluteWord(o));
    if (!absoluteRight) {
      q.options.forEach((o, i) => {
        if (!keys.has(OPTION_LETTERS[i]!) && hasAbsoluteWord(o)) out.push({ key: 'bank/warn-absolute-distractor', letter: OPTION_LETTERS[i]! });
      });
    }
  }
  return out;
}
