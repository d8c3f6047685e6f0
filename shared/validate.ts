import { z } from 'zod';
import { errorMessage, isErrorCode, type Locale } from './i18n.js';
import type { Issue, Result } from './result.js';

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() } as const;

/**
 * A zod error map for one locale: our own refinements raise `custom` issues carrying
 * `params.key` (a message code) and its placeholders; everything else uses zod's locale.
 */
export function errorMapFor(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code === 'custom') {
      const params = (issue as { params?: Record<string, string | number> }).params;
      if (params && isErrorCode(params.key)) return errorMessage(params.key, locale, params);
    }
    return zodLocales[locale].localeError(issue);
  };
}

const errorMaps = { 'zh-CN': errorMapFor('zh-CN'), en: errorMapFor('en') } as const;

/** Formats a zod issue path as `options.2` (or `(root)` for the whole value). */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Converts zod issues to our `Issue` list, messages already in the caller's locale. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Parses untrusted input with a schema, localising zod's messages.
 * Never throws: a bad input comes back as `{ ok: false, error: { code: 'input/invalid', issues } }`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, locale: Locale): Result<z.output<S>> {
  const parsed = schema.safeParse(input, { error: errorMaps[locale] });
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    error: { code: 'input/invalid', message: errorMessage('input/invalid', locale), issues: toIssues(parsed.error) },
  };
}
