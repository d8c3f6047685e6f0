/** A share as a percentage with one decimal, or a dash when there is nothing to divide by. */
export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** An average score with one decimal, or a dash when nobody has submitted. */
export const avg = (v: number | null) => (v === null ? '—' : v.toFixed(1));
