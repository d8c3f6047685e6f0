import { z } from 'zod';
import { nameProblem } from './names.js';

// C0/C1 control characters other than tab and newline, plus bidi overrides: never legitimate in
// names, stems or options, and a classic way to make text render differently from what was stored.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

// Invisible format characters: zero-width spaces and joiners, the BOM, and bidi marks and isolates. They
// split words past a filter ("138\u200B1234\u200B5678") or make a name of nothing visible; dropped before
// any check. (Zero-width joiners inside emoji sequences go too: harmless for names and stems.)
const INVISIBLE = /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]/g;

/**
 * Text as stored: canonical composition (NFC: the same characters always the same code points, full-width
 * Chinese punctuation kept as written), invisible format characters removed, trimmed.
 */
export function normalizeStoredText(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').trim();
}

/**
 * A trimmed, non-blank text field of bounded length without control characters, normalized first
 * (`normalizeStoredText`). Used for every human-written string the product stores.
 */
export function text(min: number, max: number) {
  return z
    .string()
    .transform(normalizeStoredText)
    .pipe(z.string().min(min).max(max))
    .superRefine((s, ctx) => {
      if (CONTROL.test(s)) ctx.addIssue({ code: 'custom', params: { key: 'text/control-chars' } });
    });
}

/**
 * A name shown in public (nickname, team name): bounded text that passes the name filter, stored in NFKC
 * (full-width letters and digits as plain ones, so what the filter checked is what is shown).
 */
export function publicName(min: number, max: number) {
  return text(min, max)
    .transform((s) => s.normalize('NFKC'))
    .superRefine((s, ctx) => {
      const problem = nameProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', params: { key: problem } });
    });
}
