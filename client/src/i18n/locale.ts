import { createSignal } from 'solid-js';
import { pickLocale, type Locale } from '../../../shared/i18n/messages';

function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('lang');
  return pickLocale(stored ?? 'zh-CN');
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());

/** The current UI locale (reactive). */
export { locale };

/** Switches the UI language and remembers it on this device (and for the server, in a cookie). */
export function setLocale(next: Locale) {
  setLocaleSignal(next);
  localStorage.setItem('lang', next);
  document.cookie = `lang=${next}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = next;
}

/** Fills `{name}` placeholders of a message. */
export function fill(template: string, params?: Record<string, string | number>): string {
  return params ? template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : template;
}

/** One message in the two UI locales: Simplified Chinese first, English second. */
export type Term = readonly [zh: string, en: string];

/** A surface's messages by key, each in both locales (a glossary term where the words are shared). */
export type Catalogue = Record<string, Term>;

/**
 * A translate function over one surface's catalogue. Each surface keeps its catalogue in its own chunk (the public
 * pages, the admin, the stage, the phones), so a citizen's phone never downloads the back office's words; the terms
 * messages share come from the glossary (`./glossary/*`).
 */
export function makeTranslator<K extends string>(messages: Record<K, Term>) {
  return (key: K, params?: Record<string, string | number>): string => fill(messages[key][locale() === 'en' ? 1 : 0], params);
}
