import { A, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import { DailyCard } from '../components/daily-card';
import { ErrorNotice } from '../components/error-notice';
import { RegionPicker } from '../components/region-picker';
import { guidesApi } from '../lib/guides-api';
import { ancestorCodes, regionLevelOf } from '../../../shared/region/region';
import { publicApi, type AttemptView, type QuizResult, type RegionRow } from '../lib/public-api';
import { createCountdown, formatRemaining, syncClock } from '../lib/clock';
import { formatDateTime } from '../lib/dates';
import { takeFirstData } from '../lib/first-data';
import { locale, t } from '../i18n';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

/** What this phone remembers about its campaign: the participant token, the open attempt and the answers so far. */
interface Saved {
  token?: string;
  /** Shown once at the first start of a phone campaign: with the phone number it continues on another device. */
  recoveryCode?: string;
  countyCode?: string;
  townshipCode?: string;
  villageCode?: string;
  attemptId?: string;
  answers?: (number[] | null)[];
  current?: number;
  /** What was typed last time, offered again for the next attempt on this device. */
  name?: string;
  team?: string;
}
const storageKey = (id: string) => `quiz:${id}`;
const load = (id: string): Saved => {
  try {
    return JSON.parse(localStorage.getItem(storageKey(id)) ?? '{}') as Saved;
  } catch {
    return {};
  }
};
const store = (id: string, saved: Saved) => localStorage.setItem(storageKey(id), JSON.stringify(saved));
/** A random id this browser keeps across campaigns: the server limits new participants per device. */
const deviceId = (): string | undefined => {
  try {
    let id = localStorage.getItem('device');
    if (!id) {
      id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
      localStorage.setItem('device', id);
    }
    return id;
  } catch {
    return undefined;
  }
};

type Err = { code: string; message: string };

/**
 * The guide whose code (`?g=`) first brought this phone to the campaign: kept apart from the attempt's state, and
 * never replaced by a later code (first touch; the server keeps the binding of a participant the same way).
 */
function keptGuide(campaignId: string): string | undefined {
  const key = `quiz:${campaignId}:guide`;
  const fromLink = new URLSearchParams(location.search).get('g');
  if (!localStorage.getItem(key) && fromLink && /^[A-Za-z0-9_-]{6,32}$/.test(fromLink)) localStorage.setItem(key, fromLink);
  return localStorage.getItem(key) ?? undefined;
}

/** The county, township and village a guide's region lies in (as far down as it goes). */
function presetFromGuide(regionCode: string): { county?: string; township?: string; village?: string } {
  const out: Record<string, string> = {};
  for (const code of [...ancestorCodes(regionCode), regionCode]) {
    const level = regionLevelOf(code);
    if (level === 'county' || level === 'township' || level === 'village') out[level] = code;
  }
  return out;
}

/**
 * The citizen's quiz on a phone: pick a county, answer one question at a time against the server's
 * clock, submit, and read the explanations. Answers are kept on the phone as they are given, so a
 * reload or a dropped network continues the same attempt.
 */
export default function QuizPlay() {
  const params = useParams<{ id: string }>();
  const id = () => params.id;
  const guide = keptGuide(params.id);
  // On the first load the quiz's rules and counties came inside the page (no request to wait for).
  const [info] = createResource(id, (campaignId) => {
    const first = takeFirstData('quiz');
    if (first && !guide) return first;
    return (async () => {
      const started = Date.now();
      const load = async () => {
        const r = await publicApi.quizInfo(campaignId);
        if (r.ok) syncClock(r.data.serverTime, started);
        return r;
      };
      const [r, face] = await Promise.all([first ?? load(), guide ? guidesApi.face(guide) : null]);
      // Arriving through a guide's code presets the region to the guide's (unless this phone chose one before).
      if (face?.ok && !county()) {
        const preset = presetFromGuide(face.data.regionCode);
        setCounty(preset.county ?? '');
        setTownship(preset.township ?? '');
        setVillage(preset.village ?? '');
      }
      return r;
    })();
  });
  const [attempt, setAttempt] = createSignal<AttemptView | null>(null);
  const [answers, setAnswers] = createSignal<(number[] | null)[]>([]);
  const [current, setCurrent] = createSignal(0);
  const [result, setResult] = createSignal<QuizResult | null>(null);
  const [error, setError] = createSignal<Err | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [resuming, setResuming] = createSignal(true);
  const [county, setCounty] = createSignal(load(params.id).countyCode ?? '');
  const [township, setTownship] = createSignal(load(params.id).townshipCode ?? '');
  const [village, setVillage] = createSignal(load(params.id).villageCode ?? '');
  const [recovery, setRecovery] = createSignal(load(params.id).recoveryCode ?? '');
  /** The chosen county's townships, where the campaign's region tree has them. */
  const townships = () => {
    const loaded = info();
    return (loaded?.ok && loaded.data.counties.find((c) => c.code === county())?.townships) || [];
  };

  const persist = () => {
    const a = attempt();
    store(id(), { ...load(id()), countyCode: county(), townshipCode: township(), villageCode: village(), attemptId: a?.attemptId, answers: answers(), current: current() });
  };
  /** Forgets the attempt but keeps who this is: token, county, township, name and team. */
  const keepIdentity = (token = load(id()).token) => {
    const { name, team, recoveryCode } = load(id());
    store(id(), { token, recoveryCode, countyCode: county(), townshipCode: township(), villageCode: village(), name, team });
  };

  // Where this device's participant stands: asked when the page opens (in parallel, the form does not wait)
  // and again after each result.
  const [standingKey, setStandingKey] = createSignal<{ token: string; n: number } | null>(load(params.id).token ? { token: load(params.id).token!, n: 0 } : null);
  const [standing] = createResource(standingKey, (k) => publicApi.standing(id(), k.token));
  const standingData = () => {
    const s = standing();
    return s?.ok ? s.data : null;
  };
  const refreshStanding = () => {
    const token = load(id()).token;
    if (token) setStandingKey((k) => ({ token, n: (k?.n ?? 0) + 1 }));
  };
  const attemptsLeftText = (l: { today: number; total: number }) => (l.total === 0 ? t('play.noneLeft') : l.today === 0 ? t('play.noneToday') : t('play.left', l));

  onMount(async () => {
    const saved = load(id());
    if (saved.attemptId && saved.token) {
      const started = Date.now();
      const r = await publicApi.resumeAttempt(id(), saved.attemptId, saved.token);
      if (r.ok) {
        syncClock(r.data.serverTime, started);
        if (r.data.state === 'open') {
          setAttempt(r.data.attempt);
          const n = r.data.attempt.questions.length;
          setAnswers(saved.answers?.length === n ? saved.answers : Array.from({ length: n }, () => null));
          setCurrent(Math.min(saved.current ?? 0, n - 1));
        } else setResult(r.data.result);
      } else {
        keepIdentity(saved.token);
      }
    }
    setResuming(false);
  });

  const left = createCountdown(() => attempt()?.deadline ?? null);

  const begin = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    if (!county()) return setError({ code: 'client', message: t('play.chooseCounty') });
    if (townships().length && !township()) return setError({ code: 'client', message: t('play.chooseTownship') });
    setBusy(true);
    setError(null);
    const started = Date.now();
    const saved = load(id());
    const r = await publicApi.startAttempt(id(), {
      token: saved.token,
      countyCode: county(),
      townshipCode: townships().length ? township() : undefined,
      villageCode: townships().length && village() ? village() : undefined,
      guideId: guide,
      name: form.get('name')?.toString() || undefined,
      phone: form.get('phone')?.toString().replace(/\s/g, '') || undefined,
      recoveryCode: form.get('recoveryCode')?.toString().trim() || undefined,
      teamName: form.get('team')?.toString() || undefined,
      deviceId: deviceId(),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    syncClock(r.data.serverTime, started);
    const resumed = saved.attemptId === r.data.attemptId && saved.answers?.length === r.data.questions.length;
    store(id(), { token: r.data.token, recoveryCode: r.data.recoveryCode ?? saved.recoveryCode, countyCode: county(), townshipCode: township(), villageCode: village(), name: form.get('name')?.toString() || saved.name, team: form.get('team')?.toString() || saved.team });
    setRecovery(r.data.recoveryCode ?? saved.recoveryCode ?? '');
    setResult(null);
    setAttempt({ attemptId: r.data.attemptId, deadline: r.data.deadline, questions: r.data.questions });
    setAnswers(resumed ? saved.answers! : Array.from({ length: r.data.questions.length }, () => null));
    setCurrent(resumed ? (saved.current ?? 0) : 0);
    persist();
  };

  const choose = (index: number) => {
    const a = attempt()!;
    const q = a.questions[current()]!;
    setAnswers((list) => {
      const next = [...list];
      const picked = next[current()] ?? [];
      next[current()] = q.type === 'multiple' ? (picked.includes(index) ? picked.filter((x) => x !== index) : [...picked, index].sort()) : [index];
      if (next[current()]!.length === 0) next[current()] = null;
      return next;
    });
    persist();
  };
  const go = (to: number) => {
    setCurrent(to);
    persist();
  };

  const submit = async (auto = false) => {
    const a = attempt();
    if (!a || busy()) return;
    const unanswered = answers().filter((x) => !x).length;
    if (!auto && unanswered > 0 && !confirm(t('play.unanswered', { n: unanswered }))) return;
    setBusy(true);
    setError(null);
    const { token } = load(id());
    const r = await publicApi.submitAttempt(id(), a.attemptId, token!, answers());
    if (!r.ok && r.error.code === 'quiz/already-submitted') {
      // The first try reached the server but its reply was lost: fetch the stored result.
      const again = await publicApi.resumeAttempt(id(), a.attemptId, token!);
      setBusy(false);
      if (again.ok && again.data.state === 'submitted') return finish(again.data.result);
    }
    setBusy(false);
    if (!r.ok) {
      if (r.error.code === 'network/failed') return setError({ code: 'client', message: t('play.retrySubmit') });
      if (r.error.code === 'quiz/deadline-passed' || r.error.code === 'quiz/attempt-not-found') {
        setAttempt(null);
        keepIdentity(token);
      }
      return setError(r.error);
    }
    finish(r.data);
  };
  const finish = (res: QuizResult) => {
    setResult(res);
    setAttempt(null);
    keepIdentity();
    refreshStanding();
    window.scrollTo(0, 0);
  };

  // At the deadline the phone submits what it has (the server still judges by its own clock).
  createEffect(() => {
    if (attempt() && left() === 0 && !busy()) void submit(true);
  });

  const fmt = (ms: number) => formatDateTime(ms, locale());
  const letters = (list: number[]) => (list.length ? list.map((i) => LETTERS[i]).join('') : t('play.noAnswer'));

  return (
    <section class="page quiz">
      <Switch fallback={<p class="muted">{t('common.loading')}</p>}>
        <Match when={info()?.ok === false && info()}>{(r) => <ErrorNotice error={(r() as { error: Err }).error} />}</Match>
        <Match when={result()}>
          {(res) => (
            <div class="result">
              <h1>{info()?.ok ? (info() as { data: { title: string } }).data.title : ''}</h1>
              <div class="score-card" classList={{ passed: res().passed }}>
                <p class="muted">{t('play.score')}</p>
                <p class="score">{res().score}</p>
                <p>
                  {t('play.correctCount', { c: res().correctCount, n: res().total })} · {res().passed ? t('play.passed') : t('play.notPassed')}
                </p>
                <p class="muted">{t('play.counted', { score: res().countedScore })}</p>
              </div>
              <section class="standing-card" aria-label={t('play.standing')}>
                <Show when={res().attemptsLeft}>
                  {(l) => (
                    <p class="attempts-left" classList={{ none: l().today === 0 }} data-testid="attempts-left">
                      {attemptsLeftText(l())}
                    </p>
                  )}
                </Show>
                <Show when={standingData()} fallback={<Show when={standing.loading}><p class="muted">{t('play.rankPending')}</p></Show>}>
                  {(s) => (
                    <>
                      <p data-testid="county-rank">{t('play.countyRank', { county: s().county.name, rank: s().county.rank, of: s().county.of })}</p>
                      <Show when={s().rankInCounty}>
                        {(rank) => <p data-testid="rank-in-county">{t('play.rankInCounty', { county: s().county.name, rank: rank(), n: s().rankedInCounty })}</p>}
                      </Show>
                    </>
                  )}
                </Show>
              </section>
              <Show when={res().review}>
                {(review) => (
                  <>
                    <h2>{t('play.review')}</h2>
                    <ol class="review">
                      <For each={review()}>
                        {(item) => (
                          <li classList={{ wrong: !item.isCorrect }}>
                            <p class="stem">{item.stem}</p>
                            <ol class="options">
                              <For each={item.options}>
                                {(o, i) => (
                                  <li classList={{ correct: item.correct.includes(i()), chosen: item.chosen.includes(i()) }}>
                                    {LETTERS[i()]}. {o}
                                  </li>
                                )}
                              </For>
                            </ol>
                            <p>
                              {t('play.yourAnswer')}：{letters(item.chosen)} · {t('play.rightAnswer')}：{letters(item.correct)}
                            </p>
                            <Show when={item.explanation}>
                              <p class="explanation">{item.explanation}</p>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ol>
                  </>
                )}
              </Show>
              <Show when={(res().attemptsLeft?.today ?? 1) > 0}>
                <button type="button" class="button primary wide" onClick={() => setResult(null)}>
                  {t('play.again')}
                </button>
              </Show>
            </div>
          )}
        </Match>
        <Match when={attempt()}>
          {(a) => {
            const q = () => a().questions[current()]!;
            const picked = () => answers()[current()] ?? [];
            const last = () => current() === a().questions.length - 1;
            return (
              <div class="play">
                <div class="play-bar">
                  <span>{t('play.progress', { i: current() + 1, n: a().questions.length })}</span>
                  <span class="timer" classList={{ urgent: (left() ?? 0) < 60_000 }} role="timer" aria-label={t('play.remaining')}>
                    {formatRemaining(left() ?? 0)}
                  </span>
                </div>
                <div class="progress" aria-hidden="true">
                  <div style={{ width: `${((current() + 1) / a().questions.length) * 100}%` }} />
                </div>
                <Show when={current() === 0 && recovery()}>
                  <p class="notice recovery" data-testid="recovery-code">
                    {t('play.recoveryShown', { code: recovery() })}
                  </p>
                </Show>
                <p class="stem">{q().stem}</p>
                <Show when={q().type === 'multiple'}>
                  <p class="muted">{t('play.multipleHint')}</p>
                </Show>
                <div class="choices" role={q().type === 'multiple' ? 'group' : 'radiogroup'} aria-label={q().stem}>
                  <For each={q().options}>
                    {(o, i) => (
                      <button
                        type="button"
                        class="choice"
                        role={q().type === 'multiple' ? 'checkbox' : 'radio'}
                        aria-checked={picked().includes(i())}
                        classList={{ selected: picked().includes(i()) }}
                        onClick={() => choose(i())}
                      >
                        <span class="letter">{LETTERS[i()]}</span>
                        <span>{o}</span>
                      </button>
                    )}
                  </For>
                </div>
                <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
                <div class="nav-row">
                  <button type="button" class="button" disabled={current() === 0} onClick={() => go(current() - 1)}>
                    {t('play.prev')}
                  </button>
                  <Show
                    when={last()}
                    fallback={
                      <button type="button" class="button primary" onClick={() => go(current() + 1)}>
                        {t('play.next')}
                      </button>
                    }
                  >
                    <button type="button" class="button primary" disabled={busy()} onClick={() => submit()}>
                      {busy() ? t('play.submitting') : t('play.submit')}
                    </button>
                  </Show>
                </div>
              </div>
            );
          }}
        </Match>
        <Match when={!resuming() && info()?.ok && info()}>
          {(r) => {
            const c = () => (r() as { data: import('../lib/public-api').QuizInfo }).data;
            return (
              <>
                <form class="start" onSubmit={begin} novalidate>
                  <h1>{c().title}</h1>
                  <Show when={c().description}>
                    <p>{c().description}</p>
                  </Show>
                  <p class="muted">{t('play.window', { from: fmt(c().startsAt), to: fmt(c().endsAt) })}</p>
                  <p>{t('play.rules', { n: c().questionCount, min: Math.round(c().timeLimitSec / 60), day: c().attemptsPerDay, total: c().attemptsTotal })}</p>
                  <Switch>
                    <Match when={c().state === 'not-started'}>
                      <p class="notice error">{t('play.notStarted')}</p>
                    </Match>
                    <Match when={c().state === 'ended'}>
                      <p class="notice error">{t('play.ended')}</p>
                    </Match>
                    <Match when={c().state === 'open' && standingData()?.attempts.left.today === 0 && standingData()}>
                      {(s) => (
                        <p class="notice attempts-left none" data-testid="attempts-left">
                          {attemptsLeftText(s().attempts.left)}
                        </p>
                      )}
                    </Match>
                    <Match when={c().state === 'open'}>
                      <Show when={standingData()}>
                        {(s) => (
                          <p class="attempts-left" data-testid="attempts-left">
                            {attemptsLeftText(s().attempts.left)}
                          </p>
                        )}
                      </Show>
                      <RegionPicker
                        root={c().regionCode}
                        known={(parent) => knownRegions(c(), parent)}
                        value={{ county: county(), township: township(), village: village() }}
                        onChange={(v) => (setCounty(v.county ?? ''), setTownship(v.township ?? ''), setVillage(v.village ?? ''))}
                      />
                      <Show when={c().fields.name}>
                        <label class="field">
                          {t('play.name')}
                          <input name="name" maxlength={50} autocomplete="name" required value={load(id()).name ?? ''} />
                        </label>
                      </Show>
                      <Show when={c().fields.phone}>
                        <label class="field">
                          {t('play.phone')}
                          <input name="phone" inputmode="tel" autocomplete="tel" maxlength={13} required />
                          <span class="muted small">{t('play.phoneHint')}</span>
                        </label>
                        <label class="field">
                          {t('play.recoveryCode')}
                          <input name="recoveryCode" autocomplete="off" autocapitalize="characters" maxlength={20} />
                          <span class="muted small">{t('play.recoveryHint')}</span>
                        </label>
                      </Show>
                      <Show when={c().fields.team}>
                        <label class="field">
                          {t('play.team')}
                          <input name="team" maxlength={50} required value={load(id()).team ?? ''} />
                        </label>
                      </Show>
                      <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
                      <button type="submit" class="button primary wide" disabled={busy()}>
                        {t('play.start')}
                      </button>
                    </Match>
                  </Switch>
                </form>
                <DailyCard campaignId={c().id} title={c().title} countyCode={county()} />
              </>
            );
          }}
        </Match>
      </Switch>
      <A href="/" class="back">
        {t('common.back')}
      </A>
    </section>
  );
}

/**
 * The regions the quiz's own data already lists (its counties and their townships), so the picker's first levels
 * need no request. Counties are the root's children only when the root is a city; a county without townships
 * listed has none loaded.
 */
function knownRegions(info: { regionCode: string; counties: { code: string; name: string; townships?: { code: string; name: string }[] }[] }, parent: string): RegionRow[] | undefined {
  const row = (code: string, name: string, level: RegionRow['level'], parentCode: string): RegionRow => ({ code, name, level, parentCode });
  if (parent === info.regionCode && regionLevelOf(parent) === 'city') return info.counties.map((c) => row(c.code, c.name, 'county', parent));
  const county = info.counties.find((c) => c.code === parent);
  if (county) return (county.townships ?? []).map((t) => row(t.code, t.name, 'township', parent));
  return undefined;
}
