import { useParams } from '@solidjs/router';
import { createEffect, Match, on, onCleanup, Show, Switch } from 'solid-js';
import type { ScreenView } from '../../../shared/contest/views';
import { QuestionCard } from '../components/question-card';
import '../components/question-card.css';
import { locale } from '../i18n';
import { useContest } from './lib';
import { kindLabel, ts, typeLabel } from '../i18n/stage';
import { AudienceLeaderboard, CountyBoard } from './stage/audience-boards';
import { beep, unlockAudioOnGesture } from './stage/beep';
import { BuzzPanel } from './stage/buzz-panel';
import { countyNamer, Reconnecting, StageError, useStageScale } from './stage/common';
import { Countdown } from './stage/countdown';
import { letters, pct, questionShown, teamName } from './stage/format';
import { JudgingPanel } from './stage/judging-panel';
import { Podium } from './stage/podium';
import { Scoreboard } from './stage/scoreboard';
import { StakeBoard } from './stage/stake-board';
import { TeamStatus } from './stage/team-status';
import { Qr } from '../ui/qr';
import './stage.css';

type CountyName = (code: string | null) => string;

/**
 * The big screen (1920×1080, read from 20 m): cover with the join QR code, round intros, the question
 * with a large countdown, buzz order, stake board, judges' scores, the reveal with explanation, the
 * ranked scoreboard, audience boards, and the final podium. Everything follows the server's view.
 */
export default function StageScreen() {
  const params = useParams<{ pin: string }>();
  const contest = useContest(() => ({ pin: params.pin, role: 'screen' }));
  const scale = useStageScale();
  const countyName = countyNamer(contest.joined);
  const view = () => {
    const v = contest.view();
    return v && v.role === 'screen' ? v : null;
  };
  onCleanup(unlockAudioOnGesture());

  // A short signal when the first team buzzes in (not when the page loads into a buzz already made).
  let lastBuzz: { openingId: number | null; count: number } | null = null;
  createEffect(() => {
    const v = view();
    if (!v) return;
    const openingId = v.question?.openingId ?? null;
    const count = v.buzz?.order.length ?? 0;
    if (lastBuzz && lastBuzz.openingId === openingId && lastBuzz.count === 0 && count > 0) beep();
    lastBuzz = { openingId, count };
  });

  return (
    <div class="stage-viewport" lang={locale()}>
      <div class="stage" style={{ transform: `scale(${scale()})` }}>
        <Switch fallback={<div class="stage-loading">{ts('stage.loading')}</div>}>
          <Match when={!view() && contest.error()}>{(e) => <StageError error={e()} />}</Match>
          <Match when={view()}>
            {(v) => <ScreenBody view={v()} pin={params.pin} countyName={countyName} rehearsal={contest.joined()?.rehearsal ?? false} />}
          </Match>
        </Switch>
        <Reconnecting connected={contest.connected()} hasView={view() !== null} />
      </div>
    </div>
  );
}

function ScreenBody(props: { view: ScreenView; pin: string; countyName: CountyName; rehearsal: boolean }) {
  const v = () => props.view;
  const phase = () => v().phase;
  return (
    <div class="scr" data-phase={phase()} data-kind={v().round?.kind ?? ''}>
      <Switch>
        <Match when={phase() === 'lobby'}>
          <Cover view={v()} pin={props.pin} countyName={props.countyName} />
        </Match>
        <Match when={phase() === 'finished'}>
          <Finale view={v()} countyName={props.countyName} />
        </Match>
        <Match when={phase() === 'judging' || phase() === 'scored'}>
          <JudgingScreen view={v()} />
        </Match>
        <Match when={phase() === 'stake-picking' || phase() === 'stakes-locked'}>
          <StakeScreen view={v()} />
        </Match>
        <Match when={questionShown(v())}>
          <QuestionScreen view={v()} />
        </Match>
        <Match when={true}>
          <Standings view={v()} countyName={props.countyName} />
        </Match>
      </Switch>
      <Show when={props.rehearsal}>
        <div class="scr-rehearsal">{ts('stage.rehearsal')}</div>
      </Show>
      <Show when={v().paused}>
        <div class="scr-paused" role="status">
          <strong>{ts('stage.paused')}</strong>
          <span>{ts('stage.pausedHint')}</span>
        </div>
      </Show>
    </div>
  );
}

