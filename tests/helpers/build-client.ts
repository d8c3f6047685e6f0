import path from 'node:path';
import { build } from 'vite';
import { tempDir } from './server';

/** Builds the Solid client from the current source into a fresh temp folder, as `npm run build` would. */
export async function buildClientInto(): Promise<string> {
  const outDir = path.join(tempDir('hq-client-'), 'client');
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}
