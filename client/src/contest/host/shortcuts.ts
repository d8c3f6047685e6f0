/** The host console's keyboard shortcuts: next step (Space or Enter), judge, lock, reveal, pause, undo. */
export type Shortcut = 'next' | 'correct' | 'incorrect' | 'lock' | 'reveal' | 'pause' | 'undo';

const BY_LETTER: Readonly<Record<string, Shortcut>> = { j: 'correct', k: 'incorrect', l: 'lock', r: 'reveal', p: 'pause', z: 'undo' };

/** The shortcut a key stands for, or null for any other key. */
export function shortcutOf(key: string): Shortcut | null {
  if (key === ' ' || key === 'Enter') return 'next';
  return BY_LETTER[key.toLowerCase()] ?? null;
}

/**
 * Keys pressed while the console waits for the reply to its last command (a step is acknowledged once it is
 * durable, so a quick host can be faster than the reply). Another key than the one on its way is kept, the latest
 * one, and runs once the reply is in, against the view the reply brought: J then R right after it judges and
 * reveals. The same key again is a double press and is dropped, so a nervous double tap on Space never skips a
 * step. While a command sent by another control (next round, undo) is on its way, keys are dropped; after a
 * refusal the kept key is dropped too: the host reads the refusal first.
 */
export class ShortcutQueue {
  #inFlight: Shortcut | null = null;
  #kept: Shortcut | null = null;

  /** A command is on its way, sent by this shortcut or its button (null: by another control). */
  begin(key: Shortcut | null): void {
    this.#inFlight = key;
    this.#kept = null;
  }

  /** A key press: the shortcut to act on now, or null (kept for after the reply, or dropped). */
  press(key: Shortcut, busy: boolean): Shortcut | null {
    if (!busy) return key;
    if (this.#inFlight !== null && key !== this.#inFlight) this.#kept = key;
    return null;
  }

  /** The reply is in: the kept shortcut to act on now, if the command went through. */
  settled(ok: boolean): Shortcut | null {
    const next = ok ? this.#kept : null;
    this.#inFlight = null;
    this.#kept = null;
    return next;
  }

  /** The key kept for after the reply, if any. */
  get kept(): Shortcut | null {
    return this.#kept;
  }
}
