import { createEffect, createResource, createSignal, For, on, Show, untrack } from 'solid-js';
import type { CampaignDrill, TallyRow } from '../../../shared/region/tallies';
import { ErrorNotice } from '../components/error-notice';
import { api } from '../lib/api';
import { locale } from '../i18n';
import { avg, pct } from './format';
import { ta } from '../i18n/admin';


/**
 * A campaign's tallies one level at a time: the organizer's region, then a click on a city, county or township
 * shows the level below it, with the guides of the region ranked by residents bound. Refreshes with `tick`.
 */
export function RegionDrill(props: { campaignId: string; tick: number }) {
  // The region the server starts from (the organizer's), and the regions clicked into below it.
  const [root, setRoot] = createSignal<{ code: string; name: string } | null>(null);
  const [path, setPath] = createSignal<{ code: string; name: string }[]>([]);
  const [data, { refetch }] = createResource(
    () => ({ id: props.campaignId, region: path().at(-1)?.code }),
    (k) => api.campaignDrill(k.id, k.region),
  );
  createEffect(on(() => props.tick, () => void refetch(), { defer: true }));
  // The tallies of the region the breadcrumb names: while the next level loads, the previous level's rows are
  // not shown under the new name.
  const current = (): CampaignDrill | null => {
    const r = data.latest;
    if (!r?.ok) return null;
    const want = (path().at(-1) ?? root())?.code;
    return want === undefined || r.data.region === want ? r.data : null;
  };
  // Without a region the server answers for the organizer's own: that answer names the root.
  createEffect(() => {
    const r = data.latest;
    if (r?.ok && !data.loading && path().length === 0 && untrack(root)?.code !== r.data.region) setRoot({ code: r.data.region, name: r.data.total.name });
  });
  const deeper = () => current()?.childLevel !== 'village';
  const open = (row: TallyRow) => setPath([...path(), { code: row.code, name: row.name }]);
  const back = (depth: number) => setPath(path().slice(0, depth));
  const hasTargets = () => (current()?.rows ?? []).some((r) => r.target !== null);
  const n = (v: number) => v.toLocaleString(locale());

  return (
    <section class="admin-card region-drill" aria-labelledby="drill-title" aria-busy={data.loading}>
      <h2 id="drill-title">{ta('drill.title')}</h2>
      <p class="muted small">{ta('drill.hint')}</p>
      <nav class="drill-path" aria-label={ta('drill.path')}>
        <ol>
          <Show when={root()}>
            {(r) => (
              <li>
                <Show when={path().length > 0} fallback={<strong aria-current="page">{r().name}</strong>}>
                  <button type="button" class="link-button" onClick={() => back(0)}>
                    {r().name}
                  </button>
                </Show>
              </li>
            )}
          </Show>
          <For each={path()}>
            {(p, i) => (
              <li>
                <Show when={i() < path().length - 1} fallback={<strong aria-current="page">{p.name}</strong>}>
                  <button type="button" class="link-button" onClick={() => back(i() + 1)}>
                    {p.name}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </nav>
      <Show when={data()?.ok === false && data()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} onRetry={refetch} />}</Show>
      <Show when={current()}>
        {(d) => (
          <>
            <table class="admin-table">
              <thead>
                <tr>
                  <th>{ta('stats.col.rank')}</th>
                  <th>{ta(`drill.level.${d().childLevel}`)}</th>
                  <th>{ta('stats.col.participants')}</th>
                  <th>{ta('stats.col.submitters')}</th>
                  <th>{ta('stats.col.attempts')}</th>
                  <th>{ta('stats.col.average')}</th>
                  <th>{ta('stats.col.pass')}</th>
                  <Show when={hasTargets()}>
                    <th>{ta('stats.col.target')}</th>
                    <th>{ta('stats.col.rate')}</th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={d().rows}>
                  {(r) => (
                    <tr>
                      <td>{r.rank}</td>
                      <td>
                        <Show when={deeper()} fallback={r.name}>
                          <button type="button" class="link-button" aria-label={ta('drill.open', { name: r.name })} onClick={() => open(r)}>
                            {r.name}
                          </button>
                        </Show>
                      </td>
                      <td>{n(r.participants)}</td>
                      <td>{n(r.submitters)}</td>
                      <td>{n(r.attempts)}</td>
                      <td>{avg(r.averageScore)}</td>
                      <td>{pct(r.passRate)}</td>
                      <Show when={hasTargets()}>
                        <td>{r.target ?? '—'}</td>
                        <td>{pct(r.rate)}</td>
                      </Show>
                    </tr>
                  )}
                </For>
                <tr class="total">
                  <td />
                  <td>{ta('drill.total')}</td>
                  <td>{n(d().total.participants)}</td>
                  <td>{n(d().total.submitters)}</td>
                  <td>{n(d().total.attempts)}</td>
                  <td>{avg(d().total.averageScore)}</td>
                  <td>{pct(d().total.passRate)}</td>
                  <Show when={hasTargets()}>
                    <td />
                    <td />
                  </Show>
                </tr>
              </tbody>
            </table>
            <h3>{ta('drill.guides', { region: d().total.name })}</h3>
            <Show when={d().guides.length > 0} fallback={<p class="empty">{ta('drill.noGuides')}</p>}>
              <table class="admin-table">
                <thead>
                  <tr>
                    <th>{ta('stats.col.rank')}</th>
                    <th>{ta('guides.col.name')}</th>
                    <th>{ta('guides.col.role')}</th>
                    <th>{ta('guides.col.clinic')}</th>
                    <th>{ta('drill.col.bound')}</th>
                    <th>{ta('stats.col.submitters')}</th>
                    <th>{ta('stats.col.average')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().guides}>
                    {(g) => (
                      <tr>
                        <td>{g.rank}</td>
                        <td>{g.name}</td>
                        <td>{ta(`role.${g.role}`)}</td>
                        <td>{g.clinic || '—'}</td>
                        <td>{n(g.participants)}</td>
                        <td>{n(g.submitters)}</td>
                        <td>{avg(g.averageScore)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
