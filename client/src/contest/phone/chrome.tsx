import { createMemo, Show, type JSX } from 'solid-js';
import type { AppError } from '../../../../shared/protocol/result';
import type { PublicView } from '../../../../shared/contest/views';
import { locale, setLocale } from '../../i18n';
import { createCountdown, formatRemaining } from '../../lib/clock';
import { tp } from '../../i18n/phone';

/** 中文 ⇄ English, remembered on the device like on every other page. */
export function LangSwitch() {
  return (
    <button type="button" class="ph-lang" aria-label={tp('lang.label')} onClick={() => setLocale(locale() === 'zh-CN' ? 'en' : 'zh-CN')}>
      {tp('lang.switch')}
    </button>
  );
}

/** A dot and a word: the phone is live, or trying to get back. */
export function ConnectionBadge(props: { connected: boolean }) {
  return (
    <span class="ph-conn" classList={{ on: props.connected }} role="status">
      {props.connected ? tp('conn.live') : tp('conn.lost')}
    </span>
  );
}

/** Banners over the page: the host paused the contest; the connection dropped (the page rejoins by itself). */
export function Banners(props: { paused: boolean; connected: boolean; joined: boolean }) {
  return (
    <>
      <Show when={!props.connected && props.joined}>
        <div class="ph-banner ph-banner-lost" role="alert">
          {tp('conn.reconnecting')}
        </div>
      </Show>
      <Show when={props.paused}>
        <div class="ph-banner ph-banner-paused" role="alert">
          {tp('state.paused')}
        </div>
      </Show>
    </>
  );
}

/**
 * Seconds left before a server-time deadline, drawn from the synced clock; frozen at the server's
 * `remainingMs` while the contest is paused.
 */
export function Countdown(props: { deadline: number | null; paused: boolean; remainingMs: number | null; label: string }) {
  const left = createCountdown(() => props.deadline);
  const ms = createMemo(() => (props.paused ? props.remainingMs : left()));
  return (
    <Show when={ms() !== null}>
      <div class="ph-timer" classList={{ urgent: (ms() ?? 0) <= 5000, done: ms() === 0 }} role="timer" aria-label={props.label}>
        <span class="ph-timer-label">{props.label}</span>
        <span class="ph-timer-value">{formatRemaining(ms() ?? 0)}</span>
      </div>
    </Show>
  );
}

/** A refused action or a failed request: the server's localized message, or ours when the network failed. */
export function ErrorLine(props: { error: AppError | null }) {
  return (
    <Show when={props.error}>
      {(e) => (
        <p class="ph-error" role="alert">
          {e().code === 'network/failed' || !e().message ? tp('error.network') : e().message}
        </p>
      )}
    </Show>
  );
}

/** A calm full-width message for the moments between actions. */
export function Waiting(props: { title: string; detail?: string; children?: JSX.Element }) {
  return (
    <section class="ph-waiting" aria-live="polite">
      <p class="ph-waiting-title">{props.title}</p>
      <Show when={props.detail}>
        <p class="ph-waiting-detail">{props.detail}</p>
      </Show>
      {props.children}
    </section>
  );
}

/** "必答题 · 第 1 / 2 题" — the round and where the contest is in it. */
export function roundLine(view: PublicView): string {
  const r = view.round;
  if (!r) return view.phase === 'finished' ? tp('state.finished') : tp('state.lobbyShort');
  if (r.questionIndex === null || r.questionCount === 0) return r.title;
  return `${r.title} · ${tp('round.question', { i: r.questionIndex + 1, n: r.questionCount })}`;
}

/** Options as a player reads them: true/false in the page's language, the others as written. */
export function optionLabels(view: PublicView): string[] {
  const q = view.question;
  if (!q) return [];
  return q.type === 'truefalse' ? [tp('tf.true'), tp('tf.false')] : q.options;
}

/** Formats a score change: +10, −10, 0. */
export function signed(n: number): string {
  const v = Math.round(n * 100) / 100;
  return v > 0 ? `+${v}` : v < 0 ? `−${Math.abs(v)}` : '0';
}

/** Scores may carry two decimals (judged rounds): show them only when needed. */
export const score = (n: number) => String(Math.round(n * 100) / 100);
