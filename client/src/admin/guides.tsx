import { createResource, createSignal, For, Show } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { api, type ImportProblem } from '../lib/api';
import { guidesApi } from '../lib/guides-api';
import { ImportProblems } from './import-problems';
import { tg } from './i18n-guides';

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
      <h1>{tg('guides.title')}</h1>
      <p class="muted">{tg('guides.body')}</p>
      <div class="admin-card">
        <h2>{tg('guides.import')}</h2>
        <p>{tg('guides.columns')}</p>
        <form class="row" onSubmit={submit}>
          <label class="file-input">
            {tg('guides.file')}
            <input type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
          <button type="submit" class="button primary" disabled={!file() || busy()}>
            {tg('guides.submit')}
          </button>
        </form>
        <Show when={done()}>
          {(d) => (
            <p class="notice ok" role="status">
              {tg('guides.done', d())}
            </p>
          )}
        </Show>
        <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
        <Show when={problems().length > 0}>
          <p>{tg('guides.problems')}</p>
          <ImportProblems problems={problems()} />
        </Show>
      </div>

      <Show when={list()?.ok === false && list()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} onRetry={refetch} />}</Show>
      <div class="admin-head">
        <h2>{tg('guides.list', { n: rows().length })}</h2>
        <label class="chip">
          {tg('guides.campaign')}
          <select value={chosen()} onChange={(e) => setCampaign(e.currentTarget.value)} disabled={published().length === 0}>
            <Show when={published().length === 0}>
              <option value="">{tg('guides.noCampaign')}</option>
            </Show>
            <For each={published()}>{(c) => <option value={c.id}>{c.title}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={list()?.ok && rows().length === 0}>
        <p class="empty">{tg('guides.empty')}</p>
      </Show>
      <Show when={rows().length > 0}>
        <table class="admin-table guides-table">
          <thead>
            <tr>
              <th>{tg('guides.col.name')}</th>
              <th>{tg('guides.col.role')}</th>
              <th>{tg('guides.col.clinic')}</th>
              <th>{tg('guides.col.region')}</th>
              <th>{tg('guides.col.phone')}</th>
              <th>{tg('guides.col.links')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(g) => (
                <tr>
                  <td>{g.name}</td>
                  <td>{tg(`role.${g.role}`)}</td>
                  <td>{g.clinic || '—'}</td>
                  <td>{g.regionName}</td>
                  <td class="mono">{g.phone}</td>
                  <td class="row-actions">
                    <a class="button small" href={g.pageLink} target="_blank" rel="noopener">
                      {tg('guides.page')}
                    </a>
                    <Show when={chosen()}>
                      <a class="button small" href={`/poster/${encodeURIComponent(g.id)}/${encodeURIComponent(chosen())}`} target="_blank" rel="noopener">
                        {tg('guides.poster')}
                      </a>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
