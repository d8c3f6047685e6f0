import { createResource, createSignal, For, Show } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { api, type ImportProblem } from '../lib/api';
import { guidesApi } from '../lib/guides-api';
import { ImportProblems } from './import-problems';
import { ta } from '../i18n/admin';
import { Table } from '../ui/table';

/**
 * Health guides for an organizer: import them from a spreadsheet (all or nothing, problems by row and column),
 * then each one's own page and, for a chosen campaign, the poster with their personal QR code.
 */
export default function Guides() {
  const [list, { refetch }] = createResource(guidesApi.list);
  const [campaigns] = createResource(api.listCampaigns);
  const published = () => {
    const r = campaigns();
    return r?.ok ? r.data.filter((c) => c.status === 'published') : [];
  };
  const [campaign, setCampaign] = createSignal('');
  const chosen = () => campaign() || published()[0]?.id || '';

  const [file, setFile] = createSignal<File | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<{ added: number; updated: number } | null>(null);
  const [problems, setProblems] = createSignal<ImportProblem[]>([]);
  const [error, setError] = createSignal<{ code: string; message: string } | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = file();
    if (!f) return;
    setBusy(true);
    setDone(null);
    setProblems([]);
    setError(null);
    const r = await guidesApi.importFile(f);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return setProblems(r.error.problems ?? []);
    }
    setDone(r.data);
    form.reset();
    setFile(null);
    void refetch();
  };
  const rows = () => {
    const r = list();
    return r?.ok ? r.data : [];
  };

  return (
    <section>
      <h1>{ta('guides.title')}</h1>
      <p class="muted">{ta('guides.body')}</p>
      <div class="admin-card">
        <h2>{ta('guides.import')}</h2>
        <p>{ta('guides.columns')}</p>
        <form class="row" onSubmit={submit}>
          <label class="file-input">
            {ta('guides.file')}
            <input type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
          <button type="submit" class="button primary" disabled={!file() || busy()}>
            {ta('guides.submit')}
          </button>
        </form>
        <Show when={done()}>
          {(d) => (
            <p class="notice ok" role="status">
              {ta('guides.done', d())}
            </p>
          )}
        </Show>
        <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
        <Show when={problems().length > 0}>
          <p>{ta('guides.problems')}</p>
          <ImportProblems problems={problems()} />
        </Show>
      </div>

      <Show when={list()?.ok === false && list()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} onRetry={refetch} />}</Show>
      <div class="admin-head">
        <h2>{ta('guides.list', { n: rows().length })}</h2>
        <label class="chip">
          {ta('guides.campaign')}
          <select value={chosen()} onChange={(e) => setCampaign(e.currentTarget.value)} disabled={published().length === 0}>
            <Show when={published().length === 0}>
              <option value="">{ta('guides.noCampaign')}</option>
            </Show>
            <For each={published()}>{(c) => <option value={c.id}>{c.title}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={list()?.ok && rows().length === 0}>
        <p class="empty">{ta('guides.empty')}</p>
      </Show>
      <Show when={rows().length > 0}>
        <Table
          class="guides-table"
          rows={rows()}
          columns={[
            { head: ta('guides.col.name'), cell: (g) => g.name },
            { head: ta('guides.col.role'), cell: (g) => ta(`role.${g.role}`) },
            { head: ta('guides.col.clinic'), cell: (g) => g.clinic || '—' },
            { head: ta('guides.col.region'), cell: (g) => g.regionName },
            { head: ta('guides.col.phone'), class: 'mono', cell: (g) => g.phone },
            {
              head: ta('guides.col.links'),
              class: 'row-actions',
              cell: (g) => (
                <>
                  <a class="button small" href={g.pageLink} target="_blank" rel="noopener">
                    {ta('guides.page')}
                  </a>
                  <Show when={chosen()}>
                    <a class="button small" href={`/poster/${encodeURIComponent(g.id)}/${encodeURIComponent(chosen())}`} target="_blank" rel="noopener">
                      {ta('guides.poster')}
                    </a>
                  </Show>
                </>
              ),
            },
          ]}
        />
      </Show>
    </section>
  );
}
