import { createResource, createSignal, For, Show } from 'solid-js';
import type { AppError } from '../../../shared/result';
import { locale } from '../i18n';
import { request } from '../lib/api';

interface HostRow {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  assigned: boolean;
}

const TEXT = {
  'zh-CN': { title: '主持人', hint: '只有勾选的主持人账号能看到本场的设备链接并主持比赛。', none: '还没有主持人账号（在“账号”中创建）。', save: '保存主持人', saved: '已保存', disabled: '已停用' },
  en: { title: 'Hosts', hint: 'Only the host accounts ticked here see this contest’s device links and can run it.', none: 'There are no host accounts yet (create one under Accounts).', save: 'Save hosts', saved: 'Saved', disabled: 'disabled' },
} as const;

/**
 * Which host accounts may run this contest (organizers and admins only: for anyone else the list is
 * refused and nothing shows). A host sees, and can drive, only the contests assigned here.
 */
export function ContestHosts(props: { contestId: string }) {
  const t = () => TEXT[locale() === 'en' ? 'en' : 'zh-CN'];
  const url = () => `/contests/${encodeURIComponent(props.contestId)}/hosts`;
  const [hosts] = createResource(url, (u) => request<HostRow[]>(u));
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
    const r = await request<{ userIds: string[] }>(url(), { method: 'PUT', json: { userIds: [...chosen()] } });
    if (!r.ok) return setError(r.error);
    setError(null);
    setStatus(t().saved);
  };
  return (
    <Show when={rows()}>
      {(list) => (
        <section class="cf-hosts" aria-labelledby="cf-hosts-title" data-testid="contest-hosts">
          <h3 id="cf-hosts-title">{t().title}</h3>
          <p class="cf-hint">{t().hint}</p>
          <Show when={list().length} fallback={<p class="cf-hint">{t().none}</p>}>
            <ul class="cf-host-list">
              <For each={list()}>
                {(h) => (
                  <li>
                    <label>
                      <input type="checkbox" checked={chosen().has(h.id)} onChange={(e) => toggle(h.id, e.currentTarget.checked)} /> {h.displayName} <small>({h.username}{h.disabled ? ` · ${t().disabled}` : ''})</small>
                    </label>
                  </li>
                )}
              </For>
            </ul>
            <button type="button" class="button" onClick={() => void save()}>
              {t().save}
            </button>
            <Show when={status()}>{(s) => <span role="status"> {s()}</span>}</Show>
          </Show>
          <Show when={error()}>{(e) => <p role="alert">{e().message}</p>}</Show>
        </section>
      )}
    </Show>
  );
}
