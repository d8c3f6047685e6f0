import type { AppError } from '../../../shared/result';

/** The message of the first issue at a field (or inside it: `options` matches `options.2`), for showing next to it. */
export function issueAt(error: AppError | null, path: string): string | undefined {
  return error?.issues?.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
}
