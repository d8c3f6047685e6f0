import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { buildClientInto } from './build-client';
import { CHROMIUM_PATH } from './env';

/**
 * The client built from the current source: the one the global setup built for this run, or (when the command
 * line's filter did not look like a browser test) a build of its own.
 */
export async function buildClient(): Promise<string> {
  return inject('clientDir') || buildClientInto();
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

/** Gives a browser context the session of a signed-in staff member (the cookies `login` got), for pages at `url`. */
export function signIn(context: BrowserContext, url: string, staff: { cookie: string }): Promise<void> {
  return context.addCookies(staff.cookie.split('; ').map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url })));
}
