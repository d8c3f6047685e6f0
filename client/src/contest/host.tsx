import { useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { ContestDetail } from '../../../shared/contest-draft';
import type { HostView } from '../../../shared/contest/views';
import type { AppError } from '../../../shared/result';
import { QuestionCard } from '../components/question-card';
import '../components/question-card.css';
import { locale, setLocale } from '../i18n';
import { api } from '../lib/api';
import { useContest } from './lib';
import { commandLabel, kindLabel, phaseLabel, ts, typeLabel } from './i18n-stage';
import { BuzzPanel } from './stage/buzz-panel';
import { countyNamer } from './stage/common';
import { Countdown } from './stage/countdown';
import { fmt, LETTERS, letters, pct, ranked, signed, teamName } from './stage/format';
import { JudgingPanel } from './stage/judging-panel';
import { canNextRound, lockAction, nextRoundLabel, nextStep, type HostCommand } from './stage/next-step';
import { StakeBoard } from './stage/stake-board';
import { ActForTeam, JudgeReviewPanel, TiebreakStale } from './host-panels';
import { DevicesPanel } from './host-devices';
import './stage.css';
import './host.css';

/** Without a staff session the server answers auth/required (or auth/forbidden): offer the sign-in. */
const needsSignIn = (e: AppError) => e.code === 'auth/required' || e.code === 'auth/forbidden';

const errorText = (e: AppError) => (e.code === 'network/failed' || !e.message ? ts('stage.networkError') : e.message);

/** The host console of a live contest (/host/:id): staff session required. */
export default function HostConsole() {
  const params = useParams<{ id: string }>();
  const [detail, { refetch }] = createResource(() => params.id, api.contest);
  const loginHref = () => `/admin/login?next=${encodeURIComponent(`/host/${params.id}`)}`;
  return (
    <div class="host" lang={locale()}>
      <Switch fallback={<p class="host-loading">{ts('stage.loading')}</p>}>
        <Match when={(() => { const d = detail(); return d && !d.ok ? d.error : null; })()}>
          {(r) => (
            <div class="host-blocked" role="alert">
              <p>{needsSignIn(r()) ? ts('host.signIn') : errorText(r())}</p>
              <Show when={needsSignIn(r())}>
                <a class="host-btn primary" href={loginHref()}>
                  {ts('host.signInLink')}
                </a>
              </Show>
              <Show when={r().code === 'network/failed'}>
                <button type="button" class="host-btn" onClick={() => void refetch()}>
                  {ts('stage.loading')}
                </button>
              </Show>
            </div>
          )}
        </Match>
        <Match when={(() => { const d = detail(); return d?.ok ? d.data : null; })()}>
          {(d) => <Console detail={d()} loginHref={loginHref()} />}
        </Match>
      </Switch>
    </div>
  );
}

function Console(props: { detail: ContestDetail; loginHref: string }) {
  const contest = useContest(() => ({ pin: props.detail.pin, role: 'host' }));
  const countyName = countyNamer(contest.joined);
  const view = () => {
    const v = contest.view();
    return v && v.role === 'host' ? v : null;
  };
  return (
    <Switch fallback={<p class="host-loading">{ts('stage.loading')}</p>}>
      <Match when={!view() && contest.error()}>
        {(e) => (
          <div class="host-blocked" role="alert">
            <p>{errorText(e())}</p>
            <Show when={e().code === 'contest/host-only'}>
              <a class="host-btn primary" href={props.loginHref}>
                {ts('host.signInLink')}
              </a>
            </Show>
          </div>
        )}
      </Match>
      <Match when={view()}>
        {(v) => <Desk view={v()} detail={props.detail} send={contest.send} connected={contest.connected()} rehearsal={contest.joined()?.rehearsal ?? props.detail.rehearsal} countyName={countyName} />}
      </Match>
    </Switch>
  );
}

interface DeskProps {
  view: HostView;
  detail: ContestDetail;
  send: (command: Record<string, unknown>) => Promise<AppError | null>;
  connected: boolean;
  rehearsal: boolean;
  countyName: (code: string | null) => string;
}

function Desk(props: DeskProps) {
  const v = () => props.view;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [undoOpen, setUndoOpen] = createSignal(false);
  let dialog: HTMLDialogElement | undefined;
  // A refusal stays in view until the contest moves on to another phase.
  createEffect(on(() => v().phaseId, () => setError(null), { defer: true }));

  /** Sends a host command guarded by the phase the console shows, so a click never lands on a later phase. */
  const run = async (command: HostCommand, guard = true) => {
    if (busy()) return;
    setBusy(true);
    const err = await props.send(guard ? { ...command, phaseId: v().phaseId } : command);
    setBusy(false);
    setError(err);
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

  onMount(() => {
    const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || undoOpen() || confirming() || typing(e.target)) return;
      const onControl = e.target instanceof HTMLElement && (e.target.tagName === 'BUTTON' || e.target.tagName === 'A');
      if (e.key === ' ' || e.code === 'Space') {
        // Space always means the next step, even with a button focused (its own activation is suppressed).
        e.preventDefault();
        if (!e.repeat) primary();
        return;
      }
      if (e.key === 'Enter') {
        if (onControl) return;
        e.preventDefault();
        if (!e.repeat) primary();
        return;
      }
      if (e.repeat) return;
      switch (e.key.toLowerCase()) {
        case 'j':
          judge('correct');
          break;
        case 'k':
          judge('incorrect');
          break;
        case 'l':
          lock();
          break;
        case 'r':
          reveal();
          break;
        case 'p':
          togglePause();
          break;
        case 'z':
          openUndo();
          break;
        default:
          return;
      }
      e.preventDefault();
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
                      <button type="button" class="host-btn primary correct" disabled={busy()} aria-keyshortcuts="J" onClick={() => judge('correct')}>
                        {ts('host.judgeCorrect')}
                        <kbd aria-hidden="true">J</kbd>
                      </button>
                      <button type="button" class="host-btn primary incorrect" disabled={busy()} aria-keyshortcuts="K" onClick={() => judge('incorrect')}>
                        {ts('host.judgeIncorrect')}
                        <kbd aria-hidden="true">K</kbd>
                      </button>
                    </div>
                  </div>
                </Match>
                <Match when={step().kind === 'command'}>
                  <button type="button" class="host-btn primary big" disabled={busy() || !props.connected} aria-keyshortcuts="Space Enter" onClick={primary}>
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
                  <button type="button" class="host-btn" disabled={busy()} aria-keyshortcuts="L" onClick={lock}>
                    {l().label}
                    <kbd aria-hidden="true">L</kbd>
                  </button>
                )}
              </Show>
              <Show when={v().round && v().round!.kind !== 'judged' && v().phase !== 'finished'}>
                <button type="button" class="host-btn" disabled={busy() || v().phase !== 'locked' || v().paused} aria-keyshortcuts="R" onClick={reveal}>
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
                <button type="button" class="host-btn" disabled={busy()} aria-keyshortcuts="P" onClick={togglePause}>
                  {v().paused ? ts('host.resume') : ts('host.pause')}
                  <kbd aria-hidden="true">P</kbd>
                </button>
              </Show>
              <button type="button" class="host-btn warn" disabled={busy() || !v().undo} aria-keyshortcuts="Z" onClick={openUndo} title={v().undo ? ts('host.undoWhat', { what: undoWhat(), seq: v().undo!.seq }) : ts('host.undoNothing')}>
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

function QuestionPanel(props: { view: HostView }) {
  const q = () => props.view.question;
  return (
    <section class="host-card host-question" aria-label={ts('host.question')}>
      <h2>
        {ts('host.question')}
        <Show when={q()}>
          {(question) => <span class="host-badge" classList={{ preview: question().openingId === null }}>{question().openingId === null ? ts('host.preview') : ts('host.keyVisible')}</span>}
        </Show>
      </h2>
      <Show when={q()} fallback={<p class="host-muted">{ts('host.noQuestion')}</p>}>
        {(question) => (
          <>
            <p class="host-key" data-testid="answer-key">
              {question().type === 'shortanswer'
                ? ts('host.reference', { text: question().reference ?? '' })
                : ts('host.answerKey', { letters: letters(question().key, question().options, question().type === 'truefalse') })}
            </p>
            <QuestionCard variant="phone" stem={question().stem} options={question().options} typeLabel={typeLabel(question().type)} correct={question().key} explanation={question().explanation} />
          </>
        )}
      </Show>
    </section>
  );
}

/** Teams now: score and rank, and what this question means for each (answer, stake, buzz, verdict, judges). */
function LivePanel(props: { view: HostView; send: (command: Record<string, unknown>) => Promise<AppError | null> }) {
  const v = () => props.view;
  const kind = () => v().round?.kind;
  const q = () => v().question;
  const answer = (teamId: string) => (Object.hasOwn(v().teamAnswers, teamId) ? v().teamAnswers[teamId] : undefined);
  const result = (teamId: string) => v().results?.find((r) => r.teamId === teamId);
  const attempt = (teamId: string) => v().buzz?.attempts.find((a) => a.teamId === teamId);
  const buzzPos = (teamId: string) => {
    const i = v().buzz?.order.findIndex((b) => b.teamId === teamId) ?? -1;
    return i >= 0 ? i + 1 : null;
  };
  const falseStart = (teamId: string) => v().buzz?.falseStarts.find((f) => f.teamId === teamId);
  const judged = (teamId: string) => v().judging?.results[teamId];
  const answerCols = () => kind() === 'compulsory' || kind() === 'risk';
  /** What the answer cell says for a team without an answer: still answering, passed, or no answer. */
  const noAnswer = (teamId: string) => {
    if (q()?.openingId == null) return '';
    if (v().stakes && v().stakes!.picks[teamId] === 'pass') return ts('stage.pass');
    return v().phase === 'answering' ? ts('stage.waiting') : ts('stage.notAnswered');
  };
  const buzzCols = () => kind() === 'buzzer' || kind() === 'tiebreak';
  const verdictText = { correct: 'stage.correct', incorrect: 'stage.incorrect', timeout: 'stage.timeout' } as const;
  return (
    <section class="host-card host-live" aria-label={ts('host.teamsLive')}>
      <h2>{ts('host.teamsLive')}</h2>
      <Show when={v().phase === 'stake-picking' || v().phase === 'stakes-locked' ? v().stakes : null}>
        {(s) => <StakeBoard stakes={s()} teams={v().teams} class="stake-board-host" />}
      </Show>
      <Show when={buzzCols() && v().buzz}>{(b) => <BuzzPanel view={v()} buzz={b()} class="buzz-host" />}</Show>
      <Show when={kind() === 'tiebreak' && v().tiebreak?.active}>
        {(g) => <p class="host-tie">{ts('host.tiebreakGroup', { teams: g().teams.map((t) => teamName(v(), t)).join('、') })}</p>}
      </Show>
      <Show when={kind() === 'judged' && v().judging}>{(j) => <JudgingPanel view={v()} judging={j()} class="judging-host" showResults={false} />}</Show>
      <Show when={kind() === 'judged' && v().judgeReview}>{(r) => <JudgeReviewPanel view={v()} review={r()} send={props.send} />}</Show>
      <table class="host-table">
        <thead>
          <tr>
            <th scope="col">{ts('stage.rank')}</th>
            <th scope="col">{ts('stage.team')}</th>
            <th scope="col" class="num">
              {ts('stage.score')}
            </th>
            <Show when={kind() === 'risk'}>
              <th scope="col" class="num">
                {ts('host.col.stake')}
              </th>
            </Show>
            <Show when={answerCols()}>
              <th scope="col">{ts('host.col.answer')}</th>
            </Show>
            <Show when={buzzCols()}>
              <th scope="col">{ts('host.col.buzz')}</th>
            </Show>
            <Show when={answerCols() || buzzCols()}>
              <th scope="col">{ts('host.col.result')}</th>
            </Show>
            <Show when={kind() === 'judged'}>
              <th scope="col" class="num">
                {ts('stage.aggregateFinal')}
              </th>
            </Show>
            <th scope="col" class="num">
              {ts('host.col.delta')}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={ranked(v().teams)}>
            {(t) => {
              const delta = () => {
                if (kind() === 'judged') return judged(t.id)?.delta;
                const r = result(t.id)?.delta;
                const f = falseStart(t.id)?.delta ?? 0;
                if (r === undefined && !f) return undefined;
                return (r ?? 0) + f;
              };
              return (
                <tr data-team={t.id} classList={{ answering: v().buzz?.answering === t.id, picker: v().stakes?.picker === t.id }}>
                  <td class="rank">{t.rank}</td>
                  <th scope="row">{t.name}</th>
                  <td class="num score">{fmt(t.score)}</td>
                  <Show when={kind() === 'risk'}>
                    <td class="num">{v().stakes?.picks[t.id] === 'pass' ? ts('stage.pass') : String(v().stakes?.picks[t.id] ?? '')}</td>
                  </Show>
                  <Show when={answerCols()}>
                    <td class="answer">{answer(t.id) ? letters(answer(t.id)!.options, q()?.options, q()?.type === 'truefalse') : noAnswer(t.id)}</td>
                  </Show>
                  <Show when={buzzCols()}>
                    <td>
                      {buzzPos(t.id) ?? ''}
                      <Show when={falseStart(t.id)}> {ts('stage.falseStart')}</Show>
                    </td>
                  </Show>
                  <Show when={answerCols()}>
                    <td class={answer(t.id) ? (answer(t.id)!.correct ? 'ok' : 'bad') : ''}>{answer(t.id) ? (answer(t.id)!.correct ? `✓ ${ts('stage.correct')}` : `✗ ${ts('stage.incorrect')}`) : ''}</td>
                  </Show>
                  <Show when={buzzCols()}>
                    <td class={attempt(t.id)?.verdict === 'correct' ? 'ok' : attempt(t.id) ? 'bad' : ''}>{attempt(t.id) ? ts(verdictText[attempt(t.id)!.verdict]) : ''}</td>
                  </Show>
                  <Show when={kind() === 'judged'}>
                    <td class="num">{judged(t.id) ? fmt(judged(t.id)!.aggregate) : ''}</td>
                  </Show>
                  <td class="num">
                    <Show when={delta() !== undefined}>
                      <span class="sb-delta" classList={{ up: delta()! > 0, down: delta()! < 0 }}>
                        {signed(delta()!)}
                      </span>
                    </Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </section>
  );
}

function Corrections(props: { view: HostView; send: (command: Record<string, unknown>) => Promise<AppError | null> }) {
  const v = () => props.view;
  const [teamId, setTeamId] = createSignal('');
  const [delta, setDelta] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const team = () => teamId() || v().teams[0]?.id || '';
  let doneTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(doneTimer));
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setDone(null);
    const d = Number(delta().trim().replace('−', '-').replace('＋', '+'));
    if (!delta().trim() || !Number.isFinite(d) || d === 0 || Math.abs(Math.round(d * 100) - d * 100) > 1e-6) return setProblem(ts('host.correction.deltaInvalid'));
    if (!reason().trim()) return setProblem(ts('host.correction.reasonRequired'));
    setProblem(null);
    setBusy(true);
    const err = await props.send({ type: 'score:adjust', teamId: team(), delta: d, reason: reason().trim() });
    setBusy(false);
    if (err) return setProblem(errorText(err));
    setDone(ts('host.correction.done', { team: teamName(v(), team()), delta: signed(d) }));
    clearTimeout(doneTimer);
    doneTimer = setTimeout(() => setDone(null), 8000);
    setDelta('');
    setReason('');
  };
  const time = (at: number) => new Date(at).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return (
    <section class="host-card host-corrections" aria-label={ts('host.correction')}>
      <h2>{ts('host.correction')}</h2>
      <form class="host-form" onSubmit={(e) => void submit(e)} novalidate>
        <div class="host-field">
          <label for="corr-team">{ts('host.correction.team')}</label>
          <select id="corr-team" value={team()} onChange={(e) => setTeamId(e.currentTarget.value)}>
            <For each={v().teams}>{(t) => <option value={t.id}>{`${t.name}（${fmt(t.score)}）`}</option>}</For>
          </select>
        </div>
        <div class="host-field">
          <label for="corr-delta">{ts('host.correction.delta')}</label>
          <input id="corr-delta" type="text" inputmode="decimal" value={delta()} onInput={(e) => setDelta(e.currentTarget.value)} aria-invalid={problem() === ts('host.correction.deltaInvalid')} />
        </div>
        <div class="host-field wide">
          <label for="corr-reason">{ts('host.correction.reason')}</label>
          <input id="corr-reason" type="text" maxlength={200} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} aria-invalid={problem() === ts('host.correction.reasonRequired')} />
        </div>
        <button type="submit" class="host-btn" disabled={busy()}>
          {ts('host.correction.submit')}
        </button>
      </form>
      <Show when={problem()}>
        {(p) => (
          <p class="host-error" role="alert">
            {p()}
          </p>
        )}
      </Show>
      <Show when={done()}>
        {(d) => (
          <p class="host-ok" role="status">
            {d()}
          </p>
        )}
      </Show>
      <h3>{ts('host.corrections')}</h3>
      <Show when={v().corrections.length} fallback={<p class="host-muted">{ts('host.noCorrections')}</p>}>
        <ol class="host-log">
          <For each={[...v().corrections].reverse()}>
            {(c) => (
              <li>
                <time>{time(c.at)}</time>
                <Show when={c.type === 'correction' && c} fallback={c.type === 'undo' ? ts('host.undoneEntry', { what: commandLabel(c.undoneType), seq: c.undoneSeq }) : ''}>
                  {(x) => (
                    <span>
                      <b>{teamName(v(), x().teamId)}</b> <span class="sb-delta" classList={{ up: x().delta > 0, down: x().delta < 0 }}>{signed(x().delta)}</span> {x().reason}
                    </span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}

function AudiencePanel(props: { view: HostView; countyName: (code: string | null) => string }) {
  const v = () => props.view;
  const live = () => v().liveAudience;
  const q = () => v().question;
  const maxCount = () => Math.max(1, ...(live()?.optionCounts ?? [0]));
  const counties = () => [...v().counties].sort((a, b) => b.participants - a.participants || a.county.localeCompare(b.county));
  return (
    <section class="host-card host-audience" aria-label={ts('host.audience')}>
      <h2>{ts('host.audience')}</h2>
      <dl class="host-stats">
        <div>
          <dt>{ts('host.joined')}</dt>
          <dd data-testid="audience-joined">{v().audience.joined}</dd>
        </div>
        <div>
          <dt>{ts('host.answeredNow')}</dt>
          <dd>{live()?.answers ?? v().audience.answered}</dd>
        </div>
        <div>
          <dt>{ts('host.correctNow')}</dt>
          <dd>
            <Show when={live()} fallback="—">
              {(l) => (
                <>
                  {l().correct} <small>{pct(l().correct, l().answers)}</small>
                </>
              )}
            </Show>
          </dd>
        </div>
      </dl>
      <Show when={live() && q()}>
        <ul class="host-options">
          <For each={live()!.optionCounts}>
            {(n, i) => (
              <li classList={{ key: q()?.key?.includes(i()) ?? false }}>
                <span>{LETTERS[i()]}</span>
                <span class="host-opt-bar">
                  <span style={{ width: `${(n / maxCount()) * 100}%` }} />
                </span>
                <span class="num">{n}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>{v().leaderboard.length ? ts('host.leaderboard', { n: Math.min(10, v().leaderboard.length) }) : ts('stage.audienceBoard')}</h3>
      <Show when={v().leaderboard.length} fallback={<p class="host-muted">{ts('stage.noAudienceYet')}</p>}>
        <table class="host-table compact">
          <thead>
            <tr>
              <th scope="col">{ts('stage.rank')}</th>
              <th scope="col">{ts('host.col.nickname')}</th>
              <th scope="col">{ts('host.col.county')}</th>
              <th scope="col" class="num">
                {ts('host.col.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={v().leaderboard.slice(0, 10)}>
              {(e) => (
                <tr>
                  <td>{e.rank}</td>
                  <td>{e.nickname}</td>
                  <td>{props.countyName(e.county)}</td>
                  <td class="num">{e.score}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <h3>{ts('host.counties')}</h3>
      <Show when={counties().length} fallback={<p class="host-muted">{ts('stage.noAudienceYet')}</p>}>
        <table class="host-table compact">
          <thead>
            <tr>
              <th scope="col">{ts('host.col.county')}</th>
              <th scope="col" class="num">
                {ts('host.col.participants')}
              </th>
              <th scope="col" class="num">
                {ts('host.col.answers')}
              </th>
              <th scope="col" class="num">
                {ts('host.col.correct')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={counties()}>
              {(c) => (
                <tr>
                  <td>{props.countyName(c.county)}</td>
                  <td class="num">{c.participants}</td>
                  <td class="num">{c.answers}</td>
                  <td class="num">{c.correct}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
