import { A, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { periodLastDay } from '../../../shared/region/briefing';
import type { AppError } from '../../../shared/protocol/result';
import { DownloadLink } from '../components/download-link';
import { ErrorNotice } from '../components/error-notice';
import { locale } from '../i18n';
import { briefingsApi, type BriefingKind } from '../lib/briefings-api';
import { BriefingView } from './briefing-view';
import { ta } from '../i18n/admin';
import './briefing.css';

/**
 * 周调度 and 月通报 of a campaign for the organizer's region (or `?region=`): make this week's or this month's,
 * open any kept one, print it on A4 or download it as Excel.
 */
export function Briefings() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ region?: string }>();
  const [list, { refetch }] = createResource(() => ({ id: params.id, region: search.region }), (k) => briefingsApi.list(k.id, k.region));
  const [selected, setSelected] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const kept = () => {
    const r = list();
    return r?.ok ? r.data.briefings : [];
  };
  // The newest is shown until another is picked.
  createEffect(() => {
    if (selected() === null && kept().length) setSelected(kept()[0]!.id);
  });
  const [shown] = createResource(() => selected() ?? undefined, (id) => briefingsApi.get(id));

  const make = async (kind: BriefingKind) => {
    setBusy(true);
    setError(null);
    const r = await briefingsApi.make(params.id, kind, search.region);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setSelected(r.data.id);
    await refetch();
  };
  const day = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString(locale(), { timeZone: 'UTC', month: 'numeric', day: 'numeric' });

  return (
    <section class="briefings-page">
      <div class="admin-head no-print">
        <h1>{ta('brief.title')}</h1>
        <A href={`/admin/campaigns/${params.id}/stats`}>{ta('brief.back')}</A>
      </div>
      <p class="muted no-print">{ta('brief.intro')}</p>
      <div class="filters no-print">
        <button type="button" class="button primary" disabled={busy()} onClick={() => void make('weekly')}>
          {busy() ? ta('brief.making') : ta('brief.make.weekly')}
        </button>
        <button type="button" class="button" disabled={busy()} onClick={() => void make('monthly')}>
          {busy() ? ta('brief.making') : ta('brief.make.monthly')}
        </button>
      </div>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={list()?.ok === false && list()}>{(r) => <ErrorNotice error={(r() as { error: AppError }).error} onRetry={refetch} />}</Show>
      <section class="admin-card no-print" aria-labelledby="kept-title">
        <h2 id="kept-title">{ta('brief.kept')}</h2>
        <Show when={kept().length > 0} fallback={<p class="empty">{ta('brief.none')}</p>}>
          <ul class="briefing-list">
            <For each={kept()}>
              {(k) => (
                <li>
                  <button type="button" class="link-button" aria-current={selected() === k.id ? 'true' : undefined} onClick={() => setSelected(k.id)}>
                    {ta(`brief.kind.${k.kind}`)} {day(k.periodStart)}—{day(periodLastDay(k.periodEnd))}
                  </button>
                  <span class="muted small"> {new Date(k.createdAt).toLocaleString(locale(), { timeZone: 'Asia/Shanghai' })}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <Show when={shown()?.ok === false && shown()}>{(r) => <ErrorNotice error={(r() as { error: AppError }).error} />}</Show>
      <Show when={shown.latest?.ok && selected() ? shown.latest : null}>
        {(r) => (
          <>
            <div class="filters no-print">
              <button type="button" class="button" onClick={() => window.print()}>
                {ta('brief.print')}
              </button>
              <DownloadLink href={briefingsApi.exportUrl(selected()!)}>{ta('brief.export')}</DownloadLink>
            </div>
            <Show when={r().ok && r()}>{(ok) => <BriefingView briefing={(ok() as { data: Parameters<typeof BriefingView>[0]['briefing'] }).data} />}</Show>
          </>
        )}
      </Show>
    </section>
  );
}
