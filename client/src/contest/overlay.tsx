import { useParams } from '@solidjs/router';
import { For, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { ScreenView } from '../../../shared/contest/views';
import { locale } from '../i18n';
import { useContest } from './lib';
import { kindLabel, ts } from '../i18n/stage';
import { Reconnecting, StageError, useStageScale } from './stage/common';
import { Countdown } from './stage/countdown';
import { fmt, LETTERS, letters, questionShown, ranked, signed, teamName } from './stage/format';
import { judgingFocus } from './stage/judging-panel';
import './stage.css';

/**
 * The livestream overlay for broadcast software (OBS browser source, 1920×1080): a lower-third
 * scoreboard and the question on screen, over a transparent page.
 */
export default function Overlay() {
  const params = useParams<{ pin: string }>();
  const contest = useContest(() => ({ pin: params.pin, role: 'screen' }));
  const scale = useStageScale();
  onMount(() => {
    document.documentElement.classList.add('overlay-page');
    onCleanup(() => document.documentElement.classList.remove('overlay-page'));
  });
  const view = () => {
    const v = contest.view();
    return v && v.role === 'screen' ? v : null;
  };
  return (
    <div class="ovl" lang={locale()}>
      <div class="ovl-stage" style={{ transform: `scale(${scale()})` }}>
        <Show when={!view() && contest.error()}>{(e) => <StageError error={e()} />}</Show>
        <Show when={view()}>{(v) => <OverlayBody view={v()} />}</Show>
        <Reconnecting connected={contest.connected()} hasView={view() !== null} />
      </div>
    </div>
  );
}

function OverlayBody(props: { view: ScreenView }) {
  const v = () => props.view;
  const round = () => v().round;
  const q = () => (questionShown(v()) ? v().question : null);
  const revealed = () => v().phase === 'revealed';
  const deltas = () => {
    const d: Record<string, number> = {};
    if (!revealed()) return d;
    for (const r of v().results ?? []) d[r.teamId] = (d[r.teamId] ?? 0) + r.delta;
    for (const f of v().buzz?.falseStarts ?? []) if (f.delta) d[f.teamId] = (d[f.teamId] ?? 0) + f.delta;
    return d;
  };
  const buzzing = () => v().buzz?.answering ?? null;
  const note = () => {
    const b = v().buzz;
    if (revealed() && q()?.type === 'shortanswer') return ts('host.reference', { text: q()!.reference ?? '' });
    if (revealed() && q()?.key) return ts('stage.rightAnswer', { letters: letters(q()!.key, q()!.options, q()!.type === 'truefalse') });
    if (b?.dropped) return ts('stage.dropped');
    if (b?.answering) return `${teamName(v(), b.answering)} · ${ts('stage.answering')}`;
    if (v().phase === 'buzz-open') return ts('stage.buzzOpen');
    return null;
  };
  const judging = () => {
    const j = v().judging;
    const f = j ? judgingFocus(j) : null;
    if (!j || !f) return null;
    // Judges' scores reach the broadcast only when the host publishes them.
    const agg = f.live ? null : (j.results[f.teamId]?.aggregate ?? null);
    return { team: teamName(v(), f.teamId), label: f.live ? ts('stage.aggregate') : ts('stage.aggregateFinal'), agg };
  };
  const champion = () => ranked(v().teams)[0];
  // A leader is marked only when there is one (not while everyone is level).
  const leads = () => v().teams.filter((t) => t.rank === 1).length < v().teams.length;
  return (
    <>
      <Switch>
        <Match when={q()}>
          {(question) => (
            <div class="ovl-q" data-phase={v().phase}>
              <div class="ovl-q-card">
                <p class="ovl-q-stem">{question().stem}</p>
                <ol class="ovl-q-options">
                  <For each={question().options}>
                    {(o, i) => (
                      <li classList={{ correct: revealed() && (question().key?.includes(i()) ?? false), dim: revealed() && !(question().key?.includes(i()) ?? false) }}>
                        <b>{LETTERS[i()]}</b>
                        {o}
                      </li>
                    )}
                  </For>
                </ol>
                <Show when={note()}>{(n) => <p class="ovl-q-note">{n()}</p>}</Show>
              </div>
              <Show when={!revealed()}>
                <Countdown deadline={v().deadline} remainingMs={v().remainingMs} paused={v().paused} phaseId={v().phaseId} size="overlay" />
              </Show>
            </div>
          )}
        </Match>
        <Match when={v().phase === 'finished' && champion()}>
          {(c) => (
            <div class="ovl-banner">
              <small>{ts('stage.finished')}</small>
              {ts('stage.champion')} · {c().name} {fmt(c().score)}
            </div>
          )}
        </Match>
        <Match when={judging()}>
          {(j) => (
            <div class="ovl-banner">
              <small>{j().label}</small>
              {j().team} {j().agg === null ? '' : fmt(j().agg!)}
            </div>
          )}
        </Match>
        <Match when={v().phase === 'stake-picking' && v().stakes?.picker}>
          {(id) => (
            <div class="ovl-banner">
              <small>{ts('stage.stakeBoard')}</small>
              {teamName(v(), id())} {ts('stage.picking')}
            </div>
          )}
        </Match>
        <Match when={v().phase === 'question-ready' && round()}>
          {(r) => <div class="ovl-banner">{ts('stage.nextQuestion', { i: (r().questionIndex ?? 0) + 1 })}</div>}
        </Match>
        <Match when={v().phase === 'round-intro' && round()}>
          {(r) => (
            <div class="ovl-banner">
              <small>{ts('stage.roundOf', { i: r().index + 1, n: v().roundCount })}</small>
              {r().title}
            </div>
          )}
        </Match>
      </Switch>
      <div class="ovl-bar">
        <div class="ovl-round">
          <strong>{round()?.title ?? v().title ?? ts('stage.contestFallbackTitle')}</strong>
          <Show when={round()}>
            {(r) => (
              <span>
                {r().title === kindLabel(r().kind) ? '' : kindLabel(r().kind)}
                {r().title !== kindLabel(r().kind) && r().questionIndex !== null && r().questionCount ? ' · ' : ''}
                {r().questionIndex !== null && r().questionCount ? `${ts('stage.questionOf', { i: (r().questionIndex ?? 0) + 1, n: r().questionCount })}` : ''}
              </span>
            )}
          </Show>
        </div>
        <ol class="ovl-teams" aria-label={ts('stage.scoreboard')}>
          <For each={ranked(v().teams)}>
            {(t) => (
              <li classList={{ lead: leads() && t.rank === 1, buzzing: buzzing() === t.id }} data-team={t.id}>
                <span class="ovl-team-name">{t.name}</span>
                <span class="ovl-team-score">
                  <span class="ovl-team-rank">{t.rank}</span>
                  {fmt(t.score)}
                  <Show when={deltas()[t.id] !== undefined}>
                    <span class="sb-delta" classList={{ up: deltas()[t.id]! > 0, down: deltas()[t.id]! < 0 }}>
                      {signed(deltas()[t.id]!)}
                    </span>
                  </Show>
                </span>
              </li>
            )}
          </For>
        </ol>
      </div>
      <Show when={v().paused}>
        <div class="ovl-paused" role="status">
          {ts('stage.paused')}
        </div>
      </Show>
    </>
  );
}
