import { createEffect, createSignal, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { ContestDetail } from '../../../../shared/contest/draft';
import type { HostView } from '../../../../shared/contest/views';
import type { AppError } from '../../../../shared/protocol/result';
import { locale, setLocale } from '../../i18n';
import { commandLabel, kindLabel, phaseLabel, ts } from '../../i18n/stage';
import { Countdown } from '../stage/countdown';
import { signed, teamName } from '../stage/format';
import { canNextRound, lockAction, nextRoundLabel, nextStep, type HostCommand } from '../stage/next-step';
import { AudiencePanel } from './audience';
import { errorText, type Send } from './common';
import { Corrections } from './corrections';
import { ShortcutQueue, shortcutOf, type Shortcut } from './shortcuts';
import { DevicesPanel } from './devices';
import { LivePanel, QuestionPanel } from './live';
import { ActForTeam, TiebreakStale } from './panels';

/** The console once connected: status and the one big next-step button, the question, the teams, the audience, corrections, devices. */
interface DeskProps {
  view: HostView;
  detail: ContestDetail;
  send: Send;
  connected: boolean;
  rehearsal: boolean;
  countyName: (code: string | null) => string;
}

export function Desk(props: DeskProps) {
  const v = () => props.view;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [undoOpen, setUndoOpen] = createSignal(false);
  let dialog: HTMLDialogElement | undefined;
  // A refusal stays in view until the contest moves on to another phase.
  createEffect(on(() => v().phaseId, () => setError(null), { defer: true }));

  /** Shortcuts pressed while a command is on its way (see ShortcutQueue), and the one being acted on now. */
  const keys = new ShortcutQueue();
  let acting: Shortcut | null = null;
  /** Sends a host command guarded by the phase the console shows, so a click never lands on a later phase. */
  const run = async (command: HostCommand, guard = true) => {
    if (busy()) return;
    setBusy(true);
    keys.begin(acting);
    const err = await props.send(guard ? { ...command, phaseId: v().phaseId } : command);
    setBusy(false);
    setError(err);
    // A key pressed meanwhile acts now, on the view the reply brought.
    const next = keys.settled(err === null);
    if (next) act(next);
  };
  const step = () => nextStep(v());
  /**
   * Steps that cannot be undone by a glance at the screen ask first: skipping questions still left in
   * the round, and ending the contest.
   */
  const [confirming, setConfirming] = createSignal<{ title: string; body: string; ok: string; command: HostCommand } | null>(null);
  let confirmDialog: HTMLDialogElement | undefined;
  const nextRound = (command: HostCommand) => {
    const r = v().round;
    const j = v().judging;
    const remaining = !r ? 0 : r.kind === 'judged' ? (j ? j.performers.filter((t) => !Object.hasOwn(j.results, t)).length : 0) : Math.max(0, r.questionCount - questionsDone(v()));
    if (r && r.index + 1 >= v().roundCount) {
      setConfirming({ title: ts('host.confirm.endTitle'), body: ts('host.confirm.endBody'), ok: ts('host.confirm.end'), command });
    } else if (r && remaining > 0 && !(r.kind === 'tiebreak' && !v().tiebreak?.active)) {
      setConfirming({ title: ts('host.confirm.skipTitle'), body: ts('host.confirm.skipBody', { n: remaining }), ok: ts('host.confirm.skip'), command });
    } else {
      void run(command);
      return;
    }
    confirmDialog?.showModal();
  };
  const closeConfirm = () => {
    setConfirming(null);
    if (confirmDialog?.open) confirmDialog.close();
  };
  const primary = () => {
    const s = step();
    if (s.kind !== 'command') return;
    if (s.command.type === 'round:next') return nextRound(s.command);
    void run(s.command, s.command.type !== 'contest:resume');
  };
  const judge = (verdict: 'correct' | 'incorrect') => {
    const s = step();
    if (s.kind === 'verdict') void run({ type: 'answer:judge', verdict, teamId: s.teamId });
  };
  const lock = () => {
    if (lockAction(v())) void run({ type: 'answer:lock' });
  };
  const reveal = () => {
    if (v().phase === 'locked' && !v().paused) void run({ type: 'question:reveal' });
  };
  const togglePause = () => {
    if (v().phase === 'lobby' || v().phase === 'finished') return;
    void run({ type: v().paused ? 'contest:resume' : 'contest:pause' }, false);
  };
  const openUndo = () => {
    if (!v().undo) return;
    setUndoOpen(true);
    dialog?.showModal();
  };
  const closeUndo = () => {
    setUndoOpen(false);
    if (dialog?.open) dialog.close();
  };
  const confirmUndo = async () => {
    closeUndo();
    await run({ type: 'step:undo' }, false);
  };

  const undoWhat = () => {
    const u = v().undo;
    if (!u) return '';
    if (u.type === 'score:adjust') {
      const c = v().corrections.find((e) => e.seq === u.seq && e.type === 'correction');
      if (c && c.type === 'correction') return ts('host.undoCorrection', { team: teamName(v(), c.teamId), delta: signed(c.delta), reason: c.reason });
    }
    return commandLabel(u.type);
  };

  const actions: Record<Shortcut, () => void> = {
    next: primary,
    correct: () => judge('correct'),
    incorrect: () => judge('incorrect'),
    lock,
    reveal,
    pause: togglePause,
    undo: openUndo,
  };
  /** One entry for a shortcut's key and its button alike. */
  const act = (s: Shortcut) => {
    acting = s;
    try {
      actions[s]();
    } finally {
      acting = null;
    }
  };
  /** A shortcut's key: acted on now, or kept until the command on its way is answered. */
  const pressed = (s: Shortcut) => {
    const now = keys.press(s, busy());
    if (now) act(now);
  };

  onMount(() => {
    const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || undoOpen() || confirming() || typing(e.target)) return;
      const onControl = e.target instanceof HTMLElement && (e.target.tagName === 'BUTTON' || e.target.tagName === 'A');
      const s = shortcutOf(e.code === 'Space' ? ' ' : e.key);
      if (!s) return;
      // Enter on a focused button is that button's own click; Space always means the next step (the button's own
      // activation is suppressed).
      if (e.key === 'Enter' && onControl) return;
      e.preventDefault();
      if (!e.repeat) pressed(s);
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if ((e.key === ' ' || e.code === 'Space') && !typing(e.target) && !undoOpen() && !confirming()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    onCleanup(() => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    });
  });

  const id = () => props.detail.id;
  const pin = () => props.detail.pin;
  const round = () => v().round;
  const showQuestion = () => v().phase !== 'lobby' && v().phase !== 'finished' && v().round?.kind !== 'judged';

  return (
    <div class="host-desk" data-phase={v().phase}>
      <header class="host-top">
        <div class="host-heading">
          <h1>{v().title ?? props.detail.title}</h1>
          <Show when={props.rehearsal}>
            <span class="host-badge rehearsal">{ts('stage.rehearsal')}</span>
          </Show>
          <span class="host-pin">
            {ts('stage.pin')} <b>{pin()}</b>
          </span>
          <span class="host-conn" classList={{ on: props.connected }} role="status">
            {props.connected ? ts('stage.live') : ts('stage.reconnecting')}
          </span>
        </div>
        <nav class="host-links" aria-label={ts('host.title')}>
          <a href={`/admin/contests/${encodeURIComponent(id())}`}>{ts('host.setup')}</a>
          <a href={`/api/contests/${encodeURIComponent(id())}/export.xlsx`} download="">
            {ts('host.export')}
          </a>
          <a href={`/screen/${pin()}`} target="_blank" rel="noopener">
            {ts('host.openScreen')}
          </a>
          <a href={`/overlay/${pin()}`} target="_blank" rel="noopener">
            {ts('host.openOverlay')}
          </a>
          <a href={`/play/${pin()}`} target="_blank" rel="noopener">
            {ts('host.openPlay')}
          </a>
          <button type="button" class="host-lang" aria-label={ts('lang.switchLabel')} onClick={() => setLocale(locale() === 'zh-CN' ? 'en' : 'zh-CN')}>
            {ts('lang.switch')}
          </button>
        </nav>
      </header>

      <section class="host-status" aria-label={ts('host.status')}>
        <Show when={round()}>
          {(r) => (
            <>
              <span class="host-kind">{kindLabel(r().kind)}</span>
              <span class="host-round">
                {ts('stage.roundOf', { i: r().index + 1, n: v().roundCount })} · {r().title}
              </span>
              <Show when={r().questionIndex !== null && r().questionCount}>
                <span class="host-qno">{ts('stage.questionOf', { i: (r().questionIndex ?? 0) + 1, n: r().questionCount })}</span>
              </Show>
            </>
          )}
        </Show>
        <span class="host-phase" data-testid="phase">
          {phaseLabel(v().phase)}
        </span>
        <Show when={v().paused}>
          <span class="host-badge paused">{ts('stage.paused')}</span>
        </Show>
        <span class="host-fill" />
        <Countdown deadline={v().deadline} remainingMs={v().remainingMs} paused={v().paused} phaseId={v().phaseId} size="host" />
      </section>

      <div class="host-grid">
        <main class="host-main" classList={{ 'no-question': !showQuestion() }}>
          <section class="host-actions" aria-label={ts('host.next')}>
            <div class="host-primary-row">
              <Switch>
                <Match when={step().kind === 'verdict'}>
                  <div class="host-verdict">
                    <p class="host-verdict-label">{step().label}</p>
                    <div class="host-verdict-buttons">
                      <button type="button" class="host-btn primary correct" disabled={busy()} aria-keyshortcuts="J" onClick={() => act('correct')}>
                        {ts('host.judgeCorrect')}
                        <kbd aria-hidden="true">J</kbd>
                      </button>
                      <button type="button" class="host-btn primary incorrect" disabled={busy()} aria-keyshortcuts="K" onClick={() => act('incorrect')}>
                        {ts('host.judgeIncorrect')}
                        <kbd aria-hidden="true">K</kbd>
                      </button>
                    </div>
                  </div>
                </Match>
                <Match when={step().kind === 'command'}>
                  <button type="button" class="host-btn primary big" disabled={busy() || !props.connected} aria-keyshortcuts="Space Enter" onClick={() => act('next')}>
                    {step().label}
                    <kbd aria-hidden="true">{ts('host.primaryHint')}</kbd>
                  </button>
                </Match>
                <Match when={true}>
                  <p class="host-wait" role="status">
                    {step().label}
                  </p>
                </Match>
              </Switch>
            </div>
            <Show when={error()}>
              {(e) => (
                <p class="host-error" role="alert">
                  {errorText(e())}
                </p>
              )}
            </Show>
            <div class="host-secondary">
              <Show when={step().kind !== 'command' || (step() as { command: HostCommand }).command.type !== 'answer:lock' ? lockAction(v()) : null}>
                {(l) => (
                  <button type="button" class="host-btn" disabled={busy()} aria-keyshortcuts="L" onClick={() => act('lock')}>
                    {l().label}
                    <kbd aria-hidden="true">L</kbd>
                  </button>
                )}
              </Show>
              <Show when={v().round && v().round!.kind !== 'judged' && v().phase !== 'finished'}>
                <button type="button" class="host-btn" disabled={busy() || v().phase !== 'locked' || v().paused} aria-keyshortcuts="R" onClick={() => act('reveal')}>
                  {ts('host.reveal')}
                  <kbd aria-hidden="true">R</kbd>
                </button>
              </Show>
              <Show when={v().phase === 'finished'}>
                <a class="host-btn primary" href={`/api/contests/${encodeURIComponent(id())}/export.xlsx`} download="">
                  {ts('host.export')}
                </a>
              </Show>
              <Show when={canNextRound(v()) && !(step().kind === 'command' && (step() as { command: HostCommand }).command.type === 'round:next')}>
                <button type="button" class="host-btn" disabled={busy()} onClick={() => nextRound({ type: 'round:next' })}>
                  {nextRoundLabel(v())}
                </button>
              </Show>
              <Show when={v().phase !== 'lobby' && v().phase !== 'finished'}>
                <button type="button" class="host-btn" disabled={busy()} aria-keyshortcuts="P" onClick={() => act('pause')}>
                  {v().paused ? ts('host.resume') : ts('host.pause')}
                  <kbd aria-hidden="true">P</kbd>
                </button>
              </Show>
              <button type="button" class="host-btn warn" disabled={busy() || !v().undo} aria-keyshortcuts="Z" onClick={() => act('undo')} title={v().undo ? ts('host.undoWhat', { what: undoWhat(), seq: v().undo!.seq }) : ts('host.undoNothing')}>
                {ts('host.undo')}
                <kbd aria-hidden="true">Z</kbd>
              </button>
            </div>
            <p class="host-undo-preview">{v().undo ? ts('host.undoWhat', { what: undoWhat(), seq: v().undo!.seq }) : ts('host.undoNothing')}</p>
          </section>

          <Show when={v().round?.kind === 'tiebreak' && v().tiebreak?.stale}>
            <TiebreakStale view={v()} send={props.send} />
          </Show>
          <Show when={showQuestion()}>
            <QuestionPanel view={v()} />
          </Show>
          <LivePanel view={v()} send={props.send} />
        </main>

        <aside class="host-side">
          <DevicesPanel view={v()} detail={props.detail} />
          <ActForTeam view={v()} send={props.send} />
          <Corrections view={v()} send={props.send} />
          <AudiencePanel view={v()} countyName={props.countyName} />
          <section class="host-card host-keys" aria-label={ts('host.shortcuts')}>
            <h2>{ts('host.shortcuts')}</h2>
            <ul>
              <li>{ts('host.shortcut.primary')}</li>
              <li>{ts('host.shortcut.judge')}</li>
              <li>{ts('host.shortcut.other')}</li>
            </ul>
          </section>
        </aside>
      </div>

      <dialog ref={dialog} class="host-dialog" aria-labelledby="undo-title" onClose={() => setUndoOpen(false)}>
        <h2 id="undo-title">{ts('host.undoTitle')}</h2>
        <p>{ts('host.undoBody', { what: undoWhat() })}</p>
        <div class="host-dialog-buttons">
          <button type="button" class="host-btn" onClick={closeUndo}>
            {ts('host.cancel')}
          </button>
          <button type="button" class="host-btn warn primary" autofocus onClick={() => void confirmUndo()}>
            {ts('host.undoConfirm')}
          </button>
        </div>
      </dialog>

      <dialog ref={confirmDialog} class="host-dialog" aria-labelledby="confirm-title" onClose={() => setConfirming(null)} data-testid="confirm-dialog">
        <h2 id="confirm-title">{confirming()?.title}</h2>
        <p>{confirming()?.body}</p>
        <div class="host-dialog-buttons">
          <button type="button" class="host-btn" autofocus onClick={closeConfirm}>
            {ts('host.cancel')}
          </button>
          <button
            type="button"
            class="host-btn warn primary"
            data-confirm
            onClick={() => {
              const c = confirming();
              closeConfirm();
              if (c) void run(c.command);
            }}
          >
            {confirming()?.ok}
          </button>
        </div>
      </dialog>
    </div>
  );
}

/** Questions of the current round already shown (or being shown): the rest would be skipped by moving on. */
function questionsDone(v: HostView): number {
  const r = v.round;
  if (!r || r.questionIndex === null) return 0;
  const current = v.question && v.question.openingId !== null ? 1 : 0;
  return r.questionIndex + current;
}
