import { z } from 'zod';
import { questionSchema, type Question } from '../bank/question.js';
import { regionCodeSchema } from '../region/region.js';
import { publicName, text } from '../protocol/text.js';

/** Ids of teams, rounds and judges inside one contest: short, URL-safe, chosen by the organizer or the server. */
export const contestIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);

/**
 * A bank question frozen into a contest at the revision the server resolved it to. The contest keeps the
 * whole question (key included) because the engine scores on the server; views strip the key.
 */
export const contestQuestionSchema = z.intersection(
  questionSchema,
  z.object({
    revision: z.number().int().min(1),
    /** Stage order of the options: the bank index of the option shown i-th (see `shuffleOptions`). */
    optionOrder: z.array(z.number().int().min(0).max(5)).max(6).optional(),
  }),
);
export type ContestQuestion = Question & { revision: number; optionOrder?: number[] };

const duration = (min: number, max: number, fallback: number) => z.number().int().min(min).max(max).default(fallback);
const reward = (fallback: number) => z.number().int().min(0).max(1000).default(fallback);
/** Penalties are stored as the (zero or negative) delta they add, so `-10` reads as it is shown on stage. */
const penalty = (fallback: number) => z.number().int().min(-1000).max(0).default(fallback);
const questionList = z.array(contestQuestionSchema).min(1).max(200);

/** Every round that shows questions lets the audience play along unless switched off. */
const questionRoundBase = {
  id: contestIdSchema,
  title: text(1, 40),
  questions: questionList,
  audience: z.boolean().default(true),
  /** How long the audience may answer after the question is shown; defaults per kind (see `audienceWindowMs`). */
  audienceTimeMs: z.number().int().min(3_000).max(600_000).optional(),
};

/** 必答: every team answers the same question on its device within the time limit. */
export const compulsoryRoundSchema = z.object({
  ...questionRoundBase,
  kind: z.literal('compulsory'),
  timeLimitMs: duration(5_000, 600_000, 30_000),
  correctPoints: reward(10),
  /** Added for a wrong answer and for no answer at all. */
  wrongPoints: penalty(0),
});

const buzzTiming = {
  /** Host judges an oral answer, or the team that buzzed answers on its device. */
  answerMode: z.enum(['oral', 'device']).default('oral'),
  /** Nobody buzzes within this window after buzzing opens → the question is dropped. */
  buzzWindowMs: duration(3_000, 600_000, 15_000),
  /** Time the buzzing team has to answer. */
  answerTimeMs: duration(3_000, 600_000, 20_000),
};

/** 抢答: buzzing opens only when the host opens it. */
export const buzzerRoundSchema = z.object({
  ...questionRoundBase,
  ...buzzTiming,
  kind: z.literal('buzzer'),
  correctPoints: reward(10),
  wrongPoints: penalty(-10),
  timeoutPoints: penalty(-10),
  /** A buzz before the host opens buzzing. */
  falseStartPoints: penalty(-10),
  /** Some rules also bar a team that false-started from buzzing on that question. */
  falseStartForfeits: z.boolean().default(false),
  /** How many 补答 (rebounds) the next teams in buzz order get after a wrong answer or a timeout; 0 = none. */
  rebounds: z.number().int().min(0).max(15).default(0),
  /** Points of a rebound; default to the main ones. */
  reboundCorrectPoints: z.number().int().min(0).max(1000).optional(),
  reboundWrongPoints: z.number().int().min(-1000).max(0).optional(),
});

/** 风险: each team picks an unused stake before the question is shown; right +stake, wrong −stake. */
export const riskRoundSchema = z.object({
  ...questionRoundBase,
  kind: z.literal('risk'),
  /** The stake tiles; every team has its own set and can use each tile once in the round. */
  stakes: z.array(z.number().int().min(1).max(1000)).min(1).max(10),
  pickOrder: z.enum(['lowest-first', 'highest-first']).default('lowest-first'),
  /** Whether a team may pass (no stake, no answer, no change) instead of picking. */
  allowPass: z.boolean().default(false),
  /** Time each team has to pick; on expiry the team passes if it may, or gets its lowest unused stake. */
  stakeTimeMs: duration(3_000, 600_000, 20_000),
  timeLimitMs: duration(5_000, 600_000, 30_000),
});

