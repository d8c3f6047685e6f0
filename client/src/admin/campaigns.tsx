import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { ErrorNotice } from '../components/error-notice';
import { Notice } from '../components/notice';
import { ReachWarning } from '../components/reach-warning';
import { api, type CampaignSettings, type RegionRow } from '../lib/api';
import { locale } from '../i18n';
import { ta } from '../i18n/admin';
import { issueAt } from '../ui/field-issues';
import { difficultyLabel, topicIds, topicLabel, typeLabel } from './labels';
import { Table } from '../ui/table';

type Err = { code: string; message: string; issues?: { path: string; message: string }[] };
const fmt = (ms: number) => new Date(ms).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });

/** All campaigns, newest first. */
export function CampaignList() {
  const [list, { refetch }] = createResource(api.listCampaigns);
  return (
    <section>
      <div class="admin-head">
        <h1>{ta('camp.title')}</h1>
        <A class="button primary" href="/admin/campaigns/new">
          {ta('camp.new')}
        </A>
      </div>
      <Show when={list()?.ok === false && list()}>{(r) => <ErrorNotice error={(r() as { error: Err }).error} onRetry={refetch} />}</Show>
      <Show when={list()?.ok && list()}>
        {(r) => {
          const rows = () => (r() as { data: import('../lib/api').CampaignRow[] }).data;
          return (
            <Show when={rows().length} fallback={<p class="empty">{ta('camp.empty')}</p>}>
              <Table
                rows={rows()}
                columns={[
                  { cell: (c) => <A href={`/admin/campaigns/${c.id}`}>{c.title}</A> },
                  { cell: (c) => ta(`camp.status.${c.status}`) },
                  {
                    cell: (c) => (
                      <>
                        {fmt(c.startsAt)} – {fmt(c.endsAt)}
                      </>
                    ),
                  },
                  { cell: (c) => <A href={`/admin/campaigns/${c.id}/stats`}>{ta('camp.stats')}</A> },
                ]}
              />
            </Show>
          );
        }}
      </Show>
    </section>
  );
}

const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
};
const fromLocalInput = (v: string) => new Date(v).getTime();

function defaults(): CampaignSettings {
  const start = new Date();
  start.setMinutes(0, 0, 0);
  return {
    title: '',
    description: '',
    startsAt: start.getTime(),
    endsAt: start.getTime() + 30 * 24 * 3600 * 1000,
    regionCode: '',
    mix: [{ count: 10 }],
    timeLimitSec: 600,
    attemptsPerDay: 2,
    attemptsTotal: 10,
    counting: 'best',
    passMark: 60,
    showExplanations: true,
    excludeAdult: false,
    reveal: 'after-end',
    minSecondsPerQuestion: 2,
    fields: { name: false, phone: false, team: false },
    targets: {},
  };
}

