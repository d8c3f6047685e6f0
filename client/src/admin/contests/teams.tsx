import { createSignal, For, Index, Show } from 'solid-js';
import { tc } from '../../i18n/contests';
import type { RegionRow } from '../../lib/api';
import { Field, ListError } from '../../ui/form';
import type { Form } from './model';

/** The teams of a contest: typed in row by row, imported from a spreadsheet, or picked from a campaign's best. */
export function TeamsSection(props: {
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
