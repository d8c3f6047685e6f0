import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Administrative regions, flat with a parent pointer: province → city → county → township. */
export const regions = sqliteTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county', 'township', 'village'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('regions_parent').on(t.parentCode)],
);

/**
 * The current revision of each bank question. Searchable columns are copied out of `body`
 * (the full validated question as JSON) so the bank can be filtered without parsing JSON.
 */
export const questions = sqliteTable(
  'questions',
  {
    id: text('id').primaryKey(),
    revision: integer('revision').notNull(),
    type: text('type', { enum: ['single', 'multiple', 'truefalse', 'shortanswer'] }).notNull(),
    topic: text('topic').notNull(),
    difficulty: integer('difficulty').notNull(),
    edition: text('edition').notNull(),
    item: integer('item').notNull(),
    stem: text('stem').notNull(),
    /** The stem folded by `normalizeText`, so a repeated question is caught whatever its punctuation. */
    stemKey: text('stem_key').notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['active', 'retired'] }).notNull().default('active'),
    origin: text('origin', { enum: ['seed', 'organizer', 'import'] }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('questions_topic').on(t.topic), index('questions_item').on(t.edition, t.item), uniqueIndex('questions_stem_key').on(t.stemKey)],
);

/** Every revision a question ever had; attempts and contests point at (id, revision), so edits never rewrite history. */
export const questionRevisions = sqliteTable(
  'question_revisions',
  {
    questionId: text('question_id').notNull(),
    revision: integer('revision').notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.revision] })],
);

/** Small key/value facts about the database itself (seed version, first start time). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull().default(sql`(unixepoch() * 1000)`),
});

/**
 * Online quiz campaigns (线上答题活动). The window and scope are columns because the public list
 * filters on them; the rest of the rules live in `settings` (validated JSON).
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status', { enum: ['draft', 'published', 'archived'] }).notNull().default('draft'),
    settings: text('settings', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('campaigns_window').on(t.status, t.endsAt)],
);

/** Live contests (现场竞赛); players find one by its PIN. */
export const contests = sqliteTable('contests', {
  id: text('id').primaryKey(),
  pin: text('pin').notNull().unique(),
  title: text('title').notNull(),
  status: text('status', { enum: ['setup', 'live', 'finished'] }).notNull().default('setup'),
  rehearsal: integer('rehearsal', { mode: 'boolean' }).notNull().default(false),
  /** The organizer's draft (rules, teams, question set per round). */
  settings: text('settings', { mode: 'json' }).notNull(),
  /** The engine's frozen config: every round's questions at the revisions resolved when saved. */
  config: text('config', { mode: 'json' }),
  createdBy: text('created_by'),
  /** The region of the organizer who set it up (null: the whole deployment's), which scopes who may see it. */
  regionCode: text('region_code'),
  createdAt: integer('created_at').notNull(),
});

/** Staff accounts. Citizens never have one; teams and audience hold contest-scoped tokens instead. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['admin', 'organizer', 'host'] }).notNull(),
  /** The region an organizer or host works for: they see and manage only what lies within it; null = the whole deployment. */
  regionCode: text('region_code'),
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

/** Login sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Named, ordered question sets for a campaign or a contest round. */
export const questionSets = sqliteTable('question_sets', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const questionSetItems = sqliteTable(
  'question_set_items',
  {
    setId: text('set_id').notNull(),
    position: integer('position').notNull(),
    questionId: text('question_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.setId, t.position] }), index('question_set_items_question').on(t.questionId)],
);

/** Every host and organizer action, for the record and for disputes. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: text('user_id'),
    action: text('action').notNull(),
    target: text('target'),
    detail: text('detail', { mode: 'json' }),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

// ---- online quiz campaigns ----

/** A citizen taking part in a campaign: one per device (or per phone number when collected). */
export const participants = sqliteTable(
  'participants',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    /** SHA-256 of the device token the phone keeps; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    countyCode: text('county_code').notNull(),
    /** The township (乡镇、街道) within the county, where the region tree has them. */
    townshipCode: text('township_code'),
    /** The village (村、社区) within the township, where the region tree has them and the participant named one. */
    villageCode: text('village_code'),
    name: text('name'),
    /** Keyed hash (HMAC) of the phone number, so the same phone is one participant, and its masked form. */
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    /**
     * SHA-256 of the recovery code shown once at the first start of a phone campaign: with the phone number it
     * moves the participant to another device. The phone number alone does not (anyone may know it).
     */
    recoveryHash: text('recovery_hash'),
    teamName: text('team_name'),
    /** The guide whose code the participant first arrived through (first touch: never changed afterwards). */
    guideId: text('guide_id'),
    attempts: integer('attempts').notNull().default(0),
    /** The score that counts (best or latest, per the campaign), null before a first submission. */
    countedScore: real('counted_score'),
    bestScore: real('best_score'),
    lastDay: text('last_day'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('participants_rank').on(t.campaignId, t.countyCode, t.countedScore),
    index('participants_phone_hash').on(t.campaignId, t.phoneHash),
    index('participants_guide').on(t.campaignId, t.guideId),
  ],
);

/** One attempt: the drawn questions (id, revision, option order), the deadline, and once submitted, every answer. */
export const attempts = sqliteTable(
  'attempts',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    participantId: text('participant_id').notNull(),
    countyCode: text('county_code').notNull(),
    day: text('day').notNull(),
    startedAt: integer('started_at').notNull(),
    deadline: integer('deadline').notNull(),
    drawn: text('drawn', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['open', 'submitted'] }).notNull(),
    submittedAt: integer('submitted_at'),
    score: real('score'),
    correctCount: integer('correct_count'),
    answers: text('answers', { mode: 'json' }),
    /**
     * Set when the attempt was answered faster than a person reads (`minSecondsPerQuestion`): 'flagged' keeps
     * it out of the public board and the statistics until an organizer marks it 'accepted' or 'rejected'.
     */
    review: text('review', { enum: ['flagged', 'accepted', 'rejected'] }),
  },
  (t) => [index('attempts_participant').on(t.participantId), index('attempts_open').on(t.status, t.deadline)],
);

/** Pre-summed participation per county; bumped in the same commit as the submission. */
export const campaignCountyStats = sqliteTable(
  'campaign_county_stats',
  {
    campaignId: text('campaign_id').notNull(),
    countyCode: text('county_code').notNull(),
    participants: integer('participants').notNull().default(0),
    submitters: integer('submitters').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    countedScoreSum: real('counted_score_sum').notNull().default(0),
    passed: integer('passed').notNull().default(0),
    fullMarks: integer('full_marks').notNull().default(0),
    answers: integer('answers').notNull().default(0),
    correct: integer('correct').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.countyCode] })],
);

