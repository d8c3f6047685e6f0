/**
 * What a phone or tablet remembers about a contest, per PIN, so that a reload (or a phone that locked
 * its screen) joins again as the same team, judge or audience member without the link.
 */

const key = (role: 'team' | 'judge' | 'audience', pin: string) => `contest:${role}:${pin}`;

function read(k: string): string | null {
  try {
    return localStorage.getItem(k);
  } catch {
    // Private browsing in some in-app browsers throws on storage access: the page still works until a reload.
    return null;
  }
}

function write(k: string, value: string | null) {
  try {
    if (value === null) localStorage.removeItem(k);
    else localStorage.setItem(k, value);
  } catch {
    /* see read() */
  }
}

/**
 * The device token of a team or judge link: taken from `?t=` when the page was opened from the link
 * (then kept on the device and removed from the address bar, so the link is not shown on stage), else
 * the one kept from an earlier visit.
 */
export function takeLinkToken(role: 'team' | 'judge', pin: string): string | null {
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get('t');
  if (fromLink) {
    write(key(role, pin), fromLink);
    url.searchParams.delete('t');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromLink;
  }
  return read(key(role, pin));
}

/** An audience member on this phone: the token the server issued, and what was typed in the form. */
export interface AudienceSaved {
  token?: string;
  nickname?: string;
  county?: string;
  /** Sent with the first join until a token arrives, so a retried first join is the same member. */
  joinKey?: string;
}

/** A random key for the first join (URL-safe, 24 characters). */
export function newJoinKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

export function loadAudience(pin: string): AudienceSaved {
  try {
    return JSON.parse(read(key('audience', pin)) ?? '{}') as AudienceSaved;
  } catch {
    return {};
  }
}

export function saveAudience(pin: string, saved: AudienceSaved) {
  write(key('audience', pin), JSON.stringify(saved));
}
