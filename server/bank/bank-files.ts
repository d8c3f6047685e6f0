import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BankFile } from '../../shared/bank/bank-check.js';
import { flattenRegions, regionNodeSchema, type Region } from '../../shared/region/region.js';

/** Reads every `*.json` under a folder, keeping unreadable JSON as a reported problem rather than a throw. */
export async function readJsonFiles(dir: string): Promise<BankFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const raw = await readFile(path.join(dir, name), 'utf8');
      try {
        return { name: path.join(path.basename(dir), name), content: JSON.parse(raw) as unknown };
      } catch (e) {
        return { name: path.join(path.basename(dir), name), content: null, jsonError: (e as Error).message };
      }
    }),
  );
}

/** Reads and validates the region seed files; throws with the problems when a file is wrong. */
export async function readRegionSeed(dir: string): Promise<Region[]> {
  const all: Region[] = [];
  for (const file of await readJsonFiles(dir)) {
    if (file.jsonError) throw new Error(`${file.name}: ${file.jsonError}`);
    const parsed = regionNodeSchema.safeParse(file.content);
    if (!parsed.success) throw new Error(`${file.name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { regions, problems } = flattenRegions(parsed.data);
    if (problems.length) throw new Error(`${file.name}: ${problems.join('; ')}`);
    all.push(...regions);
  }
  return all;
}
