import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
    type: text('type', { enum: ['single', 'multiple', 'truefalse'] }).notNull(),
    topic: text('topic').notNull(),
    difficulty: integer('difficulty').notNull(),
    edition: text('edition').notNull(),
    item: integer('item').notNull(),
    stem: text('stem').notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['active', 'retired'] }).notNull().default('active'),
    origin: text('origin', { enum: ['seed', 'organizer', 'import'] }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('questions_topic').on(t.topic), index('questions_item').on(t.edition, t.item)],
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
  settings: text('settings', { mode: 'json' }).notNull(),
  createdAt: integer('created_at').notNull(),
});
