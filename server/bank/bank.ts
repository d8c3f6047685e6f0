import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { normalizeText, type Question, type QuestionType } from '../../shared/bank/question.js';
import type { BankEntry } from '../../shared/bank/bank-types.js';
import { insertStatements, type Db } from '../db/client.js';
import type { Writer, WriteStatement } from '../db/writer.js';
import { questionRevisions, questions, questionSetItems, questionSets } from '../db/schema.js';

export interface BankQuery {
  q?: string;
  topic?: string;
  item?: number;
  edition?: '2015' | '2024';
  difficulty?: number;
  type?: QuestionType;
  status?: 'active' | 'retired';
  page: number;
  pageSize: number;
}

export type { BankEntry };

const toEntry = (r: typeof questions.$inferSelect): BankEntry => ({ question: r.body as Question, revision: r.revision, status: r.status, origin: r.origin, updatedAt: r.updatedAt });

/** Escapes LIKE wildcards in user text. */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Searches the bank by text and facets, a page at a time. */
export async function searchBank(db: Db, query: BankQuery): Promise<{ items: BankEntry[]; total: number }> {
  const where: SQL[] = [];
  if (query.q) where.push(sql`${questions.stem} LIKE ${likePattern(query.q)} ESCAPE '\\' OR ${questions.id} = ${query.q}`);
  if (query.topic) where.push(eq(questions.topic, query.topic));
  if (query.item) where.push(eq(questions.item, query.item));
  if (query.edition) where.push(eq(questions.edition, query.edition));
  if (query.difficulty) where.push(eq(questions.difficulty, query.difficulty));
  if (query.type) where.push(eq(questions.type, query.type));
  if (query.status) where.push(eq(questions.status, query.status));
  const filter = where.length ? and(...where.map((w) => sql`(${w})`)) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select().from(questions).where(filter).orderBy(asc(questions.edition), asc(questions.item), asc(questions.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(questions).where(filter),
  ]);
  return { items: rows.map(toEntry), total: total?.n ?? 0 };
}

export async function getQuestion(db: Db, id: string): Promise<BankEntry | null> {
  const [row] = await db.select().from(questions).where(eq(questions.id, id));
  return row ? toEntry(row) : null;
}

export async function listRevisions(db: Db, id: string) {
  return db.select({ revision: questionRevisions.revision, createdAt: questionRevisions.createdAt, body: questionRevisions.body }).from(questionRevisions).where(eq(questionRevisions.questionId, id)).orderBy(asc(questionRevisions.revision));
}

/** The question (if any) that already has this stem once normalised. */
export async function findByStem(db: Db, stem: string): Promise<string | null> {
  const [row] = await db.select({ id: questions.id }).from(questions).where(eq(questions.stemKey, normalizeText(stem)));
  return row?.id ?? null;
}

export function newQuestionId(prefix = 'org'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Rows for a question's current revision and its history entry. */
export function questionRows(q: Question, revision: number, origin: 'seed' | 'organizer' | 'import', now: number) {
  return {
    current: {
      id: q.id,
      revision,
      type: q.type,
      topic: q.topic,
      difficulty: q.difficulty,
      edition: q.literacy.edition,
      item: q.literacy.item,
      stem: q.stem,
      stemKey: normalizeText(q.stem),
      body: q,
      status: 'active' as const,
      origin,
      updatedAt: now,
    },
    history: { questionId: q.id, revision, body: q, createdAt: now },
  };
}

/**
 * Inserts new questions (revision 1) in one transaction, chunked under SQLite's parameter limit. With a
 * writer (an import of thousands), the transaction runs on the writer thread and the event loop only builds
 * the statements; without one (the seed, a single question) it runs here.
 */
export async function insertQuestions(db: Db, list: Question[], origin: 'seed' | 'organizer' | 'import', now: number, writer?: Writer): Promise<void> {
  if (writer) {
    // Built 500 questions at a time, letting other requests in between; committed as one transaction.
    const current: WriteStatement[] = [];
    const history: WriteStatement[] = [];
    for (let i = 0; i < list.length; i += 500) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const rows = list.slice(i, i + 500).map((q) => questionRows(q, 1, origin, now));
      current.push(...insertStatements(questions, rows.map((r) => r.current)));
      history.push(...insertStatements(questionRevisions, rows.map((r) => r.history)));
    }
    if (current.length) await writer.write([...current, ...history]);
    return;
  }
  const rows = list.map((q) => questionRows(q, 1, origin, now));
  const statements = [];
  for (let i = 0; i < rows.length; i += 50) {
    const chunk = rows.slice(i, i + 50);
    statements.push(db.insert(questions).values(chunk.map((r) => r.current)));
    statements.push(db.insert(questionRevisions).values(chunk.map((r) => r.history)));
  }
  if (statements.length) await db.batch(statements as [(typeof statements)[0], ...(typeof statements)[0][]]);
}

/** Ids and stems of every question: what an import checks duplicates against, without loading whole questions. */
export function questionStems(db: Db): Promise<{ id: string; stem: string }[]> {
  return db.select({ id: questions.id, stem: questions.stem }).from(questions);
}

/**
 * Saves an edit as a new revision. `baseRevision` is the revision the editor started from: if someone
 * saved in between, nothing is written and the current revision comes back as a conflict.
 */
