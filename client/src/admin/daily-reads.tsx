import { createEffect, createResource, For, on, Show } from 'solid-js';
import { ErrorNotice } from '../components/error-notice';
import { dailyApi, type DailyPushRow } from '../lib/daily-api';
import { locale } from '../i18n';
import { ta } from '../i18n/admin';

/**
 * 每日一学 reads per county of a campaign: the statistics page's dates when set, else the last 7 China days (the
 * server's default), with the total. An organizer sees the counties of their own region. Refreshes with `tick`.
 */
export function DailyReads(props: { campaignId: string; from?: string; to?: string; tick: number }) {
  const [reads, { refetch }] = createResource(
    () => ({ id: props.campaignId, from: props.from, to: props.to }),
    (k) => dailyApi.reads(k.id, k.from, k.to),
  );
  createEffect(on(() => props.tick, () => void refetch(), { defer: true }));
  const n = (v: number) => v.toLocaleString(locale());
  return (
    <section class="admin-card daily-reads" aria-labelledby="daily-reads-title">
      <h2 id="daily-reads-title">{ta('daily.title')}</h2>
      <Show when={reads()?.ok === false && reads()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} onRetry={refetch} />}</Show>
      <Show when={reads.latest?.ok && reads.latest}>
        {(r) => {
          const d = () => (r() as { data: import('../lib/daily-api').DailyReadTable }).data;
          return (
            <>
              <p class="muted small">
                {ta('daily.range', { from: d().from, to: d().to })} · {ta('daily.hint')}
              </p>
              <table class="admin-table">
                <thead>
                  <tr>
                    <th>{ta('stats.col.county')}</th>
                    <th>{ta('daily.col.reads')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().counties}>
                    {(c) => (
                      <tr>
                        <td>{c.name}</td>
                        <td>{n(c.reads)}</td>
                      </tr>
                    )}
                  </For>
                  <Show when={d().unknown !== null}>
                    <tr>
                      <td>{ta('daily.unknown')}</td>
                      <td>{n(d().unknown ?? 0)}</td>
                    </tr>
                  </Show>
                  <tr class="total">
                    <td>{ta('daily.total')}</td>
                    <td>{n(d().total)}</td>
                  </tr>
                </tbody>
              </table>
            </>
          );
        }}
      </Show>
    </section>
  );
}

/** The card's pushes of a campaign, newest first: day, item, channel, status, recipients reached. Refreshes with `tick`. */
export function DailyPushes(props: { campaignId: string; tick: number }) {
  const [pushes, { refetch }] = createResource(() => props.campaignId, (id) => dailyApi.pushes(id));
  createEffect(on(() => props.tick, () => void refetch(), { defer: true }));
  const n = (v: number) => v.toLocaleString(locale());
  return (
    <section class="admin-card daily-pushes" aria-labelledby="daily-pushes-title">
      <h2 id="daily-pushes-title">{ta('daily.push.title')}</h2>
      <p class="muted small">{ta('daily.push.hint')}</p>
      <Show when={pushes()?.ok === false && pushes()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} onRetry={refetch} />}</Show>
      <Show when={pushes.latest?.ok && (pushes.latest as { data: DailyPushRow[] }).data}>
        {(rows) => (
          <Show when={rows().length > 0} fallback={<p class="muted">{ta('daily.push.none')}</p>}>
            <table class="admin-table daily-pushes">
              <thead>
                <tr>
                  <th>{ta('daily.push.col.day')}</th>
                  <th>{ta('daily.push.col.item')}</th>
                  <th>{ta('daily.push.col.channel')}</th>
                  <th>{ta('daily.push.col.status')}</th>
                  <th>{ta('daily.push.col.delivered')}</th>
                  <th>{ta('daily.push.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(p) => (
                    <tr classList={{ failed: p.status === 'failed' }}>
                      <td>{p.day}</td>
                      <td>{p.item}</td>
                      <td>{p.channel === 'log' || p.channel === 'webhook' ? ta(`daily.push.channel.${p.channel}`) : p.channel}</td>
                      <td>{p.status === 'failed' ? ta('daily.push.status.failed', { n: p.attempts }) : ta(`daily.push.status.${p.status}`)}</td>
                      <td>{p.delivered === null ? ta('daily.push.unknown') : n(p.delivered)}</td>
                      <td class="detail">{p.detail}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Show>
    </section>
  );
}
