/**
 * Builds the server for `npm start`: one ES module per entry point in `dist/` (the HTTP server, the cluster
 * primary, the writer thread), our TypeScript bundled and the packages left to node_modules. Loading the
 * sources through tsx's hooks costs start-up a second and more on this machine; a restarted server is
 * back for its players that much sooner. Run as a script, or imported by the test setup.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Entry points, by the name of their built file (`dist/<name>.mjs`): one folder below the root, as the sources are, so paths relative to them hold. */
export const SERVER_ENTRIES: Record<string, string> = {
  main: 'server/main.ts',
  cluster: 'server/cluster.ts',
  'writer-thread': 'server/db/writer-thread.ts',
  'import-thread': 'server/sheets/import-thread.ts',
};

export async function buildServer(): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: SERVER_ENTRIES,
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildServer();
