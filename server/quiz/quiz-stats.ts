import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { literacyDimension, type LiteracyEdition } from '../../shared/bank/question.js';
import { regionLevelOf, regionPrefix } from '../../shared/region/region.js';
import { accuracyBy, boardRates, citySums, rankByParticipation, share } from '../../shared/quiz/statistics.js';
import { type Database, readSelect } from '../db/client.js';
import { attempts, campaignCountyStats, campaignDailyStats, campaignItemStats, campaignQuestionStats, campaignTownshipStats, participants, questions, regions } from '../db/schema.js';
import { QuizCampaigns, QuizError } from './quiz-campaigns.js';

/** A campaign's per-day counter rows, optionally within a range of China days (inclusive). */
const dailyRows = (campaignId: string, from?: string, to?: string, within?: string | null) =>
  and(
    eq(campaignDailyStats.campaignId, campaignId),
    from ? sql`${campaignDailyStats.day} >= ${from}` : undefined,
    to ? sql`${campaignDailyStats.day} <= ${to}` : undefined,
    // Only the counties below a region (an organizer's), by the codes' nesting.
    within ? and(gte(campaignDailyStats.countyCode, regionPrefix(within)), lt(campaignDailyStats.countyCode, `${regionPrefix(within)}:`)) : undefined,
  );

/**
 * The two leaderboard reads, prepared once (`readSelect`): a board refresh then costs the query alone, not
 * its preparation and the mapping of its rows.
 */
function leaderboardQueries(database: Database) {
  const { db } = database;
  const county = campaignCountyStats;
  return {
    countyStats: readSelect(
      database,
      {
        countyCode: county.countyCode,
        participants: county.participants,
        submitters: county.submitters,
        attempts: county.attempts,
        countedScoreSum: county.countedScoreSum,
        passed: county.passed,
        fullMarks: county.fullMarks,
        answers: county.answers,
        correct: county.correct,
      },
      (fields) => db.select(fields).from(county).where(eq(county.campaignId, sql.placeholder('campaignId'))),
    ),
    countyTop: readSelect(database, { name: participants.name, teamName: participants.teamName, phoneMasked: participants.phoneMasked, score: participants.countedScore }, (fields) =>
      db
        .select(fields)
        .from(participants)
        .where(and(eq(participants.campaignId, sql.placeholder('campaignId')), eq(participants.countyCode, sql.placeholder('countyCode')), isNotNull(participants.countedScore)))
        .orderBy(desc(participants.countedScore))
        .limit(sql.placeholder('limit')),
    ),
  };
}

/**
 * Online quiz campaigns: draws, deadlines, limits, grading and the pre-summed statistics.
 * Hot paths (start, submit) read only memory; every change goes through the single writer and is
 * acknowledged after its commit.

/** What organizers and the boards read of a campaign: only the pre-summed counter tables, and the ranking index. */
export class QuizStatistics extends QuizCampaigns {
  readonly #boards: ReturnType<typeof leaderboardQueries>;

  constructor(database: Database, now: () => number) {
    super(database, now);
    this.#boards = leaderboardQueries(database);
  }

  /** One row per county: participants, submitters, attempts, rate against target, average, pass and full-marks rates, accuracy. */
  async countyTable(campaignId: string) {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const rows = await this.#boards.countyStats({ campaignId });
    const byCounty = new Map(rows.map((r) => [r.countyCode, r]));
    const table = [...c.counties].map(([code, name]) => {
      const r = byCounty.get(code);
      const x = { participants: r?.participants ?? 0, submitters: r?.submitters ?? 0, attempts: r?.attempts ?? 0, target: c.settings.targets[code] ?? 0 };
      return { code, name, ...x, ...boardRates({ ...x, countedScoreSum: r?.countedScoreSum ?? 0, passed: r?.passed ?? 0, fullMarks: r?.fullMarks ?? 0, answers: r?.answers ?? 0, correct: r?.correct ?? 0 }) };
    });
    return rankByParticipation(table);
  }

  #cityNames = new Map<string, string>();

