import { describe, expect, it } from 'vitest';
import { accuracyBy, addTally, boardRates, byParticipation, citySums, participationRate, rankByParticipation, share, tallyRates, ZERO_TALLY } from '../../shared/quiz/statistics';

describe('statistics arithmetic', () => {
  it('has no rate while nobody is measured, and none against a missing target', () => {
    expect(share(3, 4)).toBe(0.75);
    expect(share(0, 0)).toBeNull();
    expect(participationRate(50, 200)).toBe(0.25);
    expect(participationRate(50, 0)).toBeNull();
    expect(participationRate(50, null)).toBeNull();
    expect(participationRate(50, undefined)).toBeNull();
  });

  it('averages counted scores and pass rates over those who submitted, not over everyone who joined', () => {
    const t = addTally(addTally(ZERO_TALLY, { participants: 10, submitters: 4, attempts: 6, countedScoreSum: 320, passed: 3 }), { participants: 5, submitters: 0, attempts: 0, countedScoreSum: 0, passed: 0 });
    expect(t).toEqual({ participants: 15, submitters: 4, attempts: 6, countedScoreSum: 320, passed: 3 });
    expect(tallyRates(t, 30)).toEqual({ averageScore: 80, passRate: 0.75, rate: 0.5 });
    expect(tallyRates(ZERO_TALLY, null)).toEqual({ averageScore: null, passRate: null, rate: null });
  });

  it('rolls county rows up into their cities with the rates weighted back to sums', () => {
    const county = (code: string, x: { participants: number; submitters: number; attempts: number; target: number; countedScoreSum: number; passed: number; fullMarks: number; answers: number; correct: number }) => ({ code, participants: x.participants, submitters: x.submitters, attempts: x.attempts, target: x.target, ...boardRates(x) });
    const a = county('131002', { participants: 10, submitters: 4, attempts: 5, target: 20, countedScoreSum: 360, passed: 3, fullMarks: 1, answers: 50, correct: 40 });
    const b = county('131003', { participants: 6, submitters: 2, attempts: 5, target: 0, countedScoreSum: 100, passed: 1, fullMarks: 0, answers: 50, correct: 20 });
    const other = county('130102', { participants: 1, submitters: 0, attempts: 0, target: 0, countedScoreSum: 0, passed: 0, fullMarks: 0, answers: 0, correct: 0 });
    expect(a).toMatchObject({ rate: 0.5, averageScore: 90, passRate: 0.75, fullMarksRate: 0.25, accuracy: 0.8 });
    expect(b.rate).toBeNull();
    const cities = citySums([a, b, other]);
    expect([...cities.keys()].sort()).toEqual(['130100', '131000']);
    const city = boardRates(cities.get('131000')!);
    expect(cities.get('131000')).toMatchObject({ participants: 16, submitters: 6, attempts: 10, target: 20 });
    expect(city.averageScore).toBeCloseTo(460 / 6, 10);
    expect(city.passRate).toBeCloseTo(4 / 6, 10);
    expect(city.accuracy).toBeCloseTo(0.6, 10);
    expect(city.rate).toBe(0.8);
  });

  it('ranks rows by participants, then the higher average, then code, numbering from 1', () => {
    const rows = [
      { code: '3', participants: 5, averageScore: 70 },
      { code: '2', participants: 9, averageScore: null },
      { code: '1', participants: 5, averageScore: 70 },
      { code: '4', participants: 5, averageScore: 90 },
    ];
    expect(rankByParticipation(rows).map((r) => [r.rank, r.code])).toEqual([[1, '2'], [2, '4'], [3, '1'], [4, '3']]);
    expect([...rows].sort(byParticipation).map((r) => r.code)).toEqual(['2', '4', '1', '3']);
  });

  it('sums answers by dimension, listing every dimension even without answers', () => {
    const out = accuracyBy(['knowledge', 'lifestyle', 'skills'] as const, [
      { key: 'knowledge', answered: 10, correct: 7 },
      { key: 'knowledge', answered: 10, correct: 9 },
      { key: 'skills', answered: 4, correct: 1 },
    ]);
    expect(out).toEqual([
      { key: 'knowledge', answered: 20, correct: 16, accuracy: 0.8 },
      { key: 'lifestyle', answered: 0, correct: 0, accuracy: null },
      { key: 'skills', answered: 4, correct: 1, accuracy: 0.25 },
    ]);
  });
});
