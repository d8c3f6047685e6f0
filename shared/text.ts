import { z } from 'zod';
import { nameProblem } from './names.js';

// C0/C1 control characters other than tab and newline, plus bidi overrides: never legitimate in
// names, stems or options, and a classic way to make text render differently from what was stored.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * A trimmed, non-blank text field of bounded length without control characters.
 * Used for every human-written string the product stores.
 */
export function text(min: number, max: number) {
  return z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(min).max(max))
    .superRefine((s, ctx) => {
      if (CONTROL.test(s)) ctx.addIssue({ code: 'custom', params: { key: 'text/control-chars' } });
    });
}

/** A name shown in public (nickname, team name): bounded text that passes the name filter. */
export function publicName(min: number, max: number) {
  return text(min, max).superRefine((s, ctx) => {
    const problem = nameProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', params: { key: problem } });
  });
}
