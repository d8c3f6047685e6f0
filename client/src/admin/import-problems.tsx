import { For, Show } from 'solid-js';
import type { ImportProblem } from '../lib/api';
import { ta } from '../i18n/admin';

/** A spreadsheet's problems (or warnings), one line each: row, column, what is wrong. */
export function ImportProblems(props: { problems: ImportProblem[]; class?: string }) {
  return (
    <Show when={props.problems.length > 0}>
      <table class={`admin-table problems ${props.class ?? ''}`}>
        <tbody>
          <For each={props.problems}>
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
  );
}
