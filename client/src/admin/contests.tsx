import { A, useNavigate, useParams } from '@solidjs/router';
import QRCode from 'qrcode';
import { createContext, createEffect, createResource, createSignal, For, Index, Match, on, onCleanup, Show, Switch, untrack, useContext, type JSX } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import type { ContestDetail, ContestDraft, ContestDraftParsed } from '../../../shared/contest-draft';
import type { AppError, Result } from '../../../shared/result';
import { ErrorNotice } from '../components/error-notice';
import { ReachWarning } from '../components/reach-warning';
import { api, request, type RegionRow } from '../lib/api';
import { locale } from '../i18n';
import { ContestHosts } from './contest-hosts';
import { tc, type ContestKey } from './i18n-contests';
import './contests.css';

type Status = ContestDetail['status'];
interface ContestRow {
  id: string;
  pin: string;
  title: string;
  status: Status;
  rehearsal: boolean;
  createdAt: number;
}

const fmtTime = (ms: number) => new Date(ms).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
const enc = encodeURIComponent;

/** Every live contest, newest first, with its PIN and a way into its setup and host console. */
export function ContestList() {
  const [list, { refetch }] = createResource(() => request<ContestRow[]>('/contests'));
  const rows = () => {
    const r = list();
    return r?.ok ? r.data : [];
  };
  return (
    <section class="cf-page">
      <div class="admin-head">
        <h1>{tc('list.title')}</h1>
        <A class="button primary" href="/admin/contests/new">
          {tc('list.new')}
        </A>
      </div>
      <Show when={list()?.ok === false && list()}>{(r) => <ErrorNotice error={(r() as { error: AppError }).error} onRetry={refetch} />}</Show>
      <Show when={list()?.ok}>
        <Show when={rows().length > 0} fallback={<p class="empty">{tc('list.empty')}</p>}>
          <table class="admin-table cf-list">
            <thead>
              <tr>
                <th scope="col">{tc('list.col.title')}</th>
                <th scope="col">{tc('list.col.pin')}</th>
                <th scope="col">{tc('list.col.status')}</th>
                <th scope="col">{tc('list.col.created')}</th>
                <th scope="col">{tc('list.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(c) => (
                  <tr>
                    <td>
                      <A href={`/admin/contests/${enc(c.id)}`}>{c.title}</A>
                      <Show when={c.rehearsal}>
                        <span class="cf-badge rehearsal">{tc('rehearsal.badge')}</span>
                      </Show>
                    </td>
                    <td class="cf-list-pin">{c.pin}</td>
                    <td>
                      <span class={`cf-badge ${c.status}`}>{tc(`status.${c.status}`)}</span>
                    </td>
                    <td>{fmtTime(c.createdAt)}</td>
                    <td>
                      <span class="cf-list-actions">
                        <A href={`/admin/contests/${enc(c.id)}`}>{tc('list.edit')}</A>
                        <a href={`/host/${enc(c.id)}`} target="_blank" rel="noopener">
                          {tc('list.host')}
                        </a>
                      </span>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
    </section>
  );
}

// ---- The editor's form model: what the organizer types, as text; converted to a ContestDraft on save. ----

type Kind = 'compulsory' | 'buzzer' | 'risk' | 'tiebreak' | 'judged';
const KINDS: Kind[] = ['compulsory', 'buzzer', 'risk', 'tiebreak', 'judged'];

interface TeamForm {
  id: string;
  name: string;
  members: string;
  county: string;
}
interface JudgeForm {
  id: string;
  name: string;
}
/** One round with the fields of every kind, so the form binds to plain paths; `toDraft` keeps those of its kind. */
interface RoundForm {
  id: string;
  kind: Kind;
  title: string;
  setId: string;
  audience: boolean;
  audienceTimeSec: string;
  timeLimitSec: string;
  correctPoints: string;
  wrongPoints: string;
  answerMode: 'oral' | 'device';
  buzzWindowSec: string;
  answerTimeSec: string;
  timeoutPoints: string;
  falseStartPoints: string;
  falseStartForfeits: boolean;
  rebounds: string;
  reboundCorrectPoints: string;
  reboundWrongPoints: string;
  stakes: string;
  pickOrder: 'lowest-first' | 'highest-first';
  allowPass: boolean;
  stakeTimeSec: string;
  places: string;
  judges: JudgeForm[];
  aggregate: 'mean' | 'trimmed-mean';
  minScore: string;
  maxScore: string;
  weight: string;
  /** Performing teams of a judged round; null = every team. */
  performers: string[] | null;
}
interface Form {
  title: string;
  rehearsal: boolean;
  excludeAdult: boolean;
  baseScore: string;
  regionCode: string;
  audience: { pointsPerCorrect: string; speedBonusMax: string; leaderboardSize: string };
  teams: TeamForm[];
  rounds: RoundForm[];
}

/** The next free id of the form `${prefix}${n}`, so ids (and the device links bound to them) stay stable. */
const nextId = (prefix: string, taken: string[]) => {
  let n = 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};
const allJudgeIds = (rounds: RoundForm[]) => rounds.flatMap((r) => r.judges.map((j) => j.id));

function blankRound(kind: Kind, id: string, judgeId: string): RoundForm {
  const buzz = kind === 'buzzer' || kind === 'tiebreak';
  return {
    id,
    kind,
    title: tc(`kindTitle.${kind}`),
    setId: '',
    audience: true,
    audienceTimeSec: '',
    timeLimitSec: '30',
    correctPoints: '10',
    wrongPoints: buzz ? '-10' : '0',
    answerMode: 'oral',
    buzzWindowSec: '15',
    answerTimeSec: '20',
    timeoutPoints: '-10',
    falseStartPoints: '-10',
    falseStartForfeits: false,
    rebounds: '0',
    reboundCorrectPoints: '',
    reboundWrongPoints: '',
    stakes: '10/20/30',
    pickOrder: 'lowest-first',
    allowPass: false,
    stakeTimeSec: '20',
    places: '',
    judges: kind === 'judged' ? [{ id: judgeId, name: '' }] : [],
    aggregate: 'mean',
    minScore: '0',
    maxScore: '100',
    weight: '1',
    performers: null,
  };
}

function blankForm(): Form {
  return {
    title: '',
    rehearsal: false,
    excludeAdult: false,
    baseScore: '100',
    regionCode: '',
    audience: { pointsPerCorrect: '100', speedBonusMax: '50', leaderboardSize: '50' },
    teams: [
      { id: 't1', name: '', members: '', county: '' },
      { id: 't2', name: '', members: '', county: '' },
    ],
    rounds: [blankRound('compulsory', 'r1', 'j1')],
  };
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));
const sec = (ms: number | undefined) => (ms === undefined ? '' : String(ms / 1000));

/** A saved draft back into the form (milliseconds shown as seconds). */
function fromDraft(d: ContestDraftParsed): Form {
  return {
    title: d.title,
    rehearsal: d.rehearsal,
    excludeAdult: d.excludeAdult ?? false,
    baseScore: str(d.baseScore),
    regionCode: d.regionCode ?? '',
    audience: { pointsPerCorrect: str(d.audience.pointsPerCorrect), speedBonusMax: str(d.audience.speedBonusMax), leaderboardSize: str(d.audience.leaderboardSize) },
    teams: d.teams.map((t) => ({ id: t.id, name: t.name, members: (t.members ?? []).join('、'), county: t.county ?? '' })),
    rounds: d.rounds.map((r) => {
      const f = blankRound(r.kind, r.id, '');
      f.title = r.title;
      if (r.kind === 'judged') {
        return { ...f, judges: r.judges.map((j) => ({ ...j })), aggregate: r.aggregate, minScore: str(r.minScore), maxScore: str(r.maxScore), weight: str(r.weight), performers: r.teams ? [...r.teams] : null };
      }
      Object.assign(f, { setId: r.setId, audience: r.audience, audienceTimeSec: sec(r.audienceTimeMs) });
      switch (r.kind) {
        case 'compulsory':
          return { ...f, timeLimitSec: sec(r.timeLimitMs), correctPoints: str(r.correctPoints), wrongPoints: str(r.wrongPoints) };
        case 'buzzer':
          return {
            ...f,
            answerMode: r.answerMode,
            buzzWindowSec: sec(r.buzzWindowMs),
            answerTimeSec: sec(r.answerTimeMs),
            correctPoints: str(r.correctPoints),
            wrongPoints: str(r.wrongPoints),
            timeoutPoints: str(r.timeoutPoints),
            falseStartPoints: str(r.falseStartPoints),
            falseStartForfeits: r.falseStartForfeits,
            rebounds: str(r.rebounds),
            reboundCorrectPoints: str(r.reboundCorrectPoints),
            reboundWrongPoints: str(r.reboundWrongPoints),
          };
        case 'risk':
          return { ...f, stakes: r.stakes.join('/'), pickOrder: r.pickOrder, allowPass: r.allowPass, stakeTimeSec: sec(r.stakeTimeMs), timeLimitSec: sec(r.timeLimitMs) };
        case 'tiebreak':
          return { ...f, answerMode: r.answerMode, buzzWindowSec: sec(r.buzzWindowMs), answerTimeSec: sec(r.answerTimeMs), places: str(r.places) };
      }
    }),
  };
}

// Text to numbers: a blank or malformed entry becomes NaN, which JSON sends as null, so the server names the field.
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
const optNum = (s: string) => (s.trim() === '' ? undefined : Number(s));
const ms = (s: string) => Math.round(num(s) * 1000);
const optMs = (s: string) => (s.trim() === '' ? undefined : Math.round(Number(s) * 1000));
const splitList = (s: string) => s.split(/[\s,，、;；/]+/).filter(Boolean);

/** The form as the server's ContestDraft (seconds → milliseconds, optional fields left out when blank). */
function toDraft(f: Form): ContestDraft {
  // A judge who sits on several panels keeps one scoring link: same name, same id.
  const judgeByName = new Map<string, string>();
  const teamIds = f.teams.map((t) => t.id);
  return {
    title: f.title,
    rehearsal: f.rehearsal,
    excludeAdult: f.excludeAdult,
    baseScore: num(f.baseScore),
    ...(f.regionCode ? { regionCode: f.regionCode } : {}),
    audience: { pointsPerCorrect: num(f.audience.pointsPerCorrect), speedBonusMax: num(f.audience.speedBonusMax), leaderboardSize: num(f.audience.leaderboardSize) },
    teams: f.teams.map((t) => {
      const members = splitList(t.members);
      return { id: t.id, name: t.name, ...(members.length ? { members } : {}), ...(t.county ? { county: t.county } : {}) };
    }),
    rounds: f.rounds.map((r) => {
      const base = { id: r.id, title: r.title };
      if (r.kind === 'judged') {
        const used = new Set<string>();
        const judges = r.judges.map((j) => {
          const name = j.name.trim();
          let id = (name && judgeByName.get(name)) || j.id;
          if (used.has(id)) id = j.id;
          if (name && !judgeByName.has(name)) judgeByName.set(name, id);
          used.add(id);
          return { id, name: j.name };
        });
        return {
          ...base,
          kind: 'judged' as const,
          judges,
          aggregate: r.aggregate,
          minScore: num(r.minScore),
          maxScore: num(r.maxScore),
          weight: num(r.weight),
          ...(r.performers ? { teams: teamIds.filter((id) => r.performers!.includes(id)) } : {}),
        };
      }
      const question = { ...base, setId: r.setId, audience: r.audience, ...(r.audience && optMs(r.audienceTimeSec) !== undefined ? { audienceTimeMs: optMs(r.audienceTimeSec) } : {}) };
      const buzz = { answerMode: r.answerMode, buzzWindowMs: ms(r.buzzWindowSec), answerTimeMs: ms(r.answerTimeSec) };
      switch (r.kind) {
        case 'compulsory':
          return { ...question, kind: 'compulsory' as const, timeLimitMs: ms(r.timeLimitSec), correctPoints: num(r.correctPoints), wrongPoints: num(r.wrongPoints) };
        case 'buzzer': {
          const rebounds = num(r.rebounds);
          return {
            ...question,
            ...buzz,
            kind: 'buzzer' as const,
            correctPoints: num(r.correctPoints),
            wrongPoints: num(r.wrongPoints),
            timeoutPoints: num(r.timeoutPoints),
            falseStartPoints: num(r.falseStartPoints),
            falseStartForfeits: r.falseStartForfeits,
            rebounds,
            ...(rebounds > 0 && optNum(r.reboundCorrectPoints) !== undefined ? { reboundCorrectPoints: optNum(r.reboundCorrectPoints) } : {}),
            ...(rebounds > 0 && optNum(r.reboundWrongPoints) !== undefined ? { reboundWrongPoints: optNum(r.reboundWrongPoints) } : {}),
          };
        }
        case 'risk':
          return {
            ...question,
            kind: 'risk' as const,
            stakes: splitList(r.stakes).map(Number),
            pickOrder: r.pickOrder,
            allowPass: r.allowPass,
            stakeTimeMs: ms(r.stakeTimeSec),
            timeLimitMs: ms(r.timeLimitSec),
          };
        case 'tiebreak':
          return { ...question, ...buzz, kind: 'tiebreak' as const, ...(optNum(r.places) !== undefined ? { places: optNum(r.places) } : {}) };
      }
    }),
  };
}

// ---- Field errors: each server issue is shown next to the field whose path it names. ----

interface FieldContext {
  /** The first message of the issues at (or under) any of these paths. */
  message(paths: string[], seconds?: readonly [number, number], blank?: () => string | undefined): string | undefined;
  /** Marks paths as shown by a mounted field, so the summary lists only the rest. */
  claim(paths: string[]): void;
}
const FieldCtx = createContext<FieldContext>();

let fieldSeq = 0;
const SECONDS = { time: [5, 600], short: [3, 600], audience: [3, 600] } as const;

/** A labelled control with its hint and its error; the control comes from `children` and gets the ids to point at. */
function Field(props: {
  label: string;
  paths: string[];
  hint?: string;
  unit?: string;
  seconds?: readonly [number, number];
  /** Our own words when the field is empty, instead of the schema's. */
  blank?: () => string | undefined;
  hideLabel?: boolean;
  class?: string;
  children: (a: { id: string; describedBy: string; invalid: () => boolean }) => JSX.Element;
}) {
  const ctx = useContext(FieldCtx)!;
  const id = `cf-${++fieldSeq}`;
  ctx.claim(props.paths);
  const message = () => ctx.message(props.paths, props.seconds, props.blank);
  return (
    <div class={`cf-field ${props.class ?? ''}`}>
      <label for={id} classList={{ 'cf-sr': props.hideLabel }}>
        {props.label}
        <Show when={props.unit}>
          {(u) => <span class="cf-sr">{tc('editor.unit', { unit: u() })}</span>}
        </Show>
      </label>
      <div class="cf-control">
        {untrack(() => props.children({ id, describedBy: `${id}-hint ${id}-err`, invalid: () => Boolean(message()) }))}
        <Show when={props.unit}>
          <span class="cf-unit" aria-hidden="true">
            {props.unit}
          </span>
        </Show>
      </div>
      <Show when={props.hint}>
        <small id={`${id}-hint`} class="cf-hint">
          {props.hint}
        </small>
      </Show>
      <Show when={message()}>
        {(m) => (
          <span id={`${id}-err`} class="field-error">
            {m()}
          </span>
        )}
      </Show>
    </div>
  );
}

/**
 * A number field bound to a text value. The store follows every keystroke, but the field is not rewritten while it
 * has the focus: a half-typed "-" reads as "" and writing that back would wipe it.
 */
function NumberField(props: {
  label: string;
  paths: string[];
  value: string;
  onChange: (v: string) => void;
  min?: number;
  max?: number;
  step?: number | 'any';
  unit?: string;
  hint?: string;
  placeholder?: string;
  seconds?: readonly [number, number];
  class?: string;
  /** Blank is allowed (the server default applies). */
  optional?: boolean;
}) {
  return (
    <Field
      label={props.label}
      paths={props.paths}
      unit={props.unit}
      hint={props.hint}
      seconds={props.seconds}
      class={props.class}
      blank={() => (!props.optional && props.value.trim() === '' ? tc('editor.numberRequired') : undefined)}
    >
      {(a) => (
        <input
          id={a.id}
          ref={(el) =>
            createEffect(() => {
              const v = props.value;
              if (el.value !== v && document.activeElement !== el) el.value = v;
            })
          }
          type="number"
          inputmode="decimal"
          min={props.min}
          max={props.max}
          step={props.step ?? 1}
          placeholder={props.placeholder}
          aria-invalid={a.invalid()}
          aria-describedby={a.describedBy}
          onInput={(e) => props.onChange(e.currentTarget.value)}
          onBlur={(e) => {
            if (e.currentTarget.value !== props.value) e.currentTarget.value = props.value;
          }}
        />
      )}
    </Field>
  );
}

/** A checkbox with its label and any error on its path. */
function Check(props: { label: string; paths: string[]; checked: boolean; onChange: (v: boolean) => void; switch?: boolean }) {
  const ctx = useContext(FieldCtx)!;
  ctx.claim(props.paths);
  const message = () => ctx.message(props.paths);
  return (
    <div class="cf-check">
      <label classList={{ chip: true, 'cf-switch': props.switch }}>
        <input type="checkbox" role={props.switch ? 'switch' : undefined} checked={props.checked} aria-invalid={Boolean(message())} onChange={(e) => props.onChange(e.currentTarget.checked)} />
        <span>{props.label}</span>
      </label>
      <Show when={message()}>{(m) => <span class="field-error">{m()}</span>}</Show>
    </div>
  );
}

// ---- Device links with QR codes. ----

function Qr(props: { url: string; label: string }) {
  const [svg] = createResource(
    () => props.url,
    (url) => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
  );
  // The SVG is produced locally by the qrcode library from our own URL.
  return <div class="cf-qr" role="img" aria-label={props.label} innerHTML={svg() ?? ''} />;
}

function LinkCard(props: { name: string; hint?: string; url: string; kind: string }) {
  const [copied, setCopied] = createSignal<'ok' | 'failed' | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.url);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
    clearTimeout(timer);
    timer = setTimeout(() => setCopied(null), 2500);
  };
  return (
    <li class={`cf-link ${props.kind}`}>
      <Qr url={props.url} label={tc('links.qr', { name: props.name })} />
      <div class="cf-link-body">
        <strong class="cf-link-name">{props.name}</strong>
        <Show when={props.hint}>
          <small class="cf-hint">{props.hint}</small>
        </Show>
        <a class="cf-link-url" href={props.url} target="_blank" rel="noopener" aria-label={tc('links.urlLabel', { name: props.name })}>
          {props.url}
        </a>
        <div class="cf-link-actions">
          <button type="button" class="button small" aria-label={tc('links.copyLabel', { name: props.name })} onClick={copy}>
            {copied() === 'ok' ? tc('links.copied') : tc('links.copy')}
          </button>
          <Show when={copied() === 'failed'}>
            <span class="field-error" role="status">
              {tc('links.copyFailed')}
            </span>
          </Show>
        </div>
      </div>
    </li>
  );
}

