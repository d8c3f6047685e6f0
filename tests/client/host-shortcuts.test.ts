import { describe, expect, it } from 'vitest';
import { ShortcutQueue, shortcutOf } from '../../client/src/contest/host/shortcuts';

describe('host console shortcuts', () => {
  it('maps Space and Enter to the next step and the letters to their commands, case-blind', () => {
    expect(shortcutOf(' ')).toBe('next');
    expect(shortcutOf('Enter')).toBe('next');
    expect(shortcutOf('J')).toBe('correct');
    expect(shortcutOf('k')).toBe('incorrect');
    expect(['l', 'r', 'p', 'z'].map(shortcutOf)).toEqual(['lock', 'reveal', 'pause', 'undo']);
    expect(shortcutOf('x')).toBeNull();
    expect(shortcutOf('Escape')).toBeNull();
  });

  it('acts at once on a key pressed while nothing is on its way', () => {
    const q = new ShortcutQueue();
    expect(q.press('next', false)).toBe('next');
  });

  it('keeps another key pressed while a command is on its way, and runs it once the reply is in', () => {
    const q = new ShortcutQueue();
    q.begin('correct');
    expect(q.press('reveal', true)).toBeNull();
    expect(q.kept).toBe('reveal');
    expect(q.settled(true)).toBe('reveal');
    expect(q.kept).toBeNull();
    // Nothing is left for the reply after that.
    q.begin('reveal');
    expect(q.settled(true)).toBeNull();
  });

  it('drops the same key pressed again (a double tap never skips a step), and keeps only the latest other key', () => {
    const q = new ShortcutQueue();
    q.begin('next');
    expect(q.press('next', true)).toBeNull();
    expect(q.kept).toBeNull();
    expect(q.settled(true)).toBeNull();

    q.begin('lock');
    q.press('reveal', true);
    q.press('pause', true);
    expect(q.settled(true)).toBe('pause');
  });

  it('drops a kept key after a refusal', () => {
    const q = new ShortcutQueue();
    q.begin('lock');
    q.press('reveal', true);
    expect(q.settled(false)).toBeNull();
    expect(q.kept).toBeNull();
  });

  it('drops keys while a command of another control (next round, undo) is on its way', () => {
    const q = new ShortcutQueue();
    q.begin(null);
    expect(q.press('next', true)).toBeNull();
    expect(q.press('reveal', true)).toBeNull();
    expect(q.settled(true)).toBeNull();
  });
});
