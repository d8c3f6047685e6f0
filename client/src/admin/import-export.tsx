import { createSignal, For, Show } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { api, type ImportProblem } from '../lib/api';
import { ta } from './i18n';

/** Spreadsheet import (all or nothing, problems by row and column), template and export downloads. */
export default function ImportExport() {
  const [file, setFile] = createSignal<File | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<number | null>(null);
  const [problems, setProblems] = createSignal<ImportProblem[]>([]);
  const [error, setError] = createSignal<{ code: string; message: string } | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = file();
    if (!f) return;
    setBusy(true);
    setDone(null);
    setProblems([]);
    setError(null);
    const r = await api.importBank(f);
    setBusy(false);
    if (r.ok) return setDone(r.data.imported);
    setError(r.error);
    setProblems(r.error.problems ?? []);
  };

  return (
    <section>
      <h1>{ta('import.title')}</h1>
      <div class="admin-card">
        <p>{ta('import.body')}</p>
        <p>
          <a class="button" href={api.templateUrl}>
            {ta('import.template')}
          </a>
        </p>
        <form class="row" onSubmit={submit}>
          <label class="file-input">
            {ta('import.file')}
            <input type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
          <button type="submit" class="button primary" disabled={!file() || busy()}>
            {ta('import.submit')}
          </button>
        </form>
        <Show when={done() !== null}>
          <p class="notice ok" role="status">
            {ta('import.done', { n: done()! })}
          </p>
        </Show>
        <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
        <Show when={problems().length > 0}>
          <table class="admin-table problems">
            <tbody>
              <For each={problems()}>
                {(p) => (
                  <tr>
                    <td>{p.row === null ? '—' : ta('import.row', { row: p.row })}</td>
                    <td>{p.column ?? '—'}</td>
                    <td>{p.message}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </div>
      <h2>{ta('import.exportTitle')}</h2>
      <div class="admin-card row">
        <a class="button" href={api.exportUrl('xlsx')}>
          {ta('import.exportXlsx')}
        </a>
        <a class="button" href={api.exportUrl('csv')}>
          {ta('import.exportCsv')}
        </a>
      </div>
    </section>
  );
}
