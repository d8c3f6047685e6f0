import type { JSX } from 'solid-js';

/**
 * A message after an action: `ok` (done, green) or `warn` (done, but something needs the reader's
 * attention before the next step, amber with a sign, so a warning never reads as a success). `status` (the
 * default) announces the result of an action; `note` is advice standing beside content, announced with it.
 */
export function Notice(props: { kind: 'ok' | 'warn'; role?: 'status' | 'note'; children: JSX.Element }) {
  return (
    <p class={`notice ${props.kind}`} role={props.role ?? 'status'}>
      {props.kind === 'warn' ? (
        <span class="notice-sign" aria-hidden="true">
          ⚠
        </span>
      ) : null}
      {props.children}
    </p>
  );
}