/** After saving: the PIN, the host and export buttons, rehearsal reset, and every device link with its QR code. */
function LinksPanel(props: { detail: ContestDetail; onReset: () => Promise<void> }) {
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const id = () => enc(props.detail.id);
  return (
    <aside class="admin-card cf-links" aria-labelledby="cf-links-title">
      <h2 id="cf-links-title">{tc('links.title')}</h2>
      <ReachWarning url={props.detail.links.audience} />
      <div class="cf-pin-box">
        <span class="cf-pin-label">{tc('links.pin')}</span>
        <strong class="cf-pin" aria-label={`${tc('links.pin')} ${props.detail.pin.split('').join(' ')}`} data-pin={props.detail.pin}>
          {props.detail.pin}
        </strong>
        <small class="cf-hint">{tc('links.pinHint')}</small>
        <div class="cf-pin-status">
          <span class={`cf-badge ${props.detail.status}`}>{tc(`status.${props.detail.status}`)}</span>
          <Show when={props.detail.rehearsal}>
            <span class="cf-badge rehearsal">{tc('rehearsal.badge')}</span>
          </Show>
        </div>
      </div>
      <div class="cf-actions">
        <a class="button primary" href={`/host/${id()}`} target="_blank" rel="noopener">
          {tc('links.openHost')}
        </a>
        <a class="button" href={`/api/contests/${id()}/export.xlsx`} download="">
          {tc('links.export')}
        </a>
        <button type="button" class="button" onClick={() => window.print()}>
          {tc('links.print')}
        </button>
        <Show when={props.detail.rehearsal}>
          <button type="button" class="button danger" aria-expanded={confirming()} onClick={() => setConfirming(true)}>
            {tc('reset.button')}
          </button>
        </Show>
      </div>
      <ContestHosts contestId={props.detail.id} />
      <Show when={confirming()}>
        <div class="cf-confirm" role="alertdialog" aria-labelledby="cf-confirm-title" aria-describedby="cf-confirm-body">
          <strong id="cf-confirm-title">{tc('reset.confirmTitle')}</strong>
          <p id="cf-confirm-body">{tc('reset.confirmBody')}</p>
          <div class="row">
            <button
              type="button"
              class="button danger"
              disabled={busy()}
              onClick={async () => {
                setBusy(true);
                await props.onReset();
                setBusy(false);
                setConfirming(false);
              }}
            >
              {tc('reset.confirm')}
            </button>
            <button type="button" class="button" ref={(el) => queueMicrotask(() => el.focus())} onClick={() => setConfirming(false)}>
              {tc('reset.cancel')}
            </button>
          </div>
        </div>
      </Show>
      <ul class="cf-link-list">
        <LinkCard kind="host" name={tc('links.host')} hint={tc('links.hostHint')} url={props.detail.links.host} />
        <LinkCard kind="screen" name={tc('links.screen')} hint={tc('links.screenHint')} url={props.detail.links.screen} />
        <LinkCard kind="overlay" name={tc('links.overlay')} hint={tc('links.overlayHint')} url={props.detail.links.overlay} />
        <LinkCard kind="audience" name={tc('links.audience')} hint={tc('links.audienceHint')} url={props.detail.links.audience} />
      </ul>
      <h3>{tc('links.teams')}</h3>
      <ul class="cf-link-list">
        <For each={props.detail.links.teams}>{(t) => <LinkCard kind="team" name={tc('links.team', { name: t.name })} hint={tc('links.teamHint')} url={t.url} />}</For>
      </ul>
      <Show when={props.detail.links.judges.length > 0}>
        <h3>{tc('links.judges')}</h3>
        <ul class="cf-link-list">
          <For each={props.detail.links.judges}>{(j) => <LinkCard kind="judge" name={tc('links.judge', { name: j.name })} hint={tc('links.judgeHint')} url={j.url} />}</For>
        </ul>
      </Show>
    </aside>
  );
}

