/**
 * `npm run bench:bundle` — JavaScript each page downloads, gzipped, from the production build's
 * manifest: the entry chunk, the page's own chunk, and everything they import statically.
 * Budgets (DESIGN.md): player pages ≤ 60 KB, big screen ≤ 150 KB.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const out = path.resolve('dist/client');
const manifest = JSON.parse(readFileSync(path.join(out, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;

function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const dep of manifest[key]!.imports ?? []) closure(dep, seen);
  return seen;
}
const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const gz = (file: string) => gzipSync(readFileSync(path.join(out, file)), { level: 9 }).length;

const pages: [string, string, number][] = [
  ['landing (home)', 'src/pages/landing.tsx', 60],
  ['citizen quiz (phone)', 'src/pages/quiz-play.tsx', 60],
  ['audience play-along (phone)', 'src/contest/play.tsx', 60],
  ['team device', 'src/contest/team.tsx', 60],
  ['judge pad', 'src/contest/judge.tsx', 60],
  ['county board (big screen)', 'src/pages/board.tsx', 150],
  ['contest big screen', 'src/contest/screen.tsx', 150],
  ['livestream overlay', 'src/contest/overlay.tsx', 150],
  ['host console', 'src/contest/host/index.tsx', 150],
];
console.log('page'.padEnd(32), 'JS gzipped', 'budget');
let over = 0;
for (const [name, src, budget] of pages) {
  const keys = closure(entry);
  if (manifest[src]) closure(src, keys);
  const bytes = [...keys].reduce((n, k) => n + gz(manifest[k]!.file), 0);
  const kb = bytes / 1024;
  if (kb > budget) over++;
  console.log(name.padEnd(32), `${kb.toFixed(1)} KB`.padStart(10), `${budget} KB`.padStart(6), kb > budget ? 'OVER' : 'ok');
}
process.exit(over ? 1 : 0);
