import { createSignal, Show } from 'solid-js';
import { DownloadLink } from '../components/download-link';
import { ErrorNotice } from '../components/error-notice';
import { api, type ImportProblem } from '../lib/api';
import { ta } from '../i18n/admin';
import { ImportProblems } from './import-problems';

/** Spreadsheet import (all or nothing, problems by row and column), template and export downloads. */
export default function ImportExport() {
  const [file, setFile] = createSignal<File | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<number | null>(null);
  const [problems, setProblems] = createSignal<ImportProblem[]>([]);
  // Editorial rules an imported question breaks: imported anyway, listed so the organizer can revise.
  const [warnings, setWarnings] = createSignal<ImportProblem[]>([]);
  const [error, setError] = createSignal<{ code: string; message: string } | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = file();
    if (!f) return;
    setBusy(true);
    setDone(null);
    setProblems([]);
    setWarnings([]);
    setError(null);
    const r = await api.importBank(f);
    setBusy(false);
    if (r.ok) {
      setWarnings(r.data.warnings ?? []);
      return setDone(r.data.imported);
    }
    setError(r.error);
    setProblems(r.error.problems ?? []);
  };

  return (
    <section>
      <h1>{ta('import.title')}</h1>
      <div class="admin-card">
        <p>{ta('import.body')}</p>
        <p>
          <DownloadLink href={api.templateUrl}>{ta('import.template')}</DownloadLink>
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
        <Show when={warnings().length > 0}>
          <p class="notice" role="status">
            {ta('import.warnings', { n: warnings().length })}
          </p>
          <ImportProblems problems={warnings()} class="warnings" />
        </Show>
        <Show when={error()}>{(err) => <ErrorNotice error={err()} />}</Show>
        <ImportProblems problems={problems()} />
      </div>
      <h2>{ta('import.exportTitle')}</h2>
      <div class="admin-card row">
        <DownloadLink href={api.exportUrl('xlsx')}>{ta('import.exportXlsx')}</DownloadLink>
        <DownloadLink href={api.exportUrl('csv')}>{ta('import.exportCsv')}</DownloadLink>
      </div>
    </section>
  );
}
