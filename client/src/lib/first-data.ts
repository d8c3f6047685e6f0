import type { FirstData } from '../../../shared/protocol/first-data';
import { syncClock } from './clock';

let pending: FirstData | null | undefined;

/**
 * One part of the data the server sent inside this page's document (see server/http/first-load.ts), once: for the
 * address the document was made for, and only the first time a page asks for that part, so a later visit
 * within the app (or a retry) asks the API for fresh data. Also sets the clock from it, by the navigation's own timing.
 */
export function takeFirstData<K extends 'quiz' | 'contest' | 'daily'>(kind: K): NonNullable<FirstData[K]> | null {
  if (pending === undefined) {
    pending = null;
    const el = document.getElementById('first-data');
    if (el?.textContent) {
      try {
        pending = JSON.parse(el.textContent) as FirstData;
      } catch {
        pending = null;
      }
    }
  }
  const data = pending;
  if (!data || data.path !== window.location.pathname || !data[kind]) return null;
  pending = { ...data, [kind]: undefined };
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (nav && nav.responseStart > 0) syncClock(data.serverTime, performance.timeOrigin + nav.requestStart, performance.timeOrigin + nav.responseStart);
  return data[kind] as NonNullable<FirstData[K]>;
}
