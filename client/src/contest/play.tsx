import { useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { ContestJoin } from '../../../shared/protocol/contest-protocol';
import { AUDIENCE_PHASES } from '../../../shared/contest/phases';
import type { AudienceView } from '../../../shared/contest/views';
import type { AppError } from '../../../shared/protocol/result';
import { locale } from '../i18n';
import { createCountdown } from '../lib/clock';
import { takeFirstData } from '../lib/first-data';
import { ElderSwitch } from '../components/elder-switch';
import { tp } from '../i18n/phone';
import { useContest } from './lib';
import { Banners, ConnectionBadge, Countdown, ErrorLine, LangSwitch, optionLabels, roundLine, score, signed, Waiting } from './phone/chrome';
import { peekContest } from './phone/peek';
import { QuestionPanel } from './phone/question-panel';
import { loadAudience, newJoinKey, saveAudience, type AudienceSaved } from './phone/storage';
import './phone.css';

/**
 * The audience phone (/play/:pin): on the first visit a nickname and a county, then the contest's
 * questions to answer along with the teams, each member's own score and rank after every reveal.
 * The token the server issues at the first join stays on the phone, so a reload is the same member.
 */
export default function AudiencePlay() {
  const params = useParams<{ pin: string }>();
  const pin = params.pin;
  const [saved, setSaved] = createSignal(loadAudience(pin));
  const [live, setLive] = createSignal(Boolean(saved().token));
  const [formError, setFormError] = createSignal<AppError | null>(null);

  const remember = (next: AudienceSaved) => {
    setSaved(next);
    saveAudience(pin, next);
  };

  // The first join carries the form; every later one (reconnects, reloads) the token it earned.
  const join = (): ContestJoin => {
    const s = saved();
    return s.token
      ? { pin, role: 'audience', token: s.token }
      : { pin, role: 'audience', nickname: s.nickname ?? '', ...(s.county ? { county: s.county } : {}), ...(s.joinKey ? { joinKey: s.joinKey } : {}) };
  };
  const joinFailed = (error: AppError) => {
    // A token the contest no longer knows (a rehearsal was reset): ask again, keeping what was typed.
    const { nickname, county } = saved();
    remember({ nickname, county });
    setFormError(error);
    setLive(false);
  };

  return (
    <div class="ph ph-audience" lang={locale()}>
      <Show
        when={live()}
        fallback={
          <JoinForm
            pin={pin}
            nickname={saved().nickname ?? ''}
            county={saved().county ?? ''}
            error={formError()}
            onSubmit={(nickname, county) => {
              remember({ nickname, county, joinKey: newJoinKey() });
              setFormError(null);
              setLive(true);
            }}
          />
        }
      >
        <AudienceLive join={join} onToken={(token) => remember({ ...saved(), token })} onJoinFailed={joinFailed} />
      </Show>
    </div>
  );
}

function JoinForm(props: { pin: string; nickname: string; county: string; error: AppError | null; onSubmit: (nickname: string, county: string) => void }) {
  // On the first load the contest's title and counties came inside the page: no socket before joining.
  const [info, { refetch }] = createResource(() => props.pin, (pin) => takeFirstData('contest') ?? peekContest(pin));
  const [nickname, setNickname] = createSignal(props.nickname);
  const [county, setCounty] = createSignal(props.county);
  const [problem, setProblem] = createSignal<string | null>(null);
  const data = () => {
    const r = info();
    return r?.ok ? r.data : null;
  };

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const name = nickname().trim();
    if (!name) return setProblem(tp('join.nicknameMissing'));
    if ([...name].length > 20) return setProblem(tp('join.nicknameLong'));
    if ((data()?.counties.length ?? 0) > 0 && !county()) return setProblem(tp('join.countyMissing'));
    setProblem(null);
    props.onSubmit(name, county());
  };

  return (
    <>
      <header class="ph-head ph-head-light">
        <div class="ph-head-main">
          <p class="ph-kicker">{tp('join.kicker')}</p>
          <h1 class="ph-title">{data()?.title ?? tp('join.title')}</h1>
        </div>
        <div class="ph-head-tools">
          <ElderSwitch class="ph-lang" />
          <LangSwitch />
        </div>
      </header>
      <main class="ph-body">
        <Switch>
          <Match when={info.loading}>
            <Waiting title={tp('state.connecting')} />
          </Match>
          <Match when={info()?.ok === false && info()}>
            {(r) => (
              <Waiting title={tp('join.cannotOpen')}>
                <ErrorLine error={(r() as { error: AppError }).error} />
                <button type="button" class="ph-secondary" onClick={() => void refetch()}>
                  {tp('common.retry')}
                </button>
              </Waiting>
            )}
          </Match>
          <Match when={data()?.finished}>
            <Waiting title={tp('state.finished')} detail={tp('join.finished')} />
          </Match>
          <Match when={data()}>
            {(d) => (
              <form class="ph-form" onSubmit={submit} novalidate>
                <p class="ph-lead">{tp('join.lead')}</p>
                <label class="ph-field">
                  <span>{tp('join.nickname')}</span>
                  <input
                    name="nickname"
                    autocomplete="nickname"
                    maxLength={20}
                    value={nickname()}
                    placeholder={tp('join.nicknamePlaceholder')}
                    onInput={(e) => {
                      setProblem(null);
                      setNickname(e.currentTarget.value);
                    }}
                  />
                </label>
                <Show when={d().counties.length > 0}>
                  <label class="ph-field">
                    <span>{tp('join.county')}</span>
                    <select name="county" value={county()} onChange={(e) => {
                        setProblem(null);
                        setCounty(e.currentTarget.value);
                      }}>
                      <option value="">{tp('join.countyPlaceholder')}</option>
                      <For each={d().counties}>{(c) => <option value={c.code}>{c.name}</option>}</For>
                    </select>
                  </label>
                </Show>
                <Show when={problem()}>
                  <p class="ph-error" role="alert">
                    {problem()}
                  </p>
                </Show>
                <ErrorLine error={props.error} />
                <button type="submit" class="ph-primary">
                  {tp('join.submit')}
                </button>
                <p class="ph-fineprint">{tp('join.privacy')}</p>
              </form>
            )}
          </Match>
        </Switch>
      </main>
    </>
  );
}

