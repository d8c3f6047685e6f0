import type { CampaignSettings } from './campaign.js';
import type { ErrorCode } from '../i18n/messages.js';

/**
 * Who may start and submit an online quiz attempt, and what a submission counts for. Pure: the caller passes
 * the time, the campaign's settings and what it knows of the participant; the server turns a refusal into
 * its HTTP answer.
 */

/** A rule that says no: the message code and its parameters. */
export interface Refusal {
  code: ErrorCode;
  params?: Record<string, string | number>;
}

/** Submissions are taken this long after an attempt's deadline: the answer may have been sent just before it. */
export const DEADLINE_GRACE_MS = 3000;

/** Whether a published campaign takes attempts at `now`: refused before it starts and once it has ended (or was archived). */
export function campaignWindowRefusal(status: 'published' | 'archived', settings: Pick<CampaignSettings, 'startsAt' | 'endsAt'>, now: number): Refusal | null {
  if (status === 'archived' || now >= settings.endsAt) return { code: 'quiz/ended' };
  if (now < settings.startsAt) return { code: 'quiz/not-started', params: { at: new Date(settings.startsAt).toISOString() } };
  return null;
}

/** Attempts a participant has started: in all, and on the current China day. */
export interface AttemptsUsed {
  total: number;
  today: number;
}

/**
 * Whether a participant may start another attempt. Limits count attempts started, so abandoning one to see new
 * questions gives no extra tries; all attempts used is the more useful thing to hear than "come back tomorrow".
 */
export function attemptLimitRefusal(settings: Pick<CampaignSettings, 'attemptsPerDay' | 'attemptsTotal'>, used: AttemptsUsed): Refusal | null {
  if (used.total >= settings.attemptsTotal) return { code: 'quiz/limit-total', params: { n: settings.attemptsTotal } };
  if (used.today >= settings.attemptsPerDay) return { code: 'quiz/limit-day', params: { n: settings.attemptsPerDay } };
  return null;
}

/** Attempts a participant may still start, today and in all (never below 0; today never above what is left in all). */
export function attemptsLeft(settings: Pick<CampaignSettings, 'attemptsPerDay' | 'attemptsTotal'>, used: AttemptsUsed): { today: number; total: number } {
  const total = Math.max(0, settings.attemptsTotal - used.total);
  return { today: Math.min(total, Math.max(0, settings.attemptsPerDay - used.today)), total };
}

/** Whether an attempt with this deadline still runs at `now`: it can be resumed, and a new start resumes it. */
export function attemptStillOpen(deadline: number, now: number): boolean {
  return now < deadline + DEADLINE_GRACE_MS;
}

/** Whether a submission at `now` is too late for an attempt with this deadline (the grace included). */
export function submissionTooLate(deadline: number, now: number): boolean {
  return now > deadline + DEADLINE_GRACE_MS;
}

/**
 * Whether an attempt was submitted faster than a person reads (`minSecondsPerQuestion` per question; 0 turns the
 * check off): such an attempt is flagged and kept out of the board and the statistics until an organizer looks at it.
 */
export function submittedTooFast(settings: Pick<CampaignSettings, 'minSecondsPerQuestion'>, questions: number, startedAt: number, submittedAt: number): boolean {
  return submittedAt - startedAt < (settings.minSecondsPerQuestion ?? 0) * 1000 * questions;
}

/** A participant's scores before a counted submission: null until they have one. */
export interface ScoresBefore {
  countedScore: number | null;
  bestScore: number | null;
}

/** What a counted submission changes: the participant's scores, and the changes to the tallies of their county (and township, village, guide). */
export interface Counted {
  /** The score that counts for the participant now: their best or their latest, as the campaign says. */
  counted: number;
  best: number;
  /** 1 if this is the participant's first counted submission. */
  submitters: 0 | 1;
  countedDelta: number;
  /** Change in participants whose counted score passes (-1, 0 or 1). */
  passedDelta: number;
  /** Change in participants whose counted score is full marks (-1, 0 or 1). */
  fullMarksDelta: number;
}

export function countSubmission(settings: Pick<CampaignSettings, 'counting' | 'passMark'>, before: ScoresBefore, score: number): Counted {
  const best = Math.max(before.bestScore ?? 0, score);
  const counted = settings.counting === 'best' ? best : score;
  const was = before.countedScore;
  const wasPassed = was !== null && was >= settings.passMark ? 1 : 0;
  const wasFull = was !== null && was >= 100 ? 1 : 0;
  return {
    counted,
    best,
    submitters: was === null ? 1 : 0,
    countedDelta: counted - (was ?? 0),
    passedDelta: (counted >= settings.passMark ? 1 : 0) - wasPassed,
    fullMarksDelta: (counted >= 100 ? 1 : 0) - wasFull,
  };
}
