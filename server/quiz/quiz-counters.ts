import { chinaDay } from '../../shared/quiz/campaign.js';
import { countSubmission, type ScoresBefore } from '../../shared/quiz/quiz-rules.js';
import { Counters, type Increment, type WriteStatement } from '../db/writer.js';
import type { LoadedCampaign } from './quiz-campaigns.js';

/** The pre-summed statistics, by the event that moves them. */
export const stats = {
  countyJoined: new Counters('campaign_county_stats', ['campaign_id', 'county_code'], ['participants']),
  townshipJoined: new Counters('campaign_township_stats', ['campaign_id', 'township_code'], ['participants']),
  dayJoined: new Counters('campaign_daily_stats', ['campaign_id', 'day', 'county_code'], ['new_participants', 'active_participants']),
  dayActive: new Counters('campaign_daily_stats', ['campaign_id', 'day', 'county_code'], ['active_participants']),
  countySubmitted: new Counters('campaign_county_stats', ['campaign_id', 'county_code'], ['attempts', 'submitters', 'counted_score_sum', 'passed', 'full_marks', 'answers', 'correct']),
  townshipSubmitted: new Counters('campaign_township_stats', ['campaign_id', 'township_code'], ['attempts', 'submitters', 'counted_score_sum', 'passed']),
  daySubmitted: new Counters('campaign_daily_stats', ['campaign_id', 'day', 'county_code'], ['attempts', 'score_sum']),
  question: new Counters('campaign_question_stats', ['campaign_id', 'question_id'], ['answered', 'correct']),
  item: new Counters('campaign_item_stats', ['campaign_id', 'edition', 'item'], ['answered', 'correct']),
  villageJoined: new Counters('campaign_village_stats', ['campaign_id', 'village_code'], ['participants']),
  villageSubmitted: new Counters('campaign_village_stats', ['campaign_id', 'village_code'], ['attempts', 'submitters', 'counted_score_sum', 'passed']),
  guideJoined: new Counters('campaign_guide_stats', ['campaign_id', 'guide_id'], ['participants']),
  guideSubmitted: new Counters('campaign_guide_stats', ['campaign_id', 'guide_id'], ['attempts', 'submitters', 'counted_score_sum', 'passed']),
};

/**
 * The increments one answer to a question (one revision of it) makes, wrong and right: its question's counters and
 * its literacy item's. They are the same for every answer of a campaign, so they are made once and shared by every
 * submission (the writer only reads them), not rebuilt ten times per submission.
 */
export interface AnswerTally {
  readonly wrong: readonly Increment[];
  readonly right: readonly Increment[];
}

const frozen = (inc: Increment): Increment => Object.freeze({ counters: inc.counters, key: Object.freeze(inc.key) as Increment['key'], inc: Object.freeze(inc.inc) as number[] });

/** The increments of an answer to the question `${id}@${revision}` of a campaign (which must have loaded it). */
export function answerTally(c: LoadedCampaign, questionId: string, revision: number): AnswerTally {
  const key = `${questionId}@${revision}`;
  let tally = c.answerTallies.get(key);
  if (!tally) {
    const { literacy } = c.questions.get(key)!;
    const of = (correct: 0 | 1) => [frozen(stats.question.add([c.id, questionId], [1, correct])), frozen(stats.item.add([c.id, literacy.edition, literacy.item], [1, correct]))];
    tally = Object.freeze({ wrong: Object.freeze(of(0)), right: Object.freeze(of(1)) });
    c.answerTallies.set(key, tally);
  }
  return tally;
}

/** Where a participant counts (county, and township, village and guide when they gave one), and their scores so far. */
export interface CountedParticipant extends ScoresBefore {
  id: string;
  countyCode: string;
  townshipCode: string | null;
  villageCode: string | null;
  guideId: string | null;
}

/**
 * What a counted submission changes: the participant's counted and best score (with the guard that they are
 * still what the increments were computed from) and the statistics' increments.
 */
export function countedSubmission(
  c: LoadedCampaign,
  p: CountedParticipant,
  t: number,
  score: number,
  answers: readonly { questionId: string; revision: number; correct: boolean }[],
): { statement: WriteStatement; increments: Increment[]; counted: number; best: number } {
  const campaignId = c.id;
  const { counted, best, submitters, countedDelta, passedDelta, fullMarksDelta } = countSubmission(c.settings, p, score);
  const county = p.countyCode;
  let correctCount = 0;
  for (const a of answers) if (a.correct) correctCount++;
  const increments: Increment[] = [
    stats.countySubmitted.add([campaignId, county], [1, submitters, countedDelta, passedDelta, fullMarksDelta, answers.length, correctCount]),
    stats.daySubmitted.add([campaignId, chinaDay(t), county], [1, score]),
  ];
  if (p.townshipCode) increments.push(stats.townshipSubmitted.add([campaignId, p.townshipCode], [1, submitters, countedDelta, passedDelta]));
  if (p.villageCode) increments.push(stats.villageSubmitted.add([campaignId, p.villageCode], [1, submitters, countedDelta, passedDelta]));
  if (p.guideId) increments.push(stats.guideSubmitted.add([campaignId, p.guideId], [1, submitters, countedDelta, passedDelta]));
  for (const a of answers) {
    const tally = answerTally(c, a.questionId, a.revision);
    for (const inc of a.correct ? tally.right : tally.wrong) increments.push(inc);
  }
  return {
    statement: {
      sql: 'UPDATE participants SET counted_score = ?, best_score = ? WHERE id = ? AND counted_score IS ? AND best_score IS ?',
      args: [counted, best, p.id, p.countedScore, p.bestScore],
      guard: true,
    },
    increments,
    counted,
    best,
  };
}
