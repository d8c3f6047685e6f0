import type { AppError, Issue } from '../../../shared/protocol/result';

/**
 * Which of a rejected save's issues a form field shows. A field names the paths it edits: it shows the issues at a
 * path and under it (`teams.0` shows `teams.0.name`), while a path ending in `$` shows only the issue at that very
 * path (a list's own error, such as too few teams, and not its items').
 */
export function covers(path: string, issuePath: string): boolean {
  return path.endsWith('$') ? issuePath === path.slice(0, -1) : issuePath === path || issuePath.startsWith(`${path}.`);
}

/** The first issue any of `paths` shows. */
export function issueFor(issues: readonly Issue[], paths: readonly string[]): Issue | undefined {
  return issues.find((i) => paths.some((p) => covers(p, i.path)));
}

/** The message of the first issue at a field's path (or inside it: `options` shows `options.2`), to show next to it. */
export function issueAt(error: AppError | null | undefined, path: string): string | undefined {
  return issueFor(error?.issues ?? [], [path])?.message;
}

/** The issues that no claimed path shows, to be listed together under the form. */
export function unplacedIssues(issues: readonly Issue[], claimed: readonly string[]): Issue[] {
  return issues.filter((i) => !claimed.some((p) => covers(p, i.path)));
}

/** Takes back one claim of each path (a field leaving the form); a path two fields claimed stays claimed once. */
export function release(claimed: readonly string[], paths: readonly string[]): string[] {
  const next = [...claimed];
  for (const p of paths) {
    const at = next.indexOf(p);
    if (at >= 0) next.splice(at, 1);
  }
  return next;
}

/** Whether an issue is about a duration the saved data holds in milliseconds (`timeLimitMs`, `rounds.0.buzzWindowMs`). */
export const isMillisecondsPath = (path: string) => /Ms(\.|$)/.test(path);
