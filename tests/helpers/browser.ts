import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
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

/**
 * Counts a page's HTTP requests in flight; `settled()` resolves once none has been in flight for `quietMs` (the
 * page's data has arrived, and any request its answer leads to has come back too). Playwright's 'networkidle'
 * always waits 500 ms after the last request; this waits only as long as the page is busy.
 */
export function trackRequests(page: Page): { settled: (quietMs?: number) => Promise<void> } {
  let inFlight = 0;
  let last = Date.now();
  const change = (by: number) => () => {
    inFlight += by;
    last = Date.now();
  };
  page.on('request', change(1));
  page.on('requestfinished', change(-1));
  page.on('requestfailed', change(-1));
  return {
    settled: (quietMs = 150) => expect.poll(() => inFlight === 0 && Date.now() - last >= quietMs, { interval: 25 }).toBe(true),
  };
}