// ---- The editor. ----

/** Create or edit a contest: basics, teams, rounds with their rules; then its PIN and device links. */
export function ContestEditor() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const isNew = () => params.id === 'new';
  const [form, setForm] = createStore<Form>(blankForm());
  const [detail, setDetail] = createSignal<ContestDetail | null>(null);
  const [loadError, setLoadError] = createSignal<AppError | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [notice, setNotice] = createSignal<ContestKey | null>(null);
  const [saving, setSaving] = createSignal(false);
  const locked = () => (detail()?.status ?? 'setup') !== 'setup';

  const load = async (id: string) => {
    const r = await request<ContestDetail>(`/contests/${enc(id)}`);
    if (params.id !== id) return;
    if (!r.ok) return setLoadError(r.error);
    setLoadError(null);
    setForm(fromDraft(r.data.draft));
    setDetail(r.data);
  };
  createEffect(
    on(
      () => params.id,
      (id) => {
        setError(null);
        setLoadError(null);
        if (id === 'new') {
          setDetail(null);
          setForm(blankForm());
        } else if (detail()?.id !== id) {
          setDetail(null);
          void load(id);
        }
      },
    ),
  );

  // Cities for the audience's county picker, and the counties of the chosen one for the teams.
  const [cities] = createResource(async () => {
    const top = await api.regions();
    if (!top.ok) return [] as RegionRow[];
    const lists = await Promise.all(top.data.map((p) => api.regions(p.code)));
    return lists.flatMap((l) => (l.ok ? l.data.filter((x) => x.level === 'city') : []));
  });
  const [counties] = createResource(
    () => form.regionCode || null,
    async (code) => {
      const r = await api.regions(code);
      return r.ok ? r.data.filter((x) => x.level === 'county') : [];
    },
  );
  const [sets, { refetch: refetchSets }] = createResource(api.listSets);
  const setList = () => {
    const r = sets();
    return r?.ok ? r.data : [];
  };

  // Issues from the last save, and which paths the mounted fields show.
  const [claimed, setClaimed] = createSignal<readonly string[]>([]);
  // A path claims itself and everything under it; `path$` claims only itself (a list's own errors, not its items').
  const covers = (path: string, issuePath: string) =>
    path.endsWith('$') ? issuePath === path.slice(0, -1) : issuePath === path || issuePath.startsWith(`${path}.`);
  const ctx: FieldContext = {
    message(paths, seconds, blank) {
      const issue = error()?.issues?.find((i) => paths.some((p) => covers(p, i.path)));
      if (!issue) return undefined;
      const empty = blank?.();
      if (empty) return empty;
      // The draft holds milliseconds; the organizer typed seconds, so say it in seconds.
      if (seconds && /Ms(\.|$)/.test(issue.path)) return tc('editor.secondsRange', { min: seconds[0], max: seconds[1] });
      return issue.message;
    },
    claim(paths) {
      setClaimed((c) => [...c, ...paths]);
      onCleanup(() =>
        setClaimed((c) => {
          const next = [...c];
          for (const p of paths) {
            const at = next.indexOf(p);
            if (at >= 0) next.splice(at, 1);
          }
          return next;
        }),
      );
    },
  };
  const unplaced = () => (error()?.issues ?? []).filter((i) => !claimed().some((p) => covers(p, i.path)));

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    if (saving()) return;
    setNotice(null);
    setSaving(true);
    const draft = toDraft(form);
    const r = isNew()
      ? await request<{ id: string; pin: string }>('/contests', { method: 'POST', json: draft })
      : await request<{ id: string }>(`/contests/${enc(params.id)}`, { method: 'PUT', json: draft });
    setSaving(false);
    if (!r.ok) {
      setError(r.error);
      // Take the organizer to the first marked field (or the message when no field is marked).
      const first = document.querySelector<HTMLElement>('.cf-form [aria-invalid="true"]') ?? document.querySelector<HTMLElement>('.cf-save-error');
      first?.focus();
      first?.scrollIntoView({ block: 'center' });
      return;
    }
    setError(null);
    setNotice('editor.saved');
    if (isNew()) navigate(`/admin/contests/${enc(r.data.id)}`, { replace: true });
    else await load(params.id);
  };

  const resetRehearsal = async () => {
    setNotice(null);
    const r = await request<{ id: string }>(`/contests/${enc(params.id)}/reset`, { method: 'POST' });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    await load(params.id);
    setNotice('reset.done');
  };

  // List editing: add, remove, move (ids travel with their rows so device links stay attached). Moving or removing
  // rows shifts the indexes the last save's issues point at, so those issues are dropped rather than misplaced.
  const move = <K extends 'teams' | 'rounds'>(key: K, i: number, by: number) => {
    setError(null);
    setForm(
      produce((f) => {
        const list = f[key] as unknown[];
        const [item] = list.splice(i, 1);
        list.splice(i + by, 0, item);
      }),
    );
  };
  const addTeam = () =>
    setForm(
      produce((f) => {
        f.teams.push({ id: nextId('t', f.teams.map((t) => t.id)), name: '', members: '', county: '' });
      }),
    );
  const [teamNotice, setTeamNotice] = createSignal<string | null>(null);
  const [teamProblems, setTeamProblems] = createSignal<{ row: number | null; column: string | null; message: string }[]>([]);
  const fillTeams = (teams: { id: string; name: string; members?: string[]; county?: string }[]) => {
    setForm(
      produce((f) => {
        f.teams = teams.map((t) => ({ id: t.id, name: t.name, members: (t.members ?? []).join('、'), county: t.county ?? '' }));
        for (const r of f.rounds) if (r.performers) r.performers = r.performers.filter((id) => f.teams.some((t) => t.id === id));
      }),
    );
    setTeamNotice(tc('teams.imported', { n: teams.length }));
  };
  const importTeams = async (file: File) => {
    setTeamNotice(null);
    setTeamProblems([]);
    const body = new FormData();
    body.append('file', file);
    if (form.regionCode) body.append('regionCode', form.regionCode);
    const r = (await request<{ id: string; name: string; members: string[]; county?: string }[]>('/contest-teams/import', { method: 'POST', body })) as Result<{ id: string; name: string; members: string[]; county?: string }[]> & {
      error?: { problems?: { row: number | null; column: string | null; message: string }[] };
    };
    if (!r.ok) {
      setTeamNotice(r.error.message);
      return setTeamProblems(r.error.problems ?? []);
    }
    fillTeams(r.data);
  };
  const teamsFromCampaign = async (campaignId: string, perCounty: number) => {
    setTeamNotice(null);
    setTeamProblems([]);
    const r = await request<{ id: string; name: string; members: string[]; county: string }[]>(`/contest-teams/from-campaign/${enc(campaignId)}?perCounty=${perCounty}`);
    if (!r.ok) return setTeamNotice(r.error.message);
    fillTeams(r.data);
  };
  const [campaignList] = createResource(async () => {
    const r = await api.listCampaigns();
    return r.ok ? r.data : [];
  });
  const removeTeam = (i: number) => {
    setError(null);
    setForm(
      produce((f) => {
        const [gone] = f.teams.splice(i, 1);
        for (const r of f.rounds) if (r.performers) r.performers = r.performers.filter((id) => id !== gone!.id);
      }),
    );
  };
  const removeRound = (i: number) => {
    setError(null);
    setForm('rounds', (l) => l.filter((_, k) => k !== i));
  };
  const addRound = () =>
    setForm(
      produce((f) => {
        const kind: Kind = f.rounds.length === 0 ? 'compulsory' : f.rounds.length === 1 ? 'buzzer' : 'compulsory';
        f.rounds.push(blankRound(kind, nextId('r', f.rounds.map((r) => r.id)), nextId('j', allJudgeIds(f.rounds))));
      }),
    );
  const changeKind = (i: number, kind: Kind) => {
    setError(null);
    setForm(
      produce((f) => {
        const old = f.rounds[i]!;
        const fresh = blankRound(kind, old.id, nextId('j', allJudgeIds(f.rounds)));
        const renamed = old.title.trim() === '' || old.title === tc(`kindTitle.${old.kind}`);
        f.rounds[i] = {
          ...fresh,
          title: renamed ? fresh.title : old.title,
          setId: old.setId,
          audience: old.audience,
          audienceTimeSec: old.audienceTimeSec,
          judges: old.judges.length ? old.judges : fresh.judges,
        };
      }),
    );
  };
  const addJudge = (ri: number) =>
    setForm(
      produce((f) => {
        f.rounds[ri]!.judges.push({ id: nextId('j', allJudgeIds(f.rounds)), name: '' });
      }),
    );
  const teamLabel = (i: number) => tc('teams.number', { n: i + 1 });
  const teamName = (t: TeamForm, i: number) => t.name.trim() || teamLabel(i);

  return (
    <section class="cf-page">
      <div class="admin-head">
        <h1>
          {isNew() ? tc('editor.newTitle') : detail()?.title ?? ''}
          <Show when={detail()}>{(d) => <span class={`cf-badge ${d().status}`}>{tc(`status.${d().status}`)}</span>}</Show>
        </h1>
        <A href="/admin/contests">{tc('editor.back')}</A>
      </div>
      <Show when={loadError()}>{(err) => <ErrorNotice error={err()} onRetry={() => void load(params.id)} />}</Show>
      <Show when={isNew() || detail()} fallback={<Show when={!loadError()}><p class="muted">{tc('editor.loading')}</p></Show>}>
        <div class="editor cf-editor">
          <FieldCtx.Provider value={ctx}>
            <form class="cf-form" onSubmit={save} novalidate aria-busy={saving()}>
              <Show when={locked()}>
                <p class="notice error" role="note">
                  {tc('editor.locked')}
                </p>
              </Show>
              <fieldset class="cf-lock" disabled={locked()}>
                <section class="admin-card cf-section" aria-labelledby="cf-basics">
                  <h2 id="cf-basics">{tc('editor.basics')}</h2>
                  <Field label={tc('editor.title')} paths={['title']} blank={() => (form.title.trim() ? undefined : tc('editor.titleRequired'))}>
                    {(a) => (
                      <input
                        id={a.id}
                        value={form.title}
                        maxlength={100}
                        placeholder={tc('editor.titlePlaceholder')}
                        aria-invalid={a.invalid()}
                        aria-describedby={a.describedBy}
                        onInput={(e) => setForm('title', e.currentTarget.value)}
                      />
                    )}
                  </Field>
                  <div class="cf-grid">
                    <div class="cf-field">
                      <Check switch label={tc('editor.rehearsal')} paths={['rehearsal']} checked={form.rehearsal} onChange={(v) => setForm('rehearsal', v)} />
                      <small class="cf-hint">{tc('editor.rehearsalHint')}</small>
                    </div>
                    <div class="cf-field">
                      <Check switch label={tc('editor.excludeAdult')} paths={['excludeAdult']} checked={form.excludeAdult} onChange={(v) => setForm('excludeAdult', v)} />
                      <small class="cf-hint">{tc('editor.excludeAdultHint')}</small>
                    </div>
                    <NumberField label={tc('editor.baseScore')} paths={['baseScore']} unit={tc('editor.points')} min={0} max={100000} value={form.baseScore} onChange={(v) => setForm('baseScore', v)} />
                    <Field label={tc('editor.region')} paths={['regionCode']} hint={tc('editor.regionHint')}>
                      {(a) => (
                        <select id={a.id} value={form.regionCode} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => setForm('regionCode', e.currentTarget.value)}>
                          <option value="">{tc('editor.regionNone')}</option>
                          <For each={cities() ?? []}>{(c) => <option value={c.code} selected={c.code === form.regionCode}>{c.name}</option>}</For>
                          <Show when={form.regionCode && cities() && !cities()!.some((c) => c.code === form.regionCode)}>
                            <option value={form.regionCode} selected>{form.regionCode}</option>
                          </Show>
                        </select>
                      )}
                    </Field>
                  </div>
                  <fieldset class="cf-group">
                    <legend>{tc('editor.audience')}</legend>
                    <div class="cf-grid">
                      <NumberField label={tc('editor.pointsPerCorrect')} paths={['audience.pointsPerCorrect']} unit={tc('editor.points')} min={1} max={10000} value={form.audience.pointsPerCorrect} onChange={(v) => setForm('audience', 'pointsPerCorrect', v)} />
                      <NumberField
                        label={tc('editor.speedBonusMax')}
                        paths={['audience.speedBonusMax']}
                        unit={tc('editor.points')}
                        hint={tc('editor.speedBonusHint')}
                        min={0}
                        max={10000}
                        value={form.audience.speedBonusMax}
                        onChange={(v) => setForm('audience', 'speedBonusMax', v)}
                      />
                      <NumberField label={tc('editor.leaderboardSize')} paths={['audience.leaderboardSize']} unit={tc('editor.people')} min={1} max={500} value={form.audience.leaderboardSize} onChange={(v) => setForm('audience', 'leaderboardSize', v)} />
                    </div>
                  </fieldset>
                </section>

                <TeamsSection
                  form={form}
                  counties={counties() ?? []}
                  teamLabel={teamLabel}
                  onName={(i, v) => setForm('teams', i, 'name', v)}
                  onMembers={(i, v) => setForm('teams', i, 'members', v)}
                  onCounty={(i, v) => setForm('teams', i, 'county', v)}
                  onMove={(i, by) => move('teams', i, by)}
                  onRemove={removeTeam}
                  onAdd={addTeam}
                  onImport={importTeams}
                  onFromCampaign={teamsFromCampaign}
                  campaigns={campaignList() ?? []}
                  notice={teamNotice()}
                  problems={teamProblems()}
                />

                <section class="admin-card cf-section" aria-labelledby="cf-rounds">
                  <h2 id="cf-rounds">{tc('rounds.title')}</h2>
                  <ListError path="rounds$" />
                  <Show when={sets() && setList().length === 0}>
                    <p class="notice error">
                      <A href="/admin/sets/new">{tc('rounds.noSets')}</A>{' '}
                      <button type="button" class="button small" onClick={() => void refetchSets()}>
                        ↻
                      </button>
                    </p>
                  </Show>
                  <ol class="cf-rounds">
                    <Index each={form.rounds}>
                      {(round, i) => (
                        <li>
                          <fieldset class="cf-round" data-kind={round().kind}>
                            <legend>
                              {tc('rounds.number', { n: i + 1 })} · {tc(`kind.${round().kind}`)}
                            </legend>
                            <div class="cf-round-head">
                              <Field label={tc('rounds.kind')} paths={[`rounds.${i}.kind`]} class="cf-kind">
                                {(a) => (
                                  <select id={a.id} value={round().kind} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => changeKind(i, e.currentTarget.value as Kind)}>
                                    <For each={KINDS}>{(k) => <option value={k}>{tc(`kind.${k}`)}</option>}</For>
                                  </select>
                                )}
                              </Field>
                              <Field label={tc('rounds.name')} paths={[`rounds.${i}.title`, `rounds.${i}.id`]} class="cf-grow" blank={() => (round().title.trim() ? undefined : tc('rounds.nameRequired'))}>
                                {(a) => (
                                  <input id={a.id} value={round().title} maxlength={40} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onInput={(e) => setForm('rounds', i, 'title', e.currentTarget.value)} />
                                )}
                              </Field>
                              <Show when={round().kind !== 'judged'}>
                                <Field label={tc('rounds.set')} paths={[`rounds.${i}.setId`, `rounds.${i}.questions`]} class="cf-grow" blank={() => (round().setId ? undefined : tc('rounds.setRequired'))}>
                                  {(a) => (
                                    <select id={a.id} value={round().setId} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => setForm('rounds', i, 'setId', e.currentTarget.value)}>
                                      <option value="">{tc('rounds.setNone')}</option>
                                      <For each={setList()}>{(s) => <option value={s.id} selected={s.id === round().setId}>{tc('rounds.setSize', { name: s.name, n: s.size })}</option>}</For>
                                    </select>
                                  )}
                                </Field>
                              </Show>
                              <div class="cf-round-tools">
                                <button type="button" class="icon-button" aria-label={tc('rounds.up', { n: i + 1 })} disabled={i === 0} onClick={() => move('rounds', i, -1)}>
                                  ↑
                                </button>
                                <button type="button" class="icon-button" aria-label={tc('rounds.down', { n: i + 1 })} disabled={i === form.rounds.length - 1} onClick={() => move('rounds', i, 1)}>
                                  ↓
                                </button>
                                <button
                                  type="button"
                                  class="icon-button"
                                  aria-label={tc('rounds.remove', { n: i + 1 })}
                                  disabled={form.rounds.length <= 1}
                                  onClick={() => removeRound(i)}
                                >
                                  ×
                                </button>
                              </div>
                            </div>
                            <p class="cf-hint">{tc(`kindHint.${round().kind}`)}</p>
                            <RoundRules
                              round={round()}
                              index={i}
                              teams={form.teams}
                              teamName={teamName}
                              set={(key, value) => setForm('rounds', i, key, value as never)}
                              onAddJudge={() => addJudge(i)}
                              onJudgeName={(j, v) => setForm('rounds', i, 'judges', j, 'name', v)}
                              onRemoveJudge={(j) => {
                                setError(null);
                                setForm('rounds', i, 'judges', (l) => l.filter((_, k) => k !== j));
                              }}
                            />
                          </fieldset>
                        </li>
                      )}
                    </Index>
                  </ol>
                  <button type="button" class="button small" disabled={form.rounds.length >= 30} onClick={addRound}>
                    ＋ {tc('rounds.add')}
                  </button>
                </section>
              </fieldset>

              <div class="cf-savebar">
                <Show when={error()}>
                  {(err) => (
                    <div class="cf-save-error" tabindex="-1">
                      <ErrorNotice error={err()} />
                      <Show when={unplaced().length > 0}>
                        <p>{tc('editor.otherIssues')}</p>
                        <ul>
                          <For each={unplaced()}>
                            {(issue) => (
                              <li>
                                <code>{issue.path}</code> {issue.message}
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </div>
                  )}
                </Show>
                <Show when={notice()}>
                  {(m) => (
                    <p class="notice ok" role="status">
                      {tc(m())}
                    </p>
                  )}
                </Show>
                <button type="submit" class="button primary" disabled={saving() || locked()}>
                  {saving() ? tc('editor.saving') : isNew() ? tc('editor.create') : tc('editor.save')}
                </button>
              </div>
            </form>
          </FieldCtx.Provider>
          <Show
            when={detail()}
            fallback={
              <aside class="admin-card cf-links cf-pending" aria-labelledby="cf-links-title">
                <h2 id="cf-links-title">{tc('links.title')}</h2>
                <div class="cf-pin-box" aria-hidden="true">
                  <span class="cf-pin-label">{tc('links.pin')}</span>
                  <strong class="cf-pin-placeholder">— — — — — —</strong>
                </div>
                <p>{tc('links.pending')}</p>
                <p class="cf-hint">{tc('links.pendingSteps')}</p>
              </aside>
            }
          >
            {(d) => <LinksPanel detail={d()} onReset={resetRehearsal} />}
          </Show>
        </div>
      </Show>
    </section>
  );
}