export async function updateQuestion(db: Db, q: Question, baseRevision: number, now: number): Promise<{ ok: true; revision: number } | { ok: false; current: number }> {
  const current = await getQuestion(db, q.id);
  if (!current) throw new Error(`question ${q.id} vanished`);
  if (current.revision !== baseRevision) return { ok: false, current: current.revision };
  const revision = current.revision + 1;
  const { current: row, history } = questionRows(q, revision, 'organizer', now);
  await db.batch([
    db.insert(questionRevisions).values(history),
    db
      .update(questions)
      .set({ ...row, origin: current.origin as 'seed' | 'organizer' | 'import', status: current.status })
      .where(and(eq(questions.id, q.id), eq(questions.revision, baseRevision))),
  ]);
  return { ok: true, revision };
}

export async function setQuestionStatus(db: Db, id: string, status: 'active' | 'retired', now: number): Promise<boolean> {
  const res = await db.update(questions).set({ status, updatedAt: now }).where(eq(questions.id, id)).returning({ id: questions.id });
  return res.length > 0;
}

/** Every current question (optionally only those of a set, in set order) for export. */
export async function exportQuestions(db: Db, opts: { setId?: string; status?: 'active' | 'retired' }): Promise<Question[]> {
  if (opts.setId) {
    const rows = await db
      .select({ body: questions.body })
      .from(questionSetItems)
      .innerJoin(questions, eq(questions.id, questionSetItems.questionId))
      .where(eq(questionSetItems.setId, opts.setId))
      .orderBy(asc(questionSetItems.position));
    return rows.map((r) => r.body as Question);
  }
  const rows = await db.select({ body: questions.body }).from(questions).where(opts.status ? eq(questions.status, opts.status) : undefined).orderBy(asc(questions.edition), asc(questions.item), asc(questions.id));
  return rows.map((r) => r.body as Question);
}

export async function existingIds(db: Db, ids: string[]): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.select({ id: questions.id }).from(questions).where(inArray(questions.id, ids.slice(i, i + 500)));
    found.push(...rows.map((r) => r.id));
  }
  return found;
}

// ---- question sets ----

export interface SetSummary {
  id: string;
  name: string;
  description: string;
  size: number;
  updatedAt: number;
}

export async function listSets(db: Db): Promise<SetSummary[]> {
  const rows = await db
    .select({ id: questionSets.id, name: questionSets.name, description: questionSets.description, updatedAt: questionSets.updatedAt, size: sql<number>`(SELECT count(*) FROM ${questionSetItems} WHERE ${questionSetItems.setId} = ${questionSets.id})` })
    .from(questionSets)
    .orderBy(asc(questionSets.name));
  return rows;
}

export async function getSet(db: Db, id: string) {
  const [set] = await db.select().from(questionSets).where(eq(questionSets.id, id));
  if (!set) return null;
  const items = await db
    .select({ position: questionSetItems.position, questionId: questionSetItems.questionId, body: questions.body, revision: questions.revision, status: questions.status })
    .from(questionSetItems)
    .innerJoin(questions, eq(questions.id, questionSetItems.questionId))
    .where(eq(questionSetItems.setId, id))
    .orderBy(asc(questionSetItems.position));
  return { ...set, questions: items.map((i) => ({ question: i.body as Question, revision: i.revision, status: i.status })) };
}

/** Checks a set's question ids: which do not exist and which are retired. */
export async function checkSetQuestions(db: Db, ids: string[]): Promise<{ missing: string[]; retired: string[] }> {
  const rows = ids.length ? await db.select({ id: questions.id, status: questions.status }).from(questions).where(inArray(questions.id, ids)) : [];
  const byId = new Map(rows.map((r) => [r.id, r.status]));
  return { missing: ids.filter((id) => !byId.has(id)), retired: ids.filter((id) => byId.get(id) === 'retired') };
}

/** Creates or replaces a set's name, description and ordered questions in one transaction. */
export async function saveSet(db: Db, set: { id: string; name: string; description: string; questionIds: string[] }, userId: string, now: number, create: boolean): Promise<void> {
  const head = create
    ? db.insert(questionSets).values({ id: set.id, name: set.name, description: set.description, createdBy: userId, createdAt: now, updatedAt: now })
    : db.update(questionSets).set({ name: set.name, description: set.description, updatedAt: now }).where(eq(questionSets.id, set.id));
  const statements = [head, db.delete(questionSetItems).where(eq(questionSetItems.setId, set.id))];
  for (let i = 0; i < set.questionIds.length; i += 200) {
    const chunk = set.questionIds.slice(i, i + 200).map((questionId, j) => ({ setId: set.id, position: i + j, questionId }));
    statements.push(db.insert(questionSetItems).values(chunk) as never);
  }
  await db.batch(statements as [(typeof statements)[0], ...(typeof statements)[0][]]);
}

export async function deleteSet(db: Db, id: string): Promise<boolean> {
  const [, deleted] = await db.batch([db.delete(questionSetItems).where(eq(questionSetItems.setId, id)), db.delete(questionSets).where(eq(questionSets.id, id)).returning({ id: questionSets.id })]);
  return deleted.length > 0;
}