  /**
   * The big-screen board's rows: a province's campaign ranks its cities ("first in the province by participation"),
   * summed from the county counters; any other campaign ranks its counties (`countyTable`).
   */
  async boardTable(campaignId: string) {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const counties = await this.countyTable(campaignId);
    if (regionLevelOf(c.settings.regionCode) !== 'province') return counties;
    const cities = citySums(counties);
    const unnamed = [...cities.keys()].filter((code) => !this.#cityNames.has(code));
    if (unnamed.length) for (const r of await this.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, unnamed))) this.#cityNames.set(r.code, r.name);
    const rows = [...cities].map(([code, x]) => ({
      code,
      name: this.#cityNames.get(code) ?? code,
      participants: x.participants,
      submitters: x.submitters,
      attempts: x.attempts,
      target: x.target,
      ...boardRates(x),
    }));
    return rankByParticipation(rows);
  }

  /**
   * Participation per township, for the counties whose townships are in the region tree (empty
   * otherwise): grouped by county in county order, busiest township first within each.
   */
  async townshipTable(campaignId: string) {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    if (c.townships.size === 0) return [];
    const rows = await this.db.select().from(campaignTownshipStats).where(eq(campaignTownshipStats.campaignId, campaignId));
    const byTownship = new Map(rows.map((r) => [r.townshipCode, r]));
    return [...c.townships].flatMap(([countyCode, towns]) =>
      [...towns]
        .map(([code, name]) => {
          const r = byTownship.get(code);
          const submitters = r?.submitters ?? 0;
          return {
            code,
            name,
            countyCode,
            countyName: c.counties.get(countyCode) ?? countyCode,
            participants: r?.participants ?? 0,
            submitters,
            attempts: r?.attempts ?? 0,
            averageScore: share(r?.countedScoreSum ?? 0, submitters),
            passRate: share(r?.passed ?? 0, submitters),
          };
        })
        .sort((x, y) => y.participants - x.participants || x.code.localeCompare(y.code)),
    );
  }

  /**
   * Activity per county within a date range (China days), summed from the per-day counters: new
   * participants, participant-days active, submissions and their average score. Totals that need
   * distinct people (rates against the roster, pass rates) are all-time by nature and stay in `countyTable`.
   */
  async countyRange(campaignId: string, from?: string, to?: string) {
    const c = await this.campaign(campaignId);
    if (!c) throw new QuizError('quiz/campaign-not-found', 404);
    const rows = await this.db
      .select({
        countyCode: campaignDailyStats.countyCode,
        newParticipants: sql<number>`sum(${campaignDailyStats.newParticipants})`,
        activeDays: sql<number>`sum(${campaignDailyStats.activeParticipants})`,
        attempts: sql<number>`sum(${campaignDailyStats.attempts})`,
        scoreSum: sql<number>`sum(${campaignDailyStats.scoreSum})`,
      })
      .from(campaignDailyStats)
      .where(dailyRows(campaignId, from, to))
      .groupBy(campaignDailyStats.countyCode);
    const byCounty = new Map(rows.map((r) => [r.countyCode, r]));
    return [...c.counties].map(([code, name]) => {
      const r = byCounty.get(code);
      return { code, name, newParticipants: r?.newParticipants ?? 0, activeDays: r?.activeDays ?? 0, attempts: r?.attempts ?? 0, averageScore: share(r?.scoreSum ?? 0, r?.attempts ?? 0) };
    }).sort((a, b) => b.newParticipants - a.newParticipants || b.attempts - a.attempts || a.code.localeCompare(b.code));
  }

  /** Participation per China day, summed over the campaign's counties (or those below `within`). */
  async daily(campaignId: string, from?: string, to?: string, within?: string | null) {
    return this.db
      .select({
        day: campaignDailyStats.day,
        newParticipants: sql<number>`sum(${campaignDailyStats.newParticipants})`,
        activeParticipants: sql<number>`sum(${campaignDailyStats.activeParticipants})`,
        attempts: sql<number>`sum(${campaignDailyStats.attempts})`,
        scoreSum: sql<number>`sum(${campaignDailyStats.scoreSum})`,
      })
      .from(campaignDailyStats)
      .where(dailyRows(campaignId, from, to, within))
      .groupBy(campaignDailyStats.day)
      .orderBy(asc(campaignDailyStats.day));
  }

  /** The questions most often answered wrong (at least `minAnswers` answers). */
  async hardestQuestions(campaignId: string, limit = 20, minAnswers = 1) {
    const rows = await this.db
      .select({ questionId: campaignQuestionStats.questionId, answered: campaignQuestionStats.answered, correct: campaignQuestionStats.correct, stem: questions.stem, topic: questions.topic, edition: questions.edition, item: questions.item })
      .from(campaignQuestionStats)
      .innerJoin(questions, eq(questions.id, campaignQuestionStats.questionId))
      .where(and(eq(campaignQuestionStats.campaignId, campaignId), sql`${campaignQuestionStats.answered} >= ${minAnswers}`))
      .orderBy(sql`CAST(${campaignQuestionStats.correct} AS REAL) / ${campaignQuestionStats.answered}`, desc(campaignQuestionStats.answered))
      .limit(limit);
    return rows.map((r) => ({ ...r, accuracy: r.correct / r.answered }));
  }

  async itemAccuracy(campaignId: string) {
    const rows = await this.db.select().from(campaignItemStats).where(eq(campaignItemStats.campaignId, campaignId)).orderBy(asc(campaignItemStats.edition), asc(campaignItemStats.item));
    return rows.map((r) => ({
      edition: r.edition,
      item: r.item,
      dimension: literacyDimension(r.edition as LiteracyEdition, r.item),
      answered: r.answered,
      correct: r.correct,
      accuracy: share(r.correct, r.answered),
    }));
  }

  /** Accuracy per dimension of health literacy (knowledge, lifestyle, skills), summed from the item counters. */
  async dimensionAccuracy(campaignId: string) {
    const items = (await this.itemAccuracy(campaignId)).map((r) => ({ key: r.dimension, answered: r.answered, correct: r.correct }));
    return accuracyBy(['knowledge', 'lifestyle', 'skills'] as const, items).map(({ key, ...d }) => ({ dimension: key, ...d }));
  }

  /** Top participants of a county by the score that counts (index-backed). */
  async topInCounty(campaignId: string, countyCode: string, limit = 50) {
    return this.#boards.countyTop({ campaignId, countyCode, limit });
  }

  /**
   * The best family teams of a campaign, `perCounty` per county, by the score that counts: the
   * preliminary-to-final path of real events. Only participants who gave a team name qualify.
   */
  async bestTeams(campaignId: string, perCounty: number) {
    const rows = await this.db
      .select({ teamName: participants.teamName, countyCode: participants.countyCode, score: participants.countedScore })
      .from(participants)
      .where(and(eq(participants.campaignId, campaignId), isNotNull(participants.teamName), isNotNull(participants.countedScore)))
      .orderBy(asc(participants.countyCode), desc(participants.countedScore));
    const taken = new Map<string, number>();
    const names = new Set<string>();
    const out: { teamName: string; countyCode: string; score: number }[] = [];
    for (const r of rows) {
      const n = taken.get(r.countyCode) ?? 0;
      if (n >= perCounty || names.has(r.teamName!)) continue;
      taken.set(r.countyCode, n + 1);
      names.add(r.teamName!);
      out.push({ teamName: r.teamName!, countyCode: r.countyCode, score: r.score! });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** Attempts flagged as faster than a person reads, waiting for an organizer's decision. */
  async flaggedAttempts(campaignId: string) {
    return this.db
      .select({ id: attempts.id, participantId: attempts.participantId, countyCode: attempts.countyCode, startedAt: attempts.startedAt, submittedAt: attempts.submittedAt, score: attempts.score, questions: sql<number>`json_array_length(${attempts.drawn})` })
      .from(attempts)
      .where(and(eq(attempts.campaignId, campaignId), eq(attempts.review, 'flagged')))
      .orderBy(asc(attempts.submittedAt))
      .limit(1000);
  }

  /** Ids of open attempts whose deadline passed long ago (for maintenance and tests). */
  async staleOpenAttempts(before: number) {
    return (await this.db.select({ id: attempts.id }).from(attempts).where(and(eq(attempts.status, 'open'), lt(attempts.deadline, before)))).map((r) => r.id);
  }
}