function TeamsSection(props: {
  form: Form;
  counties: RegionRow[];
  teamLabel: (i: number) => string;
  onName: (i: number, v: string) => void;
  onMembers: (i: number, v: string) => void;
  onCounty: (i: number, v: string) => void;
  onMove: (i: number, by: number) => void;
  onRemove: (i: number) => void;
  onAdd: () => void;
  onImport: (file: File) => void;
  onFromCampaign: (campaignId: string, perCounty: number) => void;
  campaigns: { id: string; title: string }[];
  notice: string | null;
  problems: { row: number | null; column: string | null; message: string }[];
}) {
  const [campaignId, setCampaignId] = createSignal('');
  const [perCounty, setPerCounty] = createSignal(1);
  return (
    <section class="admin-card cf-section" aria-labelledby="cf-teams">
      <h2 id="cf-teams">{tc('teams.title', { n: props.form.teams.length })}</h2>
      <ListError path="teams$" />
      <div class="cf-team-head" aria-hidden="true">
        <span>#</span>
        <span>{tc('teams.name')}</span>
        <span>{tc('teams.members')}</span>
        <span>{tc('teams.county')}</span>
        <span />
      </div>
      <ol class="cf-teams">
        <Index each={props.form.teams}>
          {(team, i) => (
            <li class="cf-team">
              <span class="cf-team-no" aria-hidden="true">
                {i + 1}
              </span>
              <Field hideLabel label={`${props.teamLabel(i)} ${tc('teams.name')}`} paths={[`teams.${i}.name`, `teams.${i}.id`]} blank={() => (team().name.trim() ? undefined : tc('teams.nameRequired'))}>
                {(a) => (
                  <input
                    id={a.id}
                    value={team().name}
                    maxlength={30}
                    placeholder={tc('teams.namePlaceholder')}
                    aria-invalid={a.invalid()}
                    aria-describedby={a.describedBy}
                    onInput={(e) => props.onName(i, e.currentTarget.value)}
                  />
                )}
              </Field>
              <Field hideLabel label={`${props.teamLabel(i)} ${tc('teams.members')}`} paths={[`teams.${i}.members`]}>
                {(a) => (
                  <input
                    id={a.id}
                    value={team().members}
                    placeholder={tc('teams.membersPlaceholder')}
                    aria-invalid={a.invalid()}
                    aria-describedby={a.describedBy}
                    onInput={(e) => props.onMembers(i, e.currentTarget.value)}
                  />
                )}
              </Field>
              <Field hideLabel label={`${props.teamLabel(i)} ${tc('teams.county')}`} paths={[`teams.${i}.county`]}>
                {(a) => (
                  <select id={a.id} value={team().county} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => props.onCounty(i, e.currentTarget.value)}>
                    <option value="">{tc('teams.countyNone')}</option>
                    <For each={props.counties}>{(c) => <option value={c.code} selected={c.code === team().county}>{c.name}</option>}</For>
                    <Show when={team().county && !props.counties.some((c) => c.code === team().county)}>
                      <option value={team().county} selected>{team().county}</option>
                    </Show>
                  </select>
                )}
              </Field>
              <div class="cf-row-tools">
                <button type="button" class="icon-button" aria-label={tc('teams.up', { n: i + 1 })} disabled={i === 0} onClick={() => props.onMove(i, -1)}>
                  ↑
                </button>
                <button type="button" class="icon-button" aria-label={tc('teams.down', { n: i + 1 })} disabled={i === props.form.teams.length - 1} onClick={() => props.onMove(i, 1)}>
                  ↓
                </button>
                <button type="button" class="icon-button" aria-label={tc('teams.remove', { n: i + 1 })} disabled={props.form.teams.length <= 2} onClick={() => props.onRemove(i)}>
                  ×
                </button>
              </div>
            </li>
          )}
        </Index>
      </ol>
      <button type="button" class="button small" disabled={props.form.teams.length >= 16} onClick={() => props.onAdd()}>
        ＋ {tc('teams.add')}
      </button>
      <div class="cf-team-sources">
        <label class="file-input">
          {tc('teams.import')}
          <input
            type="file"
            accept=".xlsx,.csv"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) props.onImport(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <span class="muted small">{tc('teams.importHint')}</span>
        <Show when={props.campaigns.length > 0}>
          <div class="row">
            <select aria-label={tc('teams.campaign')} value={campaignId()} onChange={(e) => setCampaignId(e.currentTarget.value)}>
              <option value="">{tc('teams.fromCampaign')}</option>
              <For each={props.campaigns}>{(c) => <option value={c.id} selected={c.id === campaignId()}>{c.title}</option>}</For>
            </select>
            <label class="chip">
              {tc('teams.perCounty')}
              <input type="number" min={1} max={16} value={perCounty()} style={{ width: '64px' }} onInput={(e) => setPerCounty(Number(e.currentTarget.value) || 1)} />
            </label>
            <button type="button" class="button small" disabled={!campaignId()} onClick={() => props.onFromCampaign(campaignId(), perCounty())}>
              {tc('teams.pick')}
            </button>
          </div>
        </Show>
        <Show when={props.notice}>
          {(m) => (
            <p class="notice" classList={{ error: props.problems.length > 0 }} role="status">
              {m()}
            </p>
          )}
        </Show>
        <Show when={props.problems.length > 0}>
          <ul class="cf-problems">
            <For each={props.problems}>
              {(p) => (
                <li>
                  {p.row === null ? '' : `${tc('teams.importRow', { row: p.row })} `}
                  {p.column ? `${p.column}：` : ''}
                  {p.message}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </section>
  );
}

type RoundKey = keyof RoundForm;

/** The rules of one round, by kind, in the organizer's units (seconds, points). */
function RoundRules(props: {
  round: RoundForm;
  index: number;
  teams: TeamForm[];
  teamName: (t: TeamForm, i: number) => string;
  set: (key: RoundKey, value: unknown) => void;
  onAddJudge: () => void;
  onJudgeName: (j: number, v: string) => void;
  onRemoveJudge: (j: number) => void;
}) {
  const p = (key: string) => `rounds.${props.index}.${key}`;
  const numField = (label: ContestKey, key: RoundKey, path: string, extra: Partial<Parameters<typeof NumberField>[0]> = {}) => (
    <NumberField label={tc(label)} paths={[p(path)]} value={props.round[key] as string} onChange={(v) => props.set(key, v)} {...extra} />
  );
  const seconds = (label: ContestKey, key: RoundKey, path: string, range: readonly [number, number], hint?: string) =>
    numField(label, key, path, { unit: tc('editor.seconds'), min: range[0], max: range[1], seconds: range, hint });
  const points = (label: ContestKey, key: RoundKey, path: string, sign: 1 | -1, extra: Partial<Parameters<typeof NumberField>[0]> = {}) =>
    numField(label, key, path, { unit: tc('editor.points'), min: sign > 0 ? 0 : -1000, max: sign > 0 ? 1000 : 0, ...extra });
  const buzzTiming = () => (
    <>
      <Field label={tc('rule.answerMode')} paths={[p('answerMode')]}>
        {(a) => (
          <select id={a.id} value={props.round.answerMode} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => props.set('answerMode', e.currentTarget.value)}>
            <option value="oral">{tc('rule.answerMode.oral')}</option>
            <option value="device">{tc('rule.answerMode.device')}</option>
          </select>
        )}
      </Field>
      {seconds('rule.buzzWindow', 'buzzWindowSec', 'buzzWindowMs', SECONDS.short, tc('rule.buzzWindowHint'))}
      {seconds('rule.answerTime', 'answerTimeSec', 'answerTimeMs', SECONDS.short)}
    </>
  );
  // The audience's default window: the answer time, or buzz window plus answer time when teams buzz.
  const roundSeconds = () => {
    const r = props.round;
    const n = r.kind === 'buzzer' || r.kind === 'tiebreak' ? Number(r.buzzWindowSec) + Number(r.answerTimeSec) : Number(r.timeLimitSec);
    return Number.isFinite(n) ? n : '—';
  };
  const audience = () => (
    <div class="cf-audience">
      <Check label={tc('rounds.audience')} paths={[p('audience')]} checked={props.round.audience} onChange={(v) => props.set('audience', v)} />
      <Show when={props.round.audience}>
        <NumberField
          label={tc('rounds.audienceTime')}
          paths={[p('audienceTimeMs')]}
          unit={tc('editor.seconds')}
          min={SECONDS.audience[0]}
          max={SECONDS.audience[1]}
          seconds={SECONDS.audience}
          hint={tc('rounds.audienceTimeHint', { n: roundSeconds() })}
          placeholder={String(roundSeconds())}
          value={props.round.audienceTimeSec}
          onChange={(v) => props.set('audienceTimeSec', v)}
          optional
        />
      </Show>
    </div>
  );
  return (
    <div class="cf-rules" aria-label={tc('rounds.rules')} role="group">
      <Switch>
        <Match when={props.round.kind === 'compulsory'}>
          <div class="cf-grid">
            {seconds('rule.timeLimit', 'timeLimitSec', 'timeLimitMs', SECONDS.time)}
            {points('rule.correct', 'correctPoints', 'correctPoints', 1)}
            {points('rule.wrong', 'wrongPoints', 'wrongPoints', -1, { hint: tc('rule.penaltyHint') })}
          </div>
          {audience()}
        </Match>
        <Match when={props.round.kind === 'buzzer'}>
          <div class="cf-grid">
            {buzzTiming()}
            {points('rule.correct', 'correctPoints', 'correctPoints', 1)}
            {points('rule.wrongBuzz', 'wrongPoints', 'wrongPoints', -1, { hint: tc('rule.penaltyHint') })}
            {points('rule.timeout', 'timeoutPoints', 'timeoutPoints', -1)}
            {points('rule.falseStart', 'falseStartPoints', 'falseStartPoints', -1)}
            {numField('rule.rebounds', 'rebounds', 'rebounds', { min: 0, max: 15, hint: tc('rule.reboundsHint') })}
            <Show when={Number(props.round.rebounds) > 0}>
              {points('rule.reboundCorrect', 'reboundCorrectPoints', 'reboundCorrectPoints', 1, { placeholder: tc('rule.reboundDefault'), optional: true })}
              {points('rule.reboundWrong', 'reboundWrongPoints', 'reboundWrongPoints', -1, { placeholder: tc('rule.reboundDefault'), optional: true })}
            </Show>
          </div>
          <Check label={tc('rule.falseStartForfeits')} paths={[p('falseStartForfeits')]} checked={props.round.falseStartForfeits} onChange={(v) => props.set('falseStartForfeits', v)} />
          {audience()}
        </Match>
        <Match when={props.round.kind === 'risk'}>
          <div class="cf-grid">
            <Field label={tc('rule.stakes')} paths={[p('stakes')]} hint={tc('rule.stakesHint')} unit={tc('editor.points')} blank={() => (splitList(props.round.stakes).length ? undefined : tc('rule.stakesRequired'))}>
              {(a) => (
                <input id={a.id} value={props.round.stakes} inputmode="numeric" aria-invalid={a.invalid()} aria-describedby={a.describedBy} onInput={(e) => props.set('stakes', e.currentTarget.value)} />
              )}
            </Field>
            <Field label={tc('rule.pickOrder')} paths={[p('pickOrder')]}>
              {(a) => (
                <select id={a.id} value={props.round.pickOrder} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => props.set('pickOrder', e.currentTarget.value)}>
                  <option value="lowest-first">{tc('rule.pickOrder.lowest-first')}</option>
                  <option value="highest-first">{tc('rule.pickOrder.highest-first')}</option>
                </select>
              )}
            </Field>
            {seconds('rule.stakeTime', 'stakeTimeSec', 'stakeTimeMs', SECONDS.short)}
            {seconds('rule.timeLimit', 'timeLimitSec', 'timeLimitMs', SECONDS.time)}
          </div>
          <Check label={tc('rule.allowPass')} paths={[p('allowPass')]} checked={props.round.allowPass} onChange={(v) => props.set('allowPass', v)} />
          {audience()}
        </Match>
        <Match when={props.round.kind === 'tiebreak'}>
          <div class="cf-grid">
            {buzzTiming()}
            {numField('rule.places', 'places', 'places', { min: 1, max: 100, hint: tc('rule.placesHint'), placeholder: tc('rule.placesAll'), optional: true })}
          </div>
          {audience()}
        </Match>
        <Match when={props.round.kind === 'judged'}>
          <fieldset class="cf-group">
            <legend>{tc('rule.judges')}</legend>
            <ol class="cf-judges">
              <Index each={props.round.judges}>
                {(judge, j) => (
                  <li>
                    <Field hideLabel label={tc('rule.judgeName', { n: j + 1 })} paths={[p(`judges.${j}`)]} class="cf-grow" blank={() => (judge().name.trim() ? undefined : tc('rule.judgeNameRequired'))}>
                      {(a) => (
                        <input id={a.id} value={judge().name} maxlength={30} placeholder={tc('rule.judgeName', { n: j + 1 })} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onInput={(e) => props.onJudgeName(j, e.currentTarget.value)} />
                      )}
                    </Field>
                    <button type="button" class="icon-button" aria-label={tc('rule.removeJudge', { n: j + 1 })} disabled={props.round.judges.length <= 1} onClick={() => props.onRemoveJudge(j)}>
                      ×
                    </button>
                  </li>
                )}
              </Index>
            </ol>
            <ListError path={p('judges$')} />
            <small class="cf-hint">{tc('rule.judgesHint')}</small>
            <button type="button" class="button small" disabled={props.round.judges.length >= 30} onClick={() => props.onAddJudge()}>
              ＋ {tc('rule.addJudge')}
            </button>
          </fieldset>
          <div class="cf-grid">
            <Field label={tc('rule.aggregate')} paths={[p('aggregate')]} hint={tc('rule.aggregateHint')}>
              {(a) => (
                <select id={a.id} value={props.round.aggregate} aria-invalid={a.invalid()} aria-describedby={a.describedBy} onChange={(e) => props.set('aggregate', e.currentTarget.value)}>
                  <option value="mean">{tc('rule.aggregate.mean')}</option>
                  <option value="trimmed-mean">{tc('rule.aggregate.trimmed-mean')}</option>
                </select>
              )}
            </Field>
            {numField('rule.minScore', 'minScore', 'minScore', { step: 'any' })}
            {numField('rule.maxScore', 'maxScore', 'maxScore', { step: 'any' })}
            {numField('rule.weight', 'weight', 'weight', { step: 'any', min: 0, max: 100, hint: tc('rule.weightHint') })}
          </div>
          <Performers {...{ round: props.round, teams: props.teams, teamName: props.teamName, path: p('teams'), set: (v: string[] | null) => props.set('performers', v) }} />
        </Match>
      </Switch>
    </div>
  );
}

