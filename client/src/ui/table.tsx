import { For, Show, type JSX } from 'solid-js';

/** One column of a `Table`: its head, and each row's cell. */
export interface Column<T> {
  /** The column head; a table none of whose columns has one is drawn without a head row. */
  head?: JSX.Element;
  cell: (row: T, index: () => number) => JSX.Element;
  /** Class of every cell of the column. */
  class?: string;
  /** A tooltip for a row's cell. */
  title?: (row: T) => string | undefined;
}

/** The back office's list table (`admin-table`): one row per item, columns described once. */
export function Table<T>(props: { rows: readonly T[]; columns: Column<T>[]; class?: string; rowClass?: (row: T) => Record<string, boolean> }) {
  return (
    <table class={props.class ? `admin-table ${props.class}` : 'admin-table'}>
      <Show when={props.columns.some((c) => c.head !== undefined)}>
        <thead>
          <tr>
            <For each={props.columns}>{(c) => <th scope="col">{c.head}</th>}</For>
          </tr>
        </thead>
      </Show>
      <tbody>
        <For each={props.rows}>
          {(row, i) => (
            <tr classList={props.rowClass?.(row)}>
              <For each={props.columns}>
                {(c) => (
                  <td class={c.class} title={c.title?.(row)}>
                    {c.cell(row, i)}
                  </td>
                )}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
