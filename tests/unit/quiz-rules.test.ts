import { describe, expect, it } from 'vitest';
import {
  attemptLimitRefusal,
  attemptsLeft,
  attemptStillOpen,
  campaignWindowRefusal,
  countSubmission,
  DEADLINE_GRACE_MS,
  submissionTooLate,
  submittedTooFast,
} from '../../shared/quiz/quiz-rules';

const window = { startsAt: 1_000, endsAt: 5_000 };
const limits = { attemptsPerDay: 2, attemptsTotal: 5 };

describe('who may start an attempt', () => {
  it('takes attempts from the start of the campaign until its end, and none once archived', () => {
    expect(campaignWindowRefusal('published', window, 999)).toEqual({ code: 'quiz/not-started', params: { at: new Date(1_000).toISOString() } });
    expect(campaignWindowRefusal('published', window, 1_000)).toBeNull();
    expect(campaignWindowRefusal('published', window, 4_999)).toBeNull();
    expect(campaignWindowRefusal('published', window, 5_000)).toEqual({ code: 'quiz/ended' });
    expect(campaignWindowRefusal('archived', window, 2_000)).toEqual({ code: 'quiz/ended' });
  });

  it('counts attempts started against the daily and the total limit, the total one said first', () => {
    expect(attemptLimitRefusal(limits, { total: 0, today: 0 })).toBeNull();
    expect(attemptLimitRefusal(limits, { total: 3, today: 1 })).toBeNull();
    expect(attemptLimitRefusal(limits, { total: 3, today: 2 })).toEqual({ code: 'quiz/limit-day', params: { n: 2 } });
    expect(attemptLimitRefusal(limits, { total: 5, today: 2 })).toEqual({ code: 'quiz/limit-total', params: { n: 5 } });
    expect(attemptLimitRefusal(limits, { total: 5, today: 0 })).toEqual({ code: 'quiz/limit-total', params: { n: 5 } });
  });

  it('says how many attempts are left today and in all, today never more than in all', () => {
    expect(attemptsLeft(limits, { total: 0, today: 0 })).toEqual({ today: 2, total: 5 });
    expect(attemptsLeft(limits, { total: 4, today: 0 })).toEqual({ today: 1, total: 1 });
    expect(attemptsLeft(limits, { total: 3, today: 2 })).toEqual({ today: 0, total: 2 });
    expect(attemptsLeft(limits, { total: 7, today: 3 })).toEqual({ today: 0, total: 0 });
  });
});

describe('submitting', () => {
  it('takes a submission up to the grace after the deadline; the attempt runs until then', () => {
    const deadline = 10_000;
    expect(submissionTooLate(deadline, deadline + DEADLINE_GRACE_MS)).toBe(false);
    expect(submissionTooLate(deadline, deadline + DEADLINE_GRACE_MS + 1)).toBe(true);
    expect(attemptStillOpen(deadline, deadline + DEADLINE_GRACE_MS - 1)).toBe(true);
    expect(attemptStillOpen(deadline, deadline + DEADLINE_GRACE_MS)).toBe(false);
  });

  it('flags an attempt submitted faster than the minimum seconds per question, unless the check is off', () => {
    expect(submittedTooFast({ minSecondsPerQuestion: 2 }, 10, 0, 19_999)).toBe(true);
    expect(submittedTooFast({ minSecondsPerQuestion: 2 }, 10, 0, 20_000)).toBe(false);
    expect(submittedTooFast({ minSecondsPerQuestion: 0 }, 10, 0, 0)).toBe(false);
  });
});

describe('what a submission counts for', () => {
  const best = { counting: 'best' as const, passMark: 60 };
  const latest = { counting: 'latest' as const, passMark: 60 };

  it('makes a first submission a submitter, and counts a pass and full marks', () => {
    expect(countSubmission(best, { countedScore: null, bestScore: null }, 100)).toEqual({ counted: 100, best: 100, submitters: 1, countedDelta: 100, passedDelta: 1, fullMarksDelta: 1 });
    expect(countSubmission(best, { countedScore: null, bestScore: null }, 40)).toEqual({ counted: 40, best: 40, submitters: 1, countedDelta: 40, passedDelta: 0, fullMarksDelta: 0 });
  });

  it('keeps the best score when the campaign counts the best, and moves the tallies only by the change', () => {
    expect(countSubmission(best, { countedScore: 80, bestScore: 80 }, 50)).toEqual({ counted: 80, best: 80, submitters: 0, countedDelta: 0, passedDelta: 0, fullMarksDelta: 0 });
    expect(countSubmission(best, { countedScore: 50, bestScore: 50 }, 70)).toEqual({ counted: 70, best: 70, submitters: 0, countedDelta: 20, passedDelta: 1, fullMarksDelta: 0 });
  });

  it('takes the latest score when the campaign counts the latest, which can undo a pass and full marks', () => {
    expect(countSubmission(latest, { countedScore: 100, bestScore: 100 }, 50)).toEqual({ counted: 50, best: 100, submitters: 0, countedDelta: -50, passedDelta: -1, fullMarksDelta: -1 });
  });
});
