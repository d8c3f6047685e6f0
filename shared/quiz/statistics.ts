import type { Tally } from '../region/tallies.js';

/**
 * The arithmetic of a campaign's statistics, from the counters the writer keeps: averages, pass and full-marks
 * rates, accuracy, participation against the roster, sums up the region tree, and the order of ranked rows.
 * Pure: the server reads the counters and calls these.
 */

/** `part / whole`, or null while the whole is 0 (nobody to measure yet). */
export function share(part: number, whole: number): number | null {
  return whole ? part / whole : null;
}

/** Participants against the organizer's target (the roster), or null without a target. */
export function participationRate(participants: number, target: number | null | undefined): number | null {
  return target ? participants / target : null;
}

export const ZERO_TALLY: Tally = { participants: 0, submitters: 0, attempts: 0, countedScoreSum: 0, passed: 0 };

/** Two tallies summed (a region's from its children's). */
export function addTally(a: Tally, b: Tally): Tally {
  return {
    participants: a.participants + b.participants,
    submitters: a.submitters + b.submitters,
    attempts: a.attempts + b.attempts,
    countedScoreSum: a.countedScoreSum + b.countedScoreSum,
    passed: a.passed + b.passed,
  };
}

/** A tally's rates: the average counted score and the pass rate of those who submitted, participation against the target. */
export function tallyRates(t: Tally, target: number | null): { averageScore: number | null; passRate: number | null; rate: number | null } {
  return { averageScore: share(t.countedScoreSum, t.submitters), passRate: share(t.passed, t.submitters), rate: participationRate(t.participants, target) };
}

/** The counters of a board row (a county's own, or a city's summed from its counties). */
export interface BoardSums {
  participants: number;
  submitters: number;
  attempts: number;
  target: number;
  countedScoreSum: number;
  passed: number;
  fullMarks: number;
  answers: number;
  correct: number;
}

/** A board row's rates: participation against the target, average score, pass and full-marks rates, accuracy. */
export function boardRates(x: BoardSums) {
  return {
    rate: x.target > 0 ? x.participants / x.target : null,
    averageScore: share(x.countedScoreSum, x.submitters),
    passRate: share(x.passed, x.submitters),
    fullMarksRate: share(x.fullMarks, x.submitters),
    accuracy: share(x.correct, x.answers),
  };
}

/** A county board row as `boardRates` and the counts make it. */
export type BoardRow = { code: string; participants: number; submitters: number; attempts: number; target: number } & ReturnType<typeof boardRates>;

/**
 * County rows summed into their cities (a county's city is its first four digits + 00). The rows carry averages
 * and rates: they are weighted back to sums, so nothing re-reads a counter. Every attempt of a campaign has the
 * same number of questions, so attempts weigh accuracy as answers would.
 */
export function citySums(counties: readonly BoardRow[]): Map<string, BoardSums> {
  const cities = new Map<string, BoardSums>();
  for (const r of counties) {
    const city = `${r.code.slice(0, 4)}00`;
    const x = cities.get(city) ?? { participants: 0, submitters: 0, attempts: 0, target: 0, countedScoreSum: 0, passed: 0, fullMarks: 0, answers: 0, correct: 0 };
    x.participants += r.participants;
    x.submitters += r.submitters;
    x.attempts += r.attempts;
    x.target += r.target;
    x.countedScoreSum += (r.averageScore ?? 0) * r.submitters;
    x.passed += (r.passRate ?? 0) * r.submitters;
    x.fullMarks += (r.fullMarksRate ?? 0) * r.submitters;
    x.answers += r.attempts;
    x.correct += (r.accuracy ?? 0) * r.attempts;
    cities.set(city, x);
  }
  return cities;
}

/** The order of ranked region rows: most participants first, then the higher average score, then by code. */
export function byParticipation(a: { participants: number; averageScore: number | null; code: string }, b: { participants: number; averageScore: number | null; code: string }): number {
  return b.participants - a.participants || (b.averageScore ?? 0) - (a.averageScore ?? 0) || a.code.localeCompare(b.code);
}

/** Rows in `byParticipation` order, numbered from 1. */
export function rankByParticipation<T extends { participants: number; averageScore: number | null; code: string }>(rows: T[]): (T & { rank: number })[] {
  return [...rows].sort(byParticipation).map((row, i) => ({ rank: i + 1, ...row }));
}

/** Answers and right answers summed by a key (items into their dimension of health literacy), with the accuracy of each. */
export function accuracyBy<K extends string>(keys: readonly K[], rows: readonly { key: K; answered: number; correct: number }[]): { key: K; answered: number; correct: number; accuracy: number | null }[] {
  const sums = new Map<K, { answered: number; correct: number }>();
  for (const r of rows) {
    const d = sums.get(r.key) ?? { answered: 0, correct: 0 };
    d.answered += r.answered;
    d.correct += r.correct;
    sums.set(r.key, d);
  }
  return keys.map((key) => {
    const d = sums.get(key) ?? { answered: 0, correct: 0 };
    return { key, ...d, accuracy: share(d.correct, d.answered) };
  });
}