function AudienceLive(props: { join: () => ContestJoin; onToken: (token: string) => void; onJoinFailed: (e: AppError) => void }) {
  const c = useContest(props.join, {
    onJoined: (j) => {
      if (j.token) props.onToken(j.token);
    },
  });
  // A refused join goes back to the form with the server's reason (the connection itself retries on its own).
  // An audience token the contest no longer knows means its rehearsal data was cleared: say so.
  const cleared = (): AppError => ({ code: 'contest/rehearsal-cleared', message: tp('join.cleared') });
  createEffect(() => {
    const e = c.error();
    if (e && e.code === 'contest/bad-token') props.onJoinFailed(cleared());
    else if (e && !c.joined()) props.onJoinFailed(e);
  });
  // Told live that the rehearsal was cleared (this member is gone): back to the form, nickname kept.
  createEffect(() => {
    const v = c.view();
    if (v?.role === 'audience' && c.joined()?.subjectId && !v.me.joined) props.onJoinFailed(cleared());
  });
  const view = createMemo(() => {
    const v = c.view();
    return v?.role === 'audience' ? v : null;
  });
  const countyName = (code: string | null) => c.joined()?.counties.find((x) => x.code === code)?.name ?? '';
  return (
    <Show when={view()} fallback={<Waiting title={tp('state.connecting')} />}>
      {(v) => <AudienceScreen view={v()} connected={c.connected()} countyName={countyName} send={c.send} />}
    </Show>
  );
}

