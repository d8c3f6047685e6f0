import { z } from 'zod';
import { fieldLabel } from '../i18n/field-labels.js';
import { errorMessage, isErrorCode, type Locale } from '../i18n/messages.js';
import type { Issue, Result } from './result.js';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What zod tells the error map about an issue (the fields we read). */
interface RawIssue {
  code: string;
  path?: PropertyKey[];
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint | Date;
  maximum?: number | bigint | Date;
  inclusive?: boolean;
  divisor?: number;
  keys?: string[];
}

/**
 * One sentence in the reader's language that names the field (`题干至少需要 4 个字`,
 * `The stem needs at least 4 characters`), for every kind of issue zod raises; never zod's own
 * developer-facing text ("数值过小：期望 string >=4 字符").
 */
export function issueSentence(issue: RawIssue, locale: Locale): string {
  const { text: f, unit } = fieldLabel(issue.path ?? [], locale);
  const F = cap(f);
  const zh = locale === 'zh-CN';
  const min = String(issue.minimum ?? '');
  const max = String(issue.maximum ?? '');
  const list = issue.origin === 'array' || issue.origin === 'set';
  const textual = issue.origin === 'string';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return zh ? `请填写${f}` : `Please fill in ${f}`;
      if (issue.expected === 'int') return zh ? `${f}必须是整数` : `${F} must be a whole number`;
      if (issue.expected === 'number') return zh ? `${f}必须是数字` : `${F} must be a number`;
      return zh ? `${f}的内容不对，请重新填写` : `${F} has the wrong kind of value; please fill it in again`;
    case 'too_small':
      if (textual) return Number(issue.minimum) <= 1 ? (zh ? `请填写${f}` : `Please fill in ${f}`) : zh ? `${f}至少需要 ${min} 个字` : `${F} needs at least ${min} characters`;
      if (list) return zh ? `${f}至少需要 ${min} 项` : `${F} needs at least ${min} entries`;
      if (issue.inclusive === false) return zh ? `${f}必须大于 ${min}${unit}` : `${F} must be more than ${min}${unit}`;
      return zh ? `${f}不能小于 ${min}${unit}` : `${F} cannot be less than ${min}${unit}`;
    case 'too_big':
      if (textual) return zh ? `${f}最多 ${max} 个字` : `${F} can have at most ${max} characters`;
      if (list) return zh ? `${f}最多 ${max} 项` : `${F} can have at most ${max} entries`;
      if (issue.inclusive === false) return zh ? `${f}必须小于 ${max}${unit}` : `${F} must be less than ${max}${unit}`;
      return zh ? `${f}不能大于 ${max}${unit}` : `${F} cannot be more than ${max}${unit}`;
    case 'invalid_format':
      return zh ? `${f}的格式不正确` : `${F} is not in the right format`;
    case 'invalid_value':
      return zh ? `请从列表中选择${f}` : `Choose ${f} from the list`;
    case 'not_multiple_of':
      return zh ? `${f}必须是 ${issue.divisor} 的倍数` : `${F} must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return zh ? `包含无法识别的项目：${(issue.keys ?? []).join('、')}` : `Unknown fields: ${(issue.keys ?? []).join(', ')}`;
    default:
      return zh ? `${f}不符合要求，请检查后重新填写` : `${F} is not valid; please check it`;
  }
}

/**
 * A zod error map for one locale: our own refinements raise `custom` issues carrying
 * `params.key` (a message code) and its placeholders (`{field}` / `{Field}`: the field's name);
 * everything else becomes a sentence naming the field (`issueSentence`).
 */
export function errorMapFor(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code === 'custom') {
      const params = (issue as { params?: Record<string, string | number> }).params;
      if (params && isErrorCode(params.key)) {
        const field = fieldLabel(issue.path ?? [], locale).text;
        return errorMessage(params.key, locale, { field, Field: cap(field), ...params });
      }
    }
    return issueSentence(issue as RawIssue, locale);
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
