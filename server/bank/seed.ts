import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { checkBank } from '../../shared/bank/bank-check.js';
import type { RegionLevel } from '../../shared/region/region.js';
import { readJsonFiles } from './bank-files.js';
import type { Database } from '../db/client.js';
import { meta, questions } from '../db/schema.js';
import { insertQuestions } from './bank.js';
import { DIVISION_PACKAGE, divisionVersion, readDivisionSubtree, upsertRegions } from '../regions/region-data.js';

/** Which part of the country a deployment serves: its top region and how deep below it regions are loaded. */
export interface RegionScope {
  root: string;
  depth: RegionLevel;
}

/**
 * Brings the region table to the deployment's scope: when the configured top region, depth or data package
 * differ from what was loaded last (kept in `meta`), the subtree is read from the package and upserted in one
 * transaction. Nothing is deleted, so a narrower configuration leaves earlier regions (and what points at them).
 */
export async function seedRegions(database: Database, scope: RegionScope, now: number): Promise<number> {
  const source = `${DIVISION_PACKAGE}@${divisionVersion()}:${scope.root}:${scope.depth}`;
  const [loaded] = await database.db.select().from(meta).where(eq(meta.key, 'regions_source'));
  if (loaded?.value === source) return 0;
  const rows = readDivisionSubtree(scope.root, scope.depth);
  await upsertRegions(database.client, rows);
  await database.db.insert(meta).values({ key: 'regions_source', value: source, updatedAt: now }).onConflictDoUpdate({ target: meta.key, set: { value: source, updatedAt: now } });
  return rows.length;
}

/**
 * Fills a database from `questions/` and the region package: the regions of the deployment's scope, then
 * the bank. The bank is seeded only when empty, so organizers' edits are never overwritten by a restart. A
 * bank with any problem is refused whole (run `npm run questions:check` to see why).
 */
export async function seedIfEmpty(database: Database, questionsDir: string, now: number, scope: RegionScope): Promise<{ regions: number; questions: number }> {
  const { db } = database;
  const seeded = { regions: await seedRegions(database, scope, now), questions: 0 };
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