/** 加赛: sudden-death buzzer questions among tied teams; decides rank only, never changes scores. */
export const tiebreakRoundSchema = z.object({
  ...questionRoundBase,
  ...buzzTiming,
  kind: z.literal('tiebreak'),
  /** Only ties that reach into the first `places` ranks are played off (e.g. 3 for a podium); default: every tie. */
  places: z.number().int().min(1).max(100).optional(),
});

/** 评分: judges score each team (e.g. a health-science performance); the aggregate is added to the team's score. */
export const judgedRoundSchema = z.object({
  id: contestIdSchema,
  title: text(1, 40),
  kind: z.literal('judged'),
  judges: z.array(z.object({ id: contestIdSchema, name: text(1, 30) })).min(1).max(30),
  /** `trimmed-mean` drops one highest and one lowest score (needs 3+ judges). */
  aggregate: z.enum(['mean', 'trimmed-mean']).default('mean'),
  minScore: z.number().finite().default(0),
  maxScore: z.number().finite().default(100),
  /** The aggregate is multiplied by this before it is added (e.g. 0.2 turns a 100-point scale into 20 points). */
  weight: z.number().positive().max(100).default(1),
  /** Performing teams in order; default every team in config order. */
  teams: z.array(contestIdSchema).min(1).optional(),
});

export const roundSchema = z.discriminatedUnion('kind', [
  compulsoryRoundSchema,
  buzzerRoundSchema,
  riskRoundSchema,
  tiebreakRoundSchema,
  judgedRoundSchema,
]);

export const contestTeamSchema = z.object({
  id: contestIdSchema,
  /** The family's team name as shown on stage, e.g. 张家战队. */
  name: publicName(1, 30),
  members: z.array(text(1, 20)).min(3).max(5).optional(),
  county: regionCodeSchema.optional(),
});

/** Audience play-along scoring: a right answer earns `pointsPerCorrect` plus up to `speedBonusMax` for speed. */
export const audienceSettingsSchema = z
  .object({
    pointsPerCorrect: z.number().int().min(1).max(10_000).default(100),
    speedBonusMax: z.number().int().min(0).max(10_000).default(50),
    leaderboardSize: z.number().int().min(1).max(500).default(50),
  })
  .superRefine((a, ctx) => {
    // The cap keeps accuracy dominant: no speed bonus is worth more than a right answer.
    if (a.speedBonusMax > a.pointsPerCorrect) {
      ctx.addIssue({ code: 'custom', path: ['speedBonusMax'], params: { key: 'contest/bonus-over-points', max: a.pointsPerCorrect } });
    }
  });