function AudienceScreen(props: { view: AudienceView; connected: boolean; countyName: (code: string | null) => string; send: ReturnType<typeof useContest>['send'] }) {
  const me = () => props.view.me;
  const phase = () => props.view.phase;
  const q = () => props.view.question;
  const revealed = () => q()?.key !== undefined;
  const deadline = () => props.view.audience.deadline;
  const left = createCountdown(deadline);
  const remaining = () => (props.view.paused ? props.view.audience.remainingMs : left());
  const closedForAudience = () => q() !== null && !revealed() && deadline() === null;
  const timeUp = () => !revealed() && deadline() !== null && remaining() === 0;
  const canAnswer = () => !props.view.paused && AUDIENCE_PHASES.has(phase()) && !revealed() && deadline() !== null && (remaining() ?? 0) > 0;
  const submit = (options: number[]) => props.send({ type: 'audience:answer', options, openingId: q()?.openingId ?? undefined });
  const nameOf = (id: string | null) => props.view.teams.find((t) => t.id === id)?.name ?? '';

  return (
    <>
      <header class="ph-head ph-head-light">
        <div class="ph-head-main">
          <p class="ph-kicker">{props.view.title}</p>
          <h1 class="ph-title">{roundLine(props.view)}</h1>
        </div>
        <div class="ph-head-tools">
          <ElderSwitch class="ph-lang" />
          <LangSwitch />
        </div>
      </header>
      <section class="ph-me" aria-label={tp('me.label')}>
        <div class="ph-me-who">
          <span class="ph-me-name">{me().nickname}</span>
          <span class="ph-me-county">{props.countyName(me().county)}</span>
        </div>
        <div class="ph-me-stat">
          <span class="ph-me-value" data-testid="my-score">
            {score(me().score)}
          </span>
          <span class="ph-me-label">{tp('me.score')}</span>
        </div>
        <div class="ph-me-stat">
          <span class="ph-me-value" data-testid="my-rank">
            {me().rank ?? '—'}
          </span>
          <span class="ph-me-label">{me().rank === null ? tp('me.rankPending') : tp('me.rankOf', { n: me().ranked })}</span>
        </div>
      </section>
      <div class="ph-toolbar ph-toolbar-light">
        <ConnectionBadge connected={props.connected} />
        <span class="ph-me-correct">{tp('me.correct', { n: me().correct })}</span>
      </div>
      <Banners paused={props.view.paused} connected={props.connected} joined />
      <main class="ph-body">
        <Switch fallback={<Waiting title={tp('state.waitQuestion')} />}>
          <Match when={phase() === 'lobby'}>
            <Waiting title={tp('audience.welcome', { name: me().nickname ?? '' })} detail={tp('audience.lobby')} />
          </Match>
          <Match when={phase() === 'finished'}>
            <Waiting
              title={tp('state.finished')}
              detail={me().rank === null ? tp('audience.finalScore', { score: score(me().score) }) : tp('audience.final', { score: score(me().score), rank: me().rank!, n: me().ranked })}
            />
          </Match>
          <Match when={props.view.round?.kind === 'judged'}>
            <Waiting
              title={props.view.judging?.teamId ? tp('judged.performing', { team: nameOf(props.view.judging.teamId) }) : (props.view.round?.title ?? '')}
              detail={tp('audience.judged')}
            />
          </Match>
          <Match when={q()}>
            {(question) => (
              <>
                <Show when={canAnswer() && me().answer === null}>
                  <Countdown deadline={deadline()} paused={props.view.paused} remainingMs={props.view.audience.remainingMs} label={tp('timer.audience')} />
                </Show>
                <Switch>
                  <Match when={revealed()}>
                    <Show when={me().result} fallback={<p class="ph-callout">{me().answer ? tp('audience.wrong') : tp('result.noAnswer')}</p>}>
                      {(r) => (
                        <p class="ph-callout" classList={{ good: r().correct, bad: !r().correct }} role="status">
                          {r().correct ? tp('result.right') : tp('result.wrong')}
                          <strong class="ph-delta">{tp('result.points', { delta: signed(r().points) })}</strong>
                        </p>
                      )}
                    </Show>
                  </Match>
                  <Match when={closedForAudience()}>
                    <p class="ph-callout">{tp('audience.closed')}</p>
                  </Match>
                  <Match when={timeUp() && me().answer === null}>
                    <p class="ph-callout bad">{tp('audience.timeUp')}</p>
                  </Match>
                </Switch>
                <QuestionPanel question={question()} labels={optionLabels(props.view)} active={canAnswer()} answer={me().answer} submit={submit} />
              </>
            )}
          </Match>
          <Match when={phase() === 'stake-picking' || phase() === 'stakes-locked'}>
            <Waiting title={tp('audience.stakes')} detail={tp('state.waitQuestion')} />
          </Match>
          <Match when={phase() === 'round-intro' && props.view.round}>
            {(r) => <Waiting title={r().title} detail={tp(`kind.${r().kind}`)} />}
          </Match>
        </Switch>
      </main>
    </>
  );
}
