import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_PATH } from './env';
import { tempDir } from './server';

/** Builds the Solid client from the current source into a temp folder, as `npm run build` would. */
export async function buildClient(): Promise<string> {
  const outDir = path.join(tempDir('hq-client-'), 'client');
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** Debian's Chromium, headless, with the flags this sandbox needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const PHONE = { width: 390, height: 844 };
export const BIG_SCREEN = { width: 1920, height: 1080 };

/** Where tests leave screenshots for a human to look at. */
export const SCREENS_DIR = path.resolve('.screens');
