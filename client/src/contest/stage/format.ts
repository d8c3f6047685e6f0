import type { PublicView, TeamRow } from '../../../../shared/contest/views';
import { locale } from '../../i18n';

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** [0, 2] → "A、C" (a true/false answer reads as its option text). */
export function letters(options: readonly number[] | null | undefined, texts?: readonly string[], truefalse = false): string {
  if (!options || options.length === 0) return '—';
  if (truefalse && texts) return options.map((i) => texts[i] ?? '?').join('、');
  return options.map((i) => LETTERS[i] ?? '?').join(locale() === 'en' ? ', ' : '、');
}

/** 10 → "+10", -10 → "−10", 0 → "0". */
export function signed(n: number): string {
  if (n > 0) return `+${fmt(n)}`;
  if (n < 0) return `−${fmt(-n)}`;
  return '0';
}

/** Scores keep up to two decimals: 8.5 → "8.5", 110 → "110". */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
}

export function pct(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${Math.round((part / whole) * 1000) / 10}%`;
}

/** Teams best first; equal ranks keep the configured order. */
export function ranked(teams: readonly TeamRow[]): TeamRow[] {
  return teams.map((t, i) => ({ t, i })).sort((a, b) => a.t.rank - b.t.rank || a.i - b.i).map((x) => x.t);
}

export function teamName(view: PublicView, id: string | null | undefined): string {
  if (!id) return '';
  return view.teams.find((t) => t.id === id)?.name ?? id;
}

/** Seconds shown on a countdown: "27", or "1:05" past a minute. */
export function clockText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` : String(s);
}

/** Whether the view has a question on screen (shown to everybody). */
export const questionShown = (v: PublicView) => v.question !== null && v.question.openingId !== null;
