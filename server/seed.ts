import path from 'node:path';
import { count } from 'drizzle-orm';
import { checkBank } from '../shared/bank-check.js';
import { normalizeText, type Question } from '../shared/question.js';
import { readJsonFiles, readRegionSeed } from './bank-files.js';
import type { Database } from './db/client.js';
import { questionRevisions, questions, regions } from './db/schema.js';

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
 * Fills an empty database from `questions/`: the region tree, then the bank. Each table is seeded only
 * when empty, so organizers' edits are never overwritten by a restart. A bank with any problem is
 * refused whole (run `npm run questions:check` to see why).
 */
export async function seedIfEmpty(database: Database, questionsDir: string, now: number): Promise<{ regions: number; questions: number }> {
  const { db } = database;
  const seeded = { regions: 0, questions: 0 };
  const [{ n: regionCount }] = (await db.select({ n: count() }).from(regions)) as [{ n: number }];
  if (regionCount === 0) {
    const rows = await readRegionSeed(path.join(questionsDir, 'regions'));
    if (rows.length) await db.insert(regions).values(rows);
    seeded.regions = rows.length;
  }
  const [{ n: questionCount }] = (await db.select({ n: count() }).from(questions)) as [{ n: number }];
  if (questionCount === 0) {
    const { questions: bank, problems } = checkBank(await readJsonFiles(path.join(questionsDir, 'bank')), 'en');
    if (problems.length) {
      throw new Error(`question bank has ${problems.length} problem(s), first: ${problems[0]!.file} › ${problems[0]!.id} › ${problems[0]!.field}: ${problems[0]!.message}`);
    }
    const rows = bank.map((q) => questionRows(q, 1, 'seed', now));
    // One transaction; chunks keep each INSERT under SQLite's bound-parameter limit.
    const statements = [];
    for (let i = 0; i < rows.length; i += 50) {
      const chunk = rows.slice(i, i + 50);
      statements.push(db.insert(questions).values(chunk.map((r) => r.current)));
      statements.push(db.insert(questionRevisions).values(chunk.map((r) => r.history)));
    }
    if (statements.length) await db.batch(statements as [ (typeof statements)[number], ...(typeof statements)[number][] ]);
    seeded.questions = rows.length;
  }
  return seeded;
}