/** Pre-summed participation per township, for counties whose townships are in the region tree. */
export const campaignTownshipStats = sqliteTable(
  'campaign_township_stats',
  {
    campaignId: text('campaign_id').notNull(),
    townshipCode: text('township_code').notNull(),
    participants: integer('participants').notNull().default(0),
    submitters: integer('submitters').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    countedScoreSum: real('counted_score_sum').notNull().default(0),
    passed: integer('passed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.townshipCode] })],
);

/** Pre-summed participation per village (村、社区), for deployments whose region tree goes down to villages. */
export const campaignVillageStats = sqliteTable(
  'campaign_village_stats',
  {
    campaignId: text('campaign_id').notNull(),
    villageCode: text('village_code').notNull(),
    participants: integer('participants').notNull().default(0),
    submitters: integer('submitters').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    countedScoreSum: real('counted_score_sum').notNull().default(0),
    passed: integer('passed').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.villageCode] })],
);

/** Pre-summed participation per county per day (China time). */
export const campaignDailyStats = sqliteTable(
  'campaign_daily_stats',
  {
    campaignId: text('campaign_id').notNull(),
    day: text('day').notNull(),
    countyCode: text('county_code').notNull(),
    newParticipants: integer('new_participants').notNull().default(0),
    activeParticipants: integer('active_participants').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    scoreSum: real('score_sum').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day, t.countyCode] })],
);

/** Pre-summed accuracy per question (what the public gets wrong). */
export const campaignQuestionStats = sqliteTable(
  'campaign_question_stats',
  {
    campaignId: text('campaign_id').notNull(),
    questionId: text('question_id').notNull(),
    answered: integer('answered').notNull().default(0),
    correct: integer('correct').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.questionId] })],
);

/** Pre-summed accuracy per health-literacy item. */
export const campaignItemStats = sqliteTable(
  'campaign_item_stats',
  {
    campaignId: text('campaign_id').notNull(),
    edition: text('edition').notNull(),
    item: integer('item').notNull(),
    answered: integer('answered').notNull().default(0),
    correct: integer('correct').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.edition, t.item] })],
);

// ---- live contests ----

/**
 * Every accepted contest command, in order: the contest's state is the replay of this log (from the
 * latest snapshot). Appended through the writer before the command's effects are broadcast.
 */
export const contestLog = sqliteTable(
  'contest_log',
  {
    contestId: text('contest_id').notNull(),
    seq: integer('seq').notNull(),
    at: integer('at').notNull(),
    actor: text('actor', { mode: 'json' }).notNull(),
    command: text('command', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.seq] })],
);

/**
 * The fencing token of each contest's log: a process that becomes a contest's owner raises `epoch` here
 * (after taking the lease, before reading the log to its end), and every log append it makes carries that
 * epoch, checked by the INSERT itself. A stalled former owner that wakes up with entries queued is then
 * refused by the database, whatever its lease or its clock believed.
 */
export const contestEpochs = sqliteTable('contest_epochs', {
  contestId: text('contest_id').primaryKey(),
  epoch: integer('epoch').notNull(),
  /** The process that raised it (for operators reading the table). */
  owner: text('owner').notNull(),
  at: integer('at').notNull(),
});