/** The round name and question number: the line at the top of every in-round screen. */
function RoundHead(props: { view: ScreenView; extra?: string }) {
  const r = () => props.view.round;
  return (
    <header class="scr-head">
      <Show when={r()}>
        {(round) => (
          <>
            <span class="scr-kind">{kindLabel(round().kind)}</span>
            <Show when={round().title !== kindLabel(round().kind)}>
              <span class="scr-round">{round().title}</span>
            </Show>
            <Show when={round().questionIndex !== null && round().questionCount > 0}>
              <span class="scr-qno">{ts('stage.questionOf', { i: (round().questionIndex ?? 0) + 1, n: round().questionCount })}</span>
            </Show>
          </>
        )}
      </Show>
      <span class="scr-head-fill" />
      <Show when={props.extra}>
        <span class="scr-head-extra">{props.extra}</span>
      </Show>
      <span class="scr-title">{props.view.title ?? ''}</span>
    </header>
  );
}

function Cover(props: { view: ScreenView; pin: string; countyName: CountyName }) {
  const url = () => `${location.origin}/play/${props.pin}`;
  return (
    <div class="scr-cover">
      <div class="cover-main">
        <p class="cover-sub">{ts('stage.coverSubtitle')}</p>
        <h1 class="cover-title">{props.view.title ?? ts('stage.contestFallbackTitle')}</h1>
        <p class="cover-welcome">{ts('stage.welcome')}</p>
        <h2 class="cover-teams-title">{ts('stage.teams')}</h2>
        <ul class="cover-teams">
          {props.view.teams.map((t) => (
            <li data-team={t.id}>
              <span class="cover-team-name">{t.name}</span>
              <span class="cover-team-meta">
                {[props.countyName(t.county), t.members.join('、')].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <aside class="cover-qr">
        <Qr class="join-qr" url={url()} label={ts('stage.qrAlt', { url: url() })} dark="#0b3d2e" />
        <p class="cover-qr-title">{ts('stage.scanToPlay')}</p>
        <p class="cover-pin">{ts('stage.joinPin', { pin: props.pin })}</p>
        <p class="cover-url">{url().replace(/^https?:\/\//, '')}</p>
      </aside>
    </div>
  );
}

/** Round intro, the pause between questions: where the round stands, the standings and the audience boards. */
function Standings(props: { view: ScreenView; countyName: CountyName }) {
  const v = () => props.view;
  const r = () => v().round;
  const nextIndex = () => (v().phase === 'question-ready' ? (r()?.questionIndex ?? 0) + 1 : null);
  const tie = () => v().tiebreak?.active ?? null;
  const tiedRank = () => {
    const group = tie();
    if (!group) return 0;
    return Math.min(...group.teams.map((id) => v().teams.find((t) => t.id === id)?.rank ?? 0));
  };
  return (
    <div class="scr-standings">
      <section class="scr-hero">
        <Show when={r()}>
          {(round) => (
            <>
              <p class="hero-chip">
                {ts('stage.roundOf', { i: round().index + 1, n: v().roundCount })} · {kindLabel(round().kind)}
              </p>
              <h1 class="hero-title">{round().title}</h1>
              <p class="hero-sub">
                <Switch fallback={round().questionCount ? ts('stage.questionCount', { n: round().questionCount }) : ''}>
                  <Match when={nextIndex()}>{(i) => ts('stage.nextQuestion', { i: i() })}</Match>
                  <Match when={round().kind === 'tiebreak' && tie()}>
                    {(g) => <>{ts('stage.tiebreakFor', { teams: g().teams.map((id) => teamName(v(), id)).join('、'), rank: tiedRank() })}</>}
                  </Match>
                  <Match when={round().kind === 'tiebreak'}>{ts('stage.tiebreakNone')}</Match>
                  <Match when={round().kind === 'judged'}>{ts(`stage.aggregate.${v().judging?.aggregate ?? 'mean'}`)}</Match>
                </Switch>
              </p>
            </>
          )}
        </Show>
      </section>
      <div class="scr-standings-body">
        <section class="scr-board">
          <h2>{ts('stage.scoreboard')}</h2>
          <Scoreboard teams={v().teams} rowHeight={78} highlight={tie()?.teams ?? []} class="sb-screen" />
        </section>
        <aside class="scr-aud">
          <AudienceLeaderboard entries={v().leaderboard} limit={5} countyName={props.countyName} />
          <CountyBoard rows={v().counties} limit={4} countyName={props.countyName} />
        </aside>
      </div>
    </div>
  );
}

function QuestionScreen(props: { view: ScreenView }) {
  const v = () => props.view;
  const q = () => v().question!;
  const revealed = () => v().phase === 'revealed';
  const kind = () => v().round?.kind;
  const buzzRound = () => kind() === 'buzzer' || kind() === 'tiebreak';
  const deltas = () => {
    const d: Record<string, number> = {};
    for (const r of v().results ?? []) d[r.teamId] = (d[r.teamId] ?? 0) + r.delta;
    for (const f of v().buzz?.falseStarts ?? []) if (f.delta) d[f.teamId] = (d[f.teamId] ?? 0) + f.delta;
    return d;
  };
  const audience = () => v().audience;
  const extra = () => {
    const a = audience();
    if (a.joined === 0) return '';
    return `${ts('stage.audience')} ${ts('stage.audienceJoined', { n: a.joined })} · ${ts('stage.audienceAnswered', { n: a.answered })}`;
  };
  const tie = () => (kind() === 'tiebreak' ? (v().tiebreak?.active ?? null) : null);
  // Two columns hold about nine characters an option at this size; longer options get a row each.
  const longOptions = () => !revealed() && q().options.length <= 4 && q().options.some((o) => o.length > 9);
  // Lay out the question so that the card holds it all: long options get a row each when that fits,
  // otherwise two columns; only then does the type shrink, step by step, down to the floors in stage.css.
  let box: HTMLDivElement | undefined;
  createEffect(
    on(
      () => [q().id, q().openingId, revealed(), q().explanation, longOptions()] as const,
      ([, , , , long]) => {
        const el = box;
        if (!el) return;
        el.style.setProperty('--fit', '1');
        el.classList.toggle('one-col', long);
        el.classList.remove('no-expl');
        el.parentElement?.classList.remove('wide');
        requestAnimationFrame(() => {
          const card = el.querySelector<HTMLElement>('.qcard');
          if (!card) return;
          const overflows = () => card.scrollHeight > card.clientHeight + 1 || card.scrollWidth > card.clientWidth + 1;
          if (long && overflows()) el.classList.remove('one-col');
          // Long stems (up to 500 characters) and options (up to 200 each) shrink further than short ones
          // would ever need; the floors in stage.css keep the type readable from the hall.
          let fit = 1;
          const setFit = (f: number) => el.style.setProperty('--fit', String(f));
          while (fit > 0.25 && overflows()) setFit((fit = Math.round((fit - 0.05) * 100) / 100));
          // After a change that frees room, take back as much type size as now fits.
          const growBack = () => {
            while (fit < 1) {
              const up = Math.round((fit + 0.05) * 100) / 100;
              setFit(up);
              if (overflows()) return setFit(fit);
              fit = up;
            }
          };
          // At the floors and still too much: the side column narrows (a smaller countdown and team list)
          // and the card takes the width.
          if (overflows()) {
            el.parentElement?.classList.add('wide');
            if (!overflows()) growBack();
          }
          // Still too much with the explanation under it: the phones show the explanation; the screen keeps the key.
          if (overflows() && card.querySelector('.qcard-explanation')) {
            el.classList.add('no-expl');
            if (!overflows()) growBack();
          }
        });
      },
    ),
  );
  return (
    <div class="scr-question" classList={{ revealed: revealed() }}>
      <RoundHead view={v()} extra={extra()} />
      <div class="scr-q-body">
        <div class="scr-q-main" ref={box}>
          <QuestionCard
            variant="screen"
            stem={q().stem}
            options={q().options}
            typeLabel={typeLabel(q().type)}
            correct={revealed() ? q().key : undefined}
            explanation={q().explanation}
          />
        </div>
        <aside class="scr-q-side">
          <Show when={!revealed()}>
            <Countdown deadline={v().deadline} remainingMs={v().remainingMs} paused={v().paused} phaseId={v().phaseId} size="screen" />
          </Show>
          <Show when={tie()}>
            {(g) => <p class="scr-tie">{ts('stage.tiebreakBetween', { teams: g().teams.map((id) => teamName(v(), id)).join('、') })}</p>}
          </Show>
          <Switch>
            <Match when={revealed()}>
              <div class="scr-answer-line" classList={{ reference: q().type === 'shortanswer' }}>
                {q().type === 'shortanswer' ? ts('host.reference', { text: q().reference ?? '' }) : ts('stage.rightAnswer', { letters: letters(q().key, q().options, q().type === 'truefalse') })}
              </div>
              <Show when={audience().revealed}>
                {(a) => <p class="scr-aud-rate">{ts('stage.audienceRate', { rate: pct(a().correct, a().answers), correct: a().correct, answers: a().answers })}</p>}
              </Show>
              <Scoreboard teams={v().teams} rowHeight={68} deltas={deltas()} class="sb-side" />
            </Match>
            <Match when={buzzRound() && v().buzz}>{(b) => <BuzzPanel view={v()} buzz={b()} class="buzz-screen" />}</Match>
            <Match when={true}>
              <TeamStatus view={v()} class="team-status-screen" />
            </Match>
          </Switch>
        </aside>
      </div>
    </div>
  );
}

function StakeScreen(props: { view: ScreenView }) {
  const v = () => props.view;
  const picker = () => v().stakes?.picker ?? null;
  return (
    <div class="scr-stakes">
      <RoundHead view={v()} />
      <div class="scr-stakes-body">
        <div class="scr-stakes-main">
          <p class="stakes-prompt" aria-live="polite">
            <Show when={picker()} fallback={ts('stage.stakesLocked')}>
              {(id) => (
                <>
                  <strong>{teamName(v(), id())}</strong> {ts('stage.picking')}
                </>
              )}
            </Show>
          </p>
          <Show when={v().stakes}>{(s) => <StakeBoard stakes={s()} teams={v().teams} class="stake-board-screen" />}</Show>
        </div>
        <aside class="scr-q-side">
          <Countdown deadline={v().deadline} remainingMs={v().remainingMs} paused={v().paused} phaseId={v().phaseId} size="screen" />
          <Scoreboard teams={v().teams} rowHeight={68} highlight={picker() ? [picker()!] : []} class="sb-side" />
        </aside>
      </div>
    </div>
  );
}

function JudgingScreen(props: { view: ScreenView }) {
  const v = () => props.view;
  return (
    <div class="scr-judging">
      <RoundHead view={v()} />
      <div class="scr-stakes-body">
        <div class="scr-judging-main">
          <Show when={v().judging}>{(j) => <JudgingPanel view={v()} judging={j()} class="judging-screen" />}</Show>
        </div>
        <aside class="scr-q-side">
          <Scoreboard teams={v().teams} rowHeight={78} highlight={v().judging?.teamId ? [v().judging!.teamId!] : []} class="sb-side" />
        </aside>
      </div>
    </div>
  );
}

function Finale(props: { view: ScreenView; countyName: CountyName }) {
  return (
    <div class="scr-finale">
      <header class="finale-head">
        <h1>{props.view.title ?? ts('stage.contestFallbackTitle')}</h1>
        <p>{ts('stage.finished')}</p>
      </header>
      <div class="finale-body">
        <Podium teams={props.view.teams} countyName={props.countyName} />
        <aside class="scr-aud">
          <AudienceLeaderboard entries={props.view.leaderboard} limit={5} countyName={props.countyName} />
          <CountyBoard rows={props.view.counties} limit={4} countyName={props.countyName} />
        </aside>
      </div>
    </div>
  );
}
