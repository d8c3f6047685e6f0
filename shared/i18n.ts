/** Locales the product speaks; Simplified Chinese first. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/**
 * Picks a supported locale from an explicit choice or an Accept-Language header.
 * Anything unrecognised falls back to Chinese, the language of the product's users.
 */
export function pickLocale(requested: string | null | undefined): Locale {
  if (!requested) return DEFAULT_LOCALE;
  for (const part of requested.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

/** Messages for error codes shared by server and client. `{name}` placeholders are filled by `errorMessage`. */
export const ERROR_MESSAGES = {
  'input/invalid': { 'zh-CN': '提交的内容有误，请检查后重试', en: 'The submitted data is invalid; please check it and try again' },
  'input/too-large': { 'zh-CN': '提交的内容过大', en: 'The submitted data is too large' },
  'input/malformed-json': { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'route/not-found': { 'zh-CN': '找不到请求的接口', en: 'No such API endpoint' },
  'region/not-found': { 'zh-CN': '找不到该地区：{code}', en: 'No such region: {code}' },
  'contest/pin-not-found': { 'zh-CN': '没有找到 PIN 为 {pin} 的比赛，请核对后重试', en: 'No contest has PIN {pin}; please check it and try again' },
  'contest/finished': { 'zh-CN': '该比赛已经结束', en: 'This contest has finished' },
  'question/not-found': { 'zh-CN': '找不到该题目：{id}', en: 'No such question: {id}' },
  'server/internal': { 'zh-CN': '服务器内部错误，请稍后重试', en: 'Internal server error; please try again later' },
  'server/unavailable': { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
  // Field-level validation messages raised by our own schema refinements.
  'question/answer-out-of-range': { 'zh-CN': '答案 {letter} 没有对应的选项（共 {count} 个选项）', en: 'Answer {letter} has no matching option ({count} options)' },
  'question/answer-duplicate': { 'zh-CN': '答案中的字母 {letter} 重复', en: 'Answer letter {letter} appears twice' },
  'question/multiple-needs-two': { 'zh-CN': '多选题至少要有两个正确答案', en: 'A multiple-choice question needs at least two correct answers' },
  'question/multiple-not-all': { 'zh-CN': '多选题不能所有选项都正确', en: 'A multiple-choice question cannot have every option correct' },
  'question/duplicate-option': { 'zh-CN': '选项 {a} 与选项 {b} 内容重复', en: 'Option {a} repeats option {b}' },
  'question/item-out-of-range': { 'zh-CN': '{edition} 年版健康素养只有 66 条，第 {item} 条不存在', en: 'The {edition} edition has 66 items; item {item} does not exist' },
  'text/control-chars': { 'zh-CN': '包含不可见的控制字符', en: 'Contains invisible control characters' },
  'text/blank': { 'zh-CN': '不能为空白', en: 'Must not be blank' },
} satisfies Catalog;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Narrows an arbitrary string to a known message code. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

/** Renders the message for an error code in a locale, filling `{name}` placeholders from `params`. */
export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): string {
  const template: string = ERROR_MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