/** Errors about a list as a whole (too few or too many teams, rounds, judges): `path$` matches only that path. */
function ListError(props: { path: string }) {
  const ctx = useContext(FieldCtx)!;
  ctx.claim([props.path]);
  const m = () => ctx.message([props.path]);
  return (
    <Show when={m()}>
      {(msg) => (
        <p class="field-error" role="alert">
          {msg()}
        </p>
      )}
    </Show>
  );
}

function Performers(props: { round: RoundForm; teams: TeamForm[]; teamName: (t: TeamForm, i: number) => string; path: string; set: (v: string[] | null) => void }) {
  const ctx = useContext(FieldCtx)!;
  ctx.claim([props.path]);
  const message = () => ctx.message([props.path]);
  const chosen = (id: string) => props.round.performers === null || props.round.performers.includes(id);
  const toggle = (id: string, on: boolean) => {
    const current = props.round.performers ?? props.teams.map((t) => t.id);
    const next = on ? [...current, id] : current.filter((x) => x !== id);
    const all = props.teams.every((t) => next.includes(t.id));
    props.set(all ? null : props.teams.map((t) => t.id).filter((x) => next.includes(x)));
  };
  return (
    <fieldset class="cf-group">
      <legend>{tc('rule.performers')}</legend>
      <div class="row">
        <For each={props.teams}>
          {(t, i) => (
            <label class="chip">
              <input type="checkbox" checked={chosen(t.id)} aria-invalid={Boolean(message())} onChange={(e) => toggle(t.id, e.currentTarget.checked)} />
              {props.teamName(t, i())}
            </label>
          )}
        </For>
      </div>
      <Show when={message()}>{(m) => <span class="field-error">{m()}</span>}</Show>
    </fieldset>
  );
}