/** A live contest as the organizer configures it and the server freezes it before the start. */
export const contestConfigSchema = z
  .object({
    title: text(1, 100).optional(),
    /** The seed the options were shuffled with (recorded so the order can be explained and reproduced). */
    optionSeed: z.number().int().min(0).max(0xffffffff).optional(),
    baseScore: z.number().int().min(0).max(100_000).default(100),
    teams: z.array(contestTeamSchema).min(2).max(16),
    audience: audienceSettingsSchema.prefault({}),
    rounds: z.array(roundSchema).min(1).max(30),
  })
  .superRefine((c, ctx) => {
    const dup = <T>(items: readonly T[], key: (t: T) => string, path: (i: number) => PropertyKey[], code: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const k = key(item);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: path(i), params: { key: code, id: k } });
        seen.add(k);
      });
    };
    dup(c.teams, (t) => t.id, (i) => ['teams', i, 'id'], 'contest/duplicate-team');
    dup(c.rounds, (r) => r.id, (i) => ['rounds', i, 'id'], 'contest/duplicate-round');
    const questionIds = new Set<string>();
    const teamIds = new Set(c.teams.map((t) => t.id));
    c.rounds.forEach((r, ri) => {
      if (r.kind === 'judged') {
        dup(r.judges, (j) => j.id, (i) => ['rounds', ri, 'judges', i, 'id'], 'contest/duplicate-judge');
        if (r.aggregate === 'trimmed-mean' && r.judges.length < 3) {
          ctx.addIssue({ code: 'custom', path: ['rounds', ri, 'aggregate'], params: { key: 'contest/trimmed-needs-three' } });
        }
        if (r.minScore >= r.maxScore) {
          ctx.addIssue({ code: 'custom', path: ['rounds', ri, 'maxScore'], params: { key: 'contest/score-range', min: r.minScore, max: r.maxScore } });
        }
        r.teams?.forEach((t, i) => {
          if (!teamIds.has(t)) ctx.addIssue({ code: 'custom', path: ['rounds', ri, 'teams', i], params: { key: 'contest/unknown-team', teamId: t } });
        });
        dup(r.teams ?? [], (t) => t, (i) => ['rounds', ri, 'teams', i], 'contest/duplicate-team');
        return;
      }
      r.questions.forEach((q, qi) => {
        if (questionIds.has(q.id)) {
          ctx.addIssue({ code: 'custom', path: ['rounds', ri, 'questions', qi, 'id'], params: { key: 'contest/duplicate-question', id: q.id } });
        }
        questionIds.add(q.id);
        // A short answer is spoken and judged by the host: only a compulsory round or an oral buzz round can take it.
        const judgedAloud = r.kind === 'compulsory' || ((r.kind === 'buzzer' || r.kind === 'tiebreak') && r.answerMode === 'oral');
        if (q.type === 'shortanswer' && !judgedAloud) {
          ctx.addIssue({ code: 'custom', path: ['rounds', ri, 'questions', qi, 'type'], params: { key: 'contest/shortanswer-round', id: q.id } });
        }
      });
      if (r.kind === 'risk') {
        dup(r.stakes, String, (i) => ['rounds', ri, 'stakes', i], 'contest/duplicate-stake');
        // Each team uses at most one tile per question, so a tile must be left for every question.
        if (r.questions.length > r.stakes.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['rounds', ri, 'stakes'],
            params: { key: 'contest/too-few-stakes', stakes: r.stakes.length, questions: r.questions.length },
          });
        }
      }
    });
  });

export type ContestConfig = z.output<typeof contestConfigSchema>;
export type ContestConfigInput = z.input<typeof contestConfigSchema>;
export type Round = ContestConfig['rounds'][number];
export type RoundKind = Round['kind'];
export type QuestionRound = Exclude<Round, { kind: 'judged' }>;
export type BuzzRound = Extract<Round, { kind: 'buzzer' | 'tiebreak' }>;
export type ContestTeam = ContestConfig['teams'][number];

/** Whether a round shows questions (every kind but 评分). */
export function isQuestionRound(round: Round): round is QuestionRound {
  return round.kind !== 'judged';
}

/** Whether teams buzz in this round (抢答 and 加赛). */
export function isBuzzRound(round: Round): round is BuzzRound {
  return round.kind === 'buzzer' || round.kind === 'tiebreak';
}

/** How long the audience may answer a question of this round, counted from the moment it is shown. */
export function audienceWindowMs(round: QuestionRound): number {
  if (round.audienceTimeMs !== undefined) return round.audienceTimeMs;
  if (round.kind === 'compulsory' || round.kind === 'risk') return round.timeLimitMs;
  return round.buzzWindowMs + round.answerTimeMs;
}

/** The performing teams of a judged round, in order. */
export function performers(config: ContestConfig, round: Extract<Round, { kind: 'judged' }>): string[] {
  return round.teams ?? config.teams.map((t) => t.id);
}