/** Create or edit a campaign's rules; publish it; its link, QR code and board. */
export function CampaignEditor() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const isNew = () => params.id === 'new';
  const [s, setS] = createStore<CampaignSettings>(defaults());
  const [status, setStatus] = createSignal<string>('draft');
  const [city, setCity] = createSignal('');
  const [link, setLink] = createSignal('');
  const [error, setError] = createSignal<Err | null>(null);
  const [notice, setNotice] = createSignal<{ kind: 'ok' | 'warn'; text: string } | null>(null);

  createResource(
    () => (isNew() ? null : params.id),
    async (id) => {
      const r = await api.getCampaign(id);
      if (r.ok) {
        setS({ ...defaults(), ...r.data.settings });
        // The scope is a city or one of its counties; the city picker shows the city either way.
        const region = await api.region(r.data.settings.regionCode);
        setCity(region.ok && region.data.level === 'county' && region.data.parentCode ? region.data.parentCode : r.data.settings.regionCode);
        setStatus(r.data.status);
        setLink(r.data.link);
      } else setError(r.error);
      return r;
    },
  );
  // Regions: every city of every province, and the counties of the chosen one (for targets).
  const [cities] = createResource(async () => {
    const top = await api.regions();
    if (!top.ok) return [] as RegionRow[];
    const lists = await Promise.all(top.data.map((p) => api.regions(p.code)));
    return lists.flatMap((l) => (l.ok ? l.data : []));
  });
  const [cityCounties] = createResource(
    () => city() || null,
    async (code) => {
      const r = await api.regions(code);
      return r.ok ? r.data.filter((x) => x.level === 'county') : [];
    },
  );
  /** The counties in scope: all of the city's, or the one chosen. */
  const counties = () => (cityCounties() ?? []).filter((c) => s.regionCode === city() || c.code === s.regionCode);
  const chooseCity = (code: string) => {
    setCity(code);
    setS('regionCode', code);
  };
  const [sets] = createResource(api.listSets);
  const total = () => s.mix.reduce((n, m) => n + (Number(m.count) || 0), 0);
  const fieldError = (path: string) => issueAt(error(), path);

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setNotice(null);
    const body: CampaignSettings = JSON.parse(JSON.stringify(s));
    if (!body.setId) delete body.setId;
    const r = isNew() ? await api.createCampaign(body) : await api.updateCampaign(params.id, body);
    if (!r.ok) return setError(r.error);
    setError(null);
    setNotice(r.data.warning ? { kind: 'warn', text: ta('camp.warning', r.data.warning) } : { kind: 'ok', text: ta('camp.saved') });
    if (isNew()) navigate(`/admin/campaigns/${r.data.id}`, { replace: true });
  };
  const act = async (action: 'publish' | 'unpublish' | 'archive') => {
    const r = await api.campaignAction(params.id, action);
    if (!r.ok) return setError(r.error);
    setError(null);
    setStatus(r.data.status);
  };

  return (
    <section>
      <div class="admin-head">
        <h1>
          {isNew() ? ta('camp.new') : s.title} <span class="muted small">{ta(`camp.status.${status()}` as 'camp.status.draft')}</span>
        </h1>
        <Show when={!isNew()}>
          <A href={`/admin/campaigns/${params.id}/stats`}>{ta('camp.stats')}</A>
        </Show>
      </div>
      <div class="editor camp-editor">
        <form class="admin-card editor-form" onSubmit={save} novalidate>
          <label>
            {ta('camp.name')}
            <input value={s.title} maxlength={100} aria-invalid={Boolean(fieldError('title'))} onInput={(e) => setS('title', e.currentTarget.value)} />
            <Show when={fieldError('title')}>{(m) => <span class="field-error">{m()}</span>}</Show>
          </label>
          <label>
            {ta('camp.description')}
            <textarea rows={3} maxlength={2000} value={s.description} aria-invalid={Boolean(fieldError('description'))} onInput={(e) => setS('description', e.currentTarget.value)} />
              <Show when={fieldError('description')}>{(m) => <span class="field-error">{m()}</span>}</Show>
          </label>
          <div class="grid-2">
            <label>
              {ta('camp.starts')}
              <input type="datetime-local" value={toLocalInput(s.startsAt)} onChange={(e) => setS('startsAt', fromLocalInput(e.currentTarget.value))} />
            </label>
            <label>
              {ta('camp.ends')}
              <input type="datetime-local" value={toLocalInput(s.endsAt)} aria-invalid={Boolean(fieldError('endsAt'))} onChange={(e) => setS('endsAt', fromLocalInput(e.currentTarget.value))} />
              <Show when={fieldError('endsAt')}>{(m) => <span class="field-error">{m()}</span>}</Show>
            </label>
            <label>
              {ta('camp.city')}
              <select value={city()} aria-invalid={Boolean(fieldError('regionCode'))} onChange={(e) => chooseCity(e.currentTarget.value)}>
                <option value="">—</option>
                <For each={cities() ?? []}>
                  {(c) => (
                    <option value={c.code} selected={c.code === city()}>
                      {c.name}
                    </option>
                  )}
                </For>
                <Show when={city() && cities() && !cities()!.some((c) => c.code === city())}>
                  <option value={city()} selected>
                    {city()}
                  </option>
                </Show>
              </select>
              <Show when={fieldError('regionCode')}>{(m) => <span class="field-error">{m()}</span>}</Show>
            </label>
            <label>
              {ta('camp.county')}
              <select value={s.regionCode} disabled={!city()} onChange={(e) => setS('regionCode', e.currentTarget.value)}>
                <option value={city()} selected={s.regionCode === city()}>
                  {ta('camp.wholeCity')}
                </option>
                <For each={cityCounties() ?? []}>
                  {(c) => (
                    <option value={c.code} selected={c.code === s.regionCode}>
                      {c.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <label>
              {ta('camp.source')}
              <select value={s.setId ?? ''} onChange={(e) => setS('setId', e.currentTarget.value || undefined)}>
                <option value="">{ta('camp.wholeBank')}</option>
                <For each={(() => { const r = sets(); return r?.ok ? r.data : []; })()}>{(set) => <option value={set.id} selected={set.id === s.setId}>{set.name}</option>}</For>
              </select>
            </label>
          </div>
          <fieldset>
            <legend>
              {ta('camp.mix')} · {ta('camp.perAttempt', { n: total() })}
            </legend>
            <For each={s.mix}>
              {(m, i) => (
                <div class="option-row">
                  <input type="number" min={1} max={100} aria-label={ta('camp.mixCount')} value={m.count} style={{ width: '80px' }} onInput={(e) => setS('mix', i(), 'count', Number(e.currentTarget.value))} />
                  <select aria-label={ta('bank.col.type')} value={m.type ?? ''} onChange={(e) => setS('mix', i(), 'type', (e.currentTarget.value || undefined) as never)}>
                    <option value="">{`${ta('bank.col.type')}：${ta('camp.any')}`}</option>
                    <For each={['single', 'multiple', 'truefalse']}>{(ty) => <option value={ty}>{typeLabel(ty)}</option>}</For>
                  </select>
                  <select aria-label={ta('bank.col.topic')} value={m.topic ?? ''} onChange={(e) => setS('mix', i(), 'topic', (e.currentTarget.value || undefined) as never)}>
                    <option value="">{`${ta('bank.col.topic')}：${ta('camp.any')}`}</option>
                    <For each={topicIds}>{(id) => <option value={id}>{topicLabel(id)}</option>}</For>
                  </select>
                  <select aria-label={ta('bank.col.difficulty')} value={m.difficulty ?? ''} onChange={(e) => setS('mix', i(), 'difficulty', (Number(e.currentTarget.value) || undefined) as never)}>
                    <option value="">{`${ta('bank.col.difficulty')}：${ta('camp.any')}`}</option>
                    <For each={[1, 2, 3]}>{(d) => <option value={d}>{difficultyLabel(d)}</option>}</For>
                  </select>
                  <button type="button" class="icon-button" aria-label={ta('sets.remove')} disabled={s.mix.length <= 1} onClick={() => setS('mix', (l) => l.filter((_, k) => k !== i()))}>
                    ×
                  </button>
                </div>
              )}
            </For>
            <Show when={fieldError('mix')}>{(m) => <span class="field-error">{m()}</span>}</Show>
            <button type="button" class="button small" onClick={() => setS('mix', (l) => [...l, { count: 5 }])}>
              {ta('camp.addMix')}
            </button>
          </fieldset>
          <div class="grid-2">
            <label>
              {ta('camp.timeLimit')}
              <input type="number" min={1} max={180} value={Math.round(s.timeLimitSec / 60)} aria-invalid={Boolean(fieldError('timeLimitSec'))} onInput={(e) => setS('timeLimitSec', Number(e.currentTarget.value) * 60)} />
              <Show when={fieldError('timeLimitSec')}>{(m) => <span class="field-error">{m()}</span>}</Show>
            </label>
            <label>
              {ta('camp.perDay')}
              <input type="number" min={1} max={100} value={s.attemptsPerDay} aria-invalid={Boolean(fieldError('attemptsPerDay'))} onInput={(e) => setS('attemptsPerDay', Number(e.currentTarget.value))} />
              <Show when={fieldError('attemptsPerDay')}>{(m) => <span class="field-error">{m()}</span>}</Show>
            </label>
            <label>
              {ta('camp.total')}
              <input type="number" min={1} max={10000} value={s.attemptsTotal} aria-invalid={Boolean(fieldError('attemptsTotal'))} onInput={(e) => setS('attemptsTotal', Number(e.currentTarget.value))} />
              <Show when={fieldError('attemptsTotal')}>{(m) => <span class="field-error">{m()}</span>}</Show>
            </label>
            <label>
              {ta('camp.counting')}
              <select value={s.counting} onChange={(e) => setS('counting', e.currentTarget.value as 'best' | 'latest')}>
                <option value="best">{ta('camp.best')}</option>
                <option value="latest">{ta('camp.latest')}</option>
              </select>
            </label>
            <label>
              {ta('camp.passMark')}
              <input type="number" min={0} max={100} value={s.passMark} aria-invalid={Boolean(fieldError('passMark'))} onInput={(e) => setS('passMark', Number(e.currentTarget.value))} />
              <Show when={fieldError('passMark')}>{(m) => <span class="field-error">{m()}</span>}</Show>
            </label>
          </div>
          <div class="row">
            <label>
              {ta('camp.reveal')}
              <select
                value={s.reveal ?? (s.showExplanations ? 'after-attempt' : 'never')}
                onChange={(e) => {
                  const reveal = e.currentTarget.value as 'after-attempt' | 'after-end' | 'never';
                  setS('reveal', reveal);
                  setS('showExplanations', reveal !== 'never');
                }}
              >
                <option value="after-attempt">{ta('camp.revealAfterAttempt')}</option>
                <option value="after-end">{ta('camp.revealAfterEnd')}</option>
                <option value="never">{ta('camp.revealNever')}</option>
              </select>
            </label>
            <label>
              {ta('camp.minSeconds')}
              <input type="number" min={0} max={60} step={0.5} value={s.minSecondsPerQuestion ?? 0} onInput={(e) => setS('minSecondsPerQuestion', Number(e.currentTarget.value))} />
            </label>
          </div>
          <label class="chip">
            <input type="checkbox" checked={s.excludeAdult ?? false} onChange={(e) => setS('excludeAdult', e.currentTarget.checked)} />
            {ta('camp.excludeAdult')}
          </label>
          <fieldset class="row">
            <legend>{ta('camp.fields')}</legend>
            <label class="chip">
              <input type="checkbox" checked={s.fields.name} onChange={(e) => setS('fields', 'name', e.currentTarget.checked)} />
              {ta('camp.fieldName')}
            </label>
            <label class="chip">
              <input type="checkbox" checked={s.fields.phone} onChange={(e) => setS('fields', 'phone', e.currentTarget.checked)} />
              {ta('camp.fieldPhone')}
            </label>
            <label class="chip">
              <input type="checkbox" checked={s.fields.team} onChange={(e) => setS('fields', 'team', e.currentTarget.checked)} />
              {ta('camp.fieldTeam')}
            </label>
          </fieldset>
          <Show when={(counties() ?? []).length > 0}>
            <fieldset>
              <legend>{ta('camp.targets')}</legend>
              <div class="grid-2">
                <For each={counties()}>
                  {(c) => (
                    <label>
                      {c.name}
                      <input
                        type="number"
                        min={0}
                        value={s.targets[c.code] ?? ''}
                        onInput={(e) =>
                          setS(
                            produce((d) => {
                              const v = e.currentTarget.value;
                              if (v === '') delete d.targets[c.code];
                              else d.targets[c.code] = Number(v);
                            }),
                          )
                        }
                      />
                    </label>
                  )}
                </For>
              </div>
            </fieldset>
          </Show>
          <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
          <Show when={notice()}>{(n) => <Notice kind={n().kind}>{n().text}</Notice>}</Show>
          <div class="row">
            <button type="submit" class="button primary">
              {ta('camp.save')}
            </button>
            <Show when={!isNew() && status() !== 'published'}>
              <button type="button" class="button" onClick={() => act('publish')}>
                {ta('camp.publish')}
              </button>
            </Show>
            <Show when={!isNew() && status() === 'published'}>
              <button type="button" class="button" onClick={() => act('unpublish')}>
                {ta('camp.unpublish')}
              </button>
            </Show>
            <Show when={!isNew() && status() !== 'archived'}>
              <button type="button" class="button danger" onClick={() => act('archive')}>
                {ta('camp.archive')}
              </button>
            </Show>
          </div>
        </form>
        <Show when={!isNew() && status() !== 'draft'}>
          <aside class="admin-card">
            <h2>{ta('camp.link')}</h2>
            <p class="mono wrap">{link()}</p>
            <ReachWarning url={link()} />
            <img src={`/api/quiz/${encodeURIComponent(params.id)}/qr.svg`} alt={ta('camp.link')} width="240" height="240" />
            <p>
              <a class="button" href={`/board/${params.id}`} target="_blank" rel="noopener">
                {ta('camp.board')}
              </a>
            </p>
          </aside>
        </Show>
      </div>
    </section>
  );
}