/** Device tokens of a contest: team and judge links (kept so the setup page can show them again), audience members (hashed). */
export const contestTokens = sqliteTable(
  'contest_tokens',
  {
    token: text('token').primaryKey(),
    contestId: text('contest_id').notNull(),
    // 'host': an organizer assigned this host account (subjectId = user id) to the contest; no secret, token = host:<contest>:<user>.
    kind: text('kind', { enum: ['team', 'judge', 'audience', 'host'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('contest_tokens_contest').on(t.contestId, t.kind)],
);

/**
 * Audience members of live contests. Joins are taken by whichever process the phone reached (not the
 * contest's owner), so they live here rather than in the contest log.
 */
export const contestAudience = sqliteTable(
  'contest_audience',
  {
    contestId: text('contest_id').notNull(),
    memberId: text('member_id').notNull(),
    nickname: text('nickname').notNull(),
    county: text('county'),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.memberId] })],
);

/**
 * Audience answers, one per (contest, question opening, member): the key is what keeps an answer
 * exactly-once when several processes take answers for one contest. `correct` and `points` are as the
 * receiving process's replica worked them out when it accepted the answer.
 */
export const contestAudienceAnswers = sqliteTable(
  'contest_audience_answers',
  {
    contestId: text('contest_id').notNull(),
    openingId: integer('opening_id').notNull(),
    memberId: text('member_id').notNull(),
    options: text('options').notNull(),
    at: integer('at').notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    points: integer('points').notNull(),
    county: text('county'),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.openingId, t.memberId] }), index('contest_audience_answers_member').on(t.contestId, t.memberId)],
);

// ---- mobilization (健康知识进万家) ----

/**
 * Health guides (family doctors, village doctors, project managers) who bring residents in through their personal
 * codes. `id` goes into their public campaign links (`/quiz/:campaign?g=id`); `token` opens their own page and is
 * kept (like device links) so an organizer can show the link again.
 */
export const guides = sqliteTable(
  'guides',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    phone: text('phone').notNull().unique(),
    role: text('role', { enum: ['family-doctor', 'village-doctor', 'manager', 'other'] }).notNull(),
    clinic: text('clinic').notNull().default(''),
    regionCode: text('region_code').notNull(),
    /** The county and township the region lies in (null above them), for rankings among a township's and a county's guides. */
    countyCode: text('county_code'),
    townshipCode: text('township_code'),
    token: text('token').notNull().unique(),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('guides_region').on(t.regionCode), index('guides_county').on(t.countyCode), index('guides_township').on(t.townshipCode)],
);

/** Pre-summed participation per guide per campaign; bumped in the same commit as the join or the submission. */
export const campaignGuideStats = sqliteTable(
  'campaign_guide_stats',
  {
    campaignId: text('campaign_id').notNull(),
    guideId: text('guide_id').notNull(),
    participants: integer('participants').notNull().default(0),
    submitters: integer('submitters').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    countedScoreSum: real('counted_score_sum').notNull().default(0),
    passed: integer('passed').notNull().default(0),
  },
  // The ranking reads the index in order (most residents first) and stops at the page it needs.
  (t) => [primaryKey({ columns: [t.campaignId, t.guideId] }), index('campaign_guide_stats_rank').on(t.campaignId, sql`${t.participants} DESC`, t.guideId)],
);

/**
 * 每日一学 reads: how many times the day's card was opened, per campaign, day (in China's time zone) and
 * county (`''` when the reader had not picked one). A phone counts once per card and day.
 */
export const campaignDailyReads = sqliteTable(
  'campaign_daily_reads',
  {
    campaignId: text('campaign_id').notNull(),
    day: text('day').notNull(),
    countyCode: text('county_code').notNull(),
    reads: integer('reads').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day, t.countyCode] })],
);

/**
 * 每日一学 pushes: one per campaign and China day, claimed by the process that sends it (the primary key makes
 * the claim, so two processes never both send). `status` is `sending` while a channel has it, then `sent` or
 * `failed`; a failed push is tried again a few times (`attempts`).
 */
export const dailyPushes = sqliteTable(
  'daily_pushes',
  {
    campaignId: text('campaign_id').notNull(),
    day: text('day').notNull(),
    item: integer('item').notNull(),
    channel: text('channel').notNull(),
    status: text('status', { enum: ['sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull(),
    /** Recipients the channel reports reaching (null: the channel does not say). */
    delivered: integer('delivered'),
    /** The channel's own id of the send, or the reason it failed. */
    detail: text('detail').notNull().default(''),
    claimedAt: integer('claimed_at').notNull(),
    doneAt: integer('done_at'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day] })],
);

/**
 * Briefings (周调度 weekly, 月通报 monthly) of a campaign for a region, kept as generated: a briefing once made
 * for a period is shown as it was, whatever changed later. `data` is the whole `Briefing` (shared/region/briefing.ts).
 */
export const briefings = sqliteTable(
  'briefings',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    regionCode: text('region_code').notNull(),
    kind: text('kind', { enum: ['weekly', 'monthly'] }).notNull(),
    /** The period, as days in China's time zone: start inclusive, end exclusive. */
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('briefings_period').on(t.campaignId, t.regionCode, t.kind, t.periodStart)],
);
