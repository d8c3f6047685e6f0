import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Index, on, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import type { ContestDetail } from '../../../../shared/contest/draft';
import type { AppError } from '../../../../shared/protocol/result';
import { ErrorNotice } from '../../components/error-notice';
import { tc, type ContestKey } from '../../i18n/contests';
import { api, type RegionRow } from '../../lib/api';
import { contestsApi } from '../../lib/contests-api';
import { Check, createFieldErrors, Field, FieldErrorsProvider, ListError, NumberField } from '../../ui/form';
import { LinksPanel } from './links';
import { allJudgeIds, blankForm, blankRound, fromDraft, KINDS, nextId, toDraft, type Form, type Kind, type TeamForm } from './model';
import { RoundRules } from './rounds';
import { TeamsSection } from './teams';
import './contests.css';

const enc = encodeURIComponent;

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
    const r = await contestsApi.get(id);
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

  // Each issue of the last save is shown by the field whose path it names; the rest are listed by the save button.
  const fields = createFieldErrors(() => error()?.issues ?? []);
  const unplaced = fields.unplaced;

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    if (saving()) return;
    setNotice(null);
    setSaving(true);
    const draft = toDraft(form);
    const r = isNew()
      ? await contestsApi.create(draft)
      : await contestsApi.update(params.id, draft);
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
    const r = await contestsApi.reset(params.id);
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
    const r = await contestsApi.importTeams(file, form.regionCode);
    if (!r.ok) {
      setTeamNotice(r.error.message);
      return setTeamProblems(r.error.problems ?? []);
    }
    fillTeams(r.data);
  };
  const teamsFromCampaign = async (campaignId: string, perCounty: number) => {
    setTeamNotice(null);
    setTeamProblems([]);
    const r = await contestsApi.teamsFromCampaign(campaignId, perCounty);
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
          <FieldErrorsProvider errors={fields}>
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
          </FieldErrorsProvider>
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
