import { createResource, createSignal, For, Show } from 'solid-js';
import type { AppError } from '../../../../shared/protocol/result';
import { tc } from '../../i18n/contests';
import { contestsApi } from '../../lib/contests-api';

/**
 * Which host accounts may run this contest (organizers and admins only: for anyone else the list is
 * refused and nothing shows). A host sees, and can drive, only the contests assigned here.
 */
export function ContestHosts(props: { contestId: string }) {
  const [hosts] = createResource(() => props.contestId, contestsApi.hosts);
  const [picked, setPicked] = createSignal<Set<string> | null>(null);
  const [status, setStatus] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const rows = () => {
    const h = hosts();
    return h?.ok ? h.data : null;
  };
  const chosen = () => picked() ?? new Set((rows() ?? []).filter((h) => h.assigned).map((h) => h.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
    setStatus(null);
  };
  const save = async () => {
    const r = await contestsApi.assignHosts(props.contestId, [...chosen()]);
    if (!r.ok) return setError(r.error);
    setError(null);
    setStatus(tc('hosts.saved'));
  };
  return (
    <Show when={rows()}>
      {(list) => (
        <section class="cf-hosts" aria-labelledby="cf-hosts-title" data-testid="contest-hosts">
          <h3 id="cf-hosts-title">{tc('hosts.title')}</h3>
          <p class="cf-hint">{tc('hosts.hint')}</p>
          <Show when={list().length} fallback={<p class="cf-hint">{tc('hosts.none')}</p>}>
            <ul class="cf-host-list">
              <For each={list()}>
                {(h) => (
                  <li>
                    <label>
                      <input type="checkbox" checked={chosen().has(h.id)} onChange={(e) => toggle(h.id, e.currentTarget.checked)} /> {h.displayName} <small>({h.username}{h.disabled ? ` · ${tc('hosts.disabled')}` : ''})</small>
                    </label>
                  </li>
                )}
              </For>
            </ul>
            <button type="button" class="button" onClick={() => void save()}>
              {tc('hosts.save')}
            </button>
            <Show when={status()}>{(s) => <span role="status"> {s()}</span>}</Show>
          </Show>
          <Show when={error()}>{(e) => <p role="alert">{e().message}</p>}</Show>
        </section>
      )}
    </Show>
  );
}
