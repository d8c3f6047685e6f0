import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clockText, fmt, letters, pct, signed } from '../../client/src/contest/stage/format';
import { fill, makeTranslator, setLocale } from '../../client/src/i18n';

// setLocale remembers the choice in localStorage and a cookie: a minimal stand-in for the browser's globals.
beforeEach(() => {
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
  vi.stubGlobal('document', { cookie: '', documentElement: { lang: '' } });
  setLocale('zh-CN');
});
afterEach(() => vi.unstubAllGlobals());

describe('stage formatting', () => {
  it('names chosen options by letter, joined in the page language', () => {
    expect(letters([0, 2])).toBe('A、C');
    setLocale('en');
    expect(letters([0, 2])).toBe('A, C');
    expect(letters([])).toBe('—');
    expect(letters(null)).toBe('—');
    expect(letters([1], ['正确', '错误'], true)).toBe('错误');
  });

  it('signs score changes with a true minus and keeps up to two decimals', () => {
    expect(signed(10)).toBe('+10');
    expect(signed(-10)).toBe('−10');
    expect(signed(0)).toBe('0');
    expect(fmt(8.5)).toBe('8.5');
    expect(fmt(110)).toBe('110');
    expect(fmt(8.25)).toBe('8.25');
  });

  it('shows a share with one decimal, and a dash when there is nothing to share', () => {
    expect(pct(1, 3)).toBe('33.3%');
    expect(pct(0, 0)).toBe('—');
  });

  it('shows seconds on the countdown, minutes past one minute, rounding up', () => {
    expect(clockText(27_000)).toBe('27');
    expect(clockText(26_001)).toBe('27');
    expect(clockText(65_000)).toBe('1:05');
    expect(clockText(0)).toBe('0');
  });
});

describe('translation', () => {
  it('fills placeholders and leaves an unknown one empty', () => {
    expect(fill('共 {n} 题', { n: 5 })).toBe('共 5 题');
    expect(fill('{a}-{b}', { a: 1 })).toBe('1-');
    expect(fill('no params')).toBe('no params');
  });

  it('follows the current locale', () => {
    const t = makeTranslator({ hi: ['你好，{name}', 'Hello, {name}'] });
    expect(t('hi', { name: '张三' })).toBe('你好，张三');
    setLocale('en');
    expect(t('hi', { name: 'Li' })).toBe('Hello, Li');
  });
});
