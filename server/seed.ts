import path from 'node:path';
import { count } from 'drizzle-orm';
import { checkBank } from '../shared/bank-check.js';
import { readJsonFiles, readRegionSeed } from './bank-files.js';
import type { Database } from './db/client.js';
import { questions, regions } from './db/schema.js';
import { insertQuestions } from './bank.js';

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
    await insertQuestions(db, bank, 'seed', now);
    seeded.questions = bank.length;
  }
  return seeded;
}
