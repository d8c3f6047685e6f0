import { A, useParams } from '@solidjs/router';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { DownloadLink } from '../components/download-link';
import { ErrorNotice } from '../components/error-notice';
import { api, type CampaignStats } from '../lib/api';
import { locale } from '../i18n';
import { avg, pct } from './format';
import { ta } from '../i18n/admin';
import { DailyPushes, DailyReads } from './daily-reads';
import { RegionDrill } from './region-drill';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);


/** Participation dashboard: drill-down by region with the guides' ranking, county table and chart, daily trend, most-missed questions; refreshes itself. */
export default function CampaignStatsPage() {
  const params = useParams<{ id: string }>();
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [stats, { refetch }] = createResource(
    () => ({ id: params.id, from: from() || undefined, to: to() || undefined }),
    (k) => api.campaignStats(k.id, k.from, k.to),
  );
  const [tick, setTick] = createSignal(0);
  const timer = setInterval(() => {
    void refetch();
    setTick(tick() + 1);
  }, 10_000);
  onCleanup(() => clearInterval(timer));
  const data = (): CampaignStats | null => {
    const r = stats();
    return r?.ok ? r.data : null;
  };

  let barCanvas!: HTMLCanvasElement;
  let lineCanvas!: HTMLCanvasElement;
  let bar: Chart | undefined;
  let line: Chart | undefined;
  createEffect(() => {
    const d = data();
    if (!d) return;
    const counties = d.counties;
    if (!bar) {
      bar = new Chart(barCanvas, { type: 'bar', data: { labels: [], datasets: [{ label: ta('stats.col.participants'), data: [], backgroundColor: '#1e9e5a' }] }, options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
    }
    bar.data.labels = counties.map((c) => c.name);
    bar.data.datasets[0]!.data = counties.map((c) => c.participants);
    bar.update();
    if (!line) {
      line = new Chart(lineCanvas, {
        type: 'line',
        data: { labels: [], datasets: [
          { label: ta('stats.new'), data: [], borderColor: '#0b6e4f', backgroundColor: '#0b6e4f' },
          { label: ta('stats.active'), data: [], borderColor: '#f5b700', backgroundColor: '#f5b700' },
          { label: ta('stats.attempts'), data: [], borderColor: '#c0392b', backgroundColor: '#c0392b' },
        ] },
        options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      });
    }
    line.data.labels = d.daily.map((x) => x.day);
    line.data.datasets[0]!.data = d.daily.map((x) => x.newParticipants);
    line.data.datasets[1]!.data = d.daily.map((x) => x.activeParticipants);
    line.data.datasets[2]!.data = d.daily.map((x) => x.attempts);
    line.update();
  });
  onCleanup(() => {
    bar?.destroy();
    line?.destroy();
  });

  return (
    <section>
      <div class="admin-head">
        <h1>
          {data()?.title ?? ''} <span class="muted small">{ta('stats.title')}</span>
        </h1>
        <span class="admin-head-links">
          <A href={`/admin/campaigns/${params.id}/briefings`}>{ta('brief.title')}</A>
          <A href={`/admin/campaigns/${params.id}`}>{ta('camp.title')}</A>
        </span>
      </div>
      <div class="filters">
        <label class="chip">
          {ta('stats.from')}
          <input type="date" value={from()} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label class="chip">
          {ta('stats.to')}
          <input type="date" value={to()} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
        <DownloadLink href={api.campaignExportUrl(params.id, from() || undefined, to() || undefined)}>{ta('stats.export')}</DownloadLink>
        <span class="muted small">{ta('stats.refresh')}</span>
      </div>
      <Show when={stats()?.ok === false && stats()}>{(r) => <ErrorNotice error={(r() as { error: { code: string; message: string } }).error} onRetry={refetch} />}</Show>
      <Show when={data()}>
        {(d) => (
          <section class="stat-tiles" aria-label={ta('stats.totals')}>
            <div class="stat-tile">
              <span>{ta('stats.total.participants')}</span>
              <strong>{d().totals.participants.toLocaleString(locale())}</strong>
            </div>
            <div class="stat-tile">
              <span>{ta('stats.total.attempts')}</span>
              <strong>{d().totals.attempts.toLocaleString(locale())}</strong>
            </div>
            <div class="stat-tile">
              <span>{ta('stats.total.average')}</span>
              <strong>{avg(d().totals.averageScore)}</strong>
            </div>
            <div class="stat-tile">
              <span>{ta('stats.total.pass')}</span>
              <strong>{pct(d().totals.passRate)}</strong>
            </div>
          </section>
        )}
      </Show>
      <RegionDrill campaignId={params.id} tick={tick()} />
      <DailyReads campaignId={params.id} from={from() || undefined} to={to() || undefined} tick={tick()} />
      <DailyPushes campaignId={params.id} tick={tick()} />
      <h2>{ta('stats.byCounty')}</h2>
      <table class="admin-table">
        <thead>
          <tr>
            <th>{ta('stats.col.rank')}</th>
            <th>{ta('stats.col.county')}</th>
            <th>{ta('stats.col.participants')}</th>
            <th>{ta('stats.col.submitters')}</th>
            <th>{ta('stats.col.target')}</th>
            <th>{ta('stats.col.rate')}</th>
            <th>{ta('stats.col.attempts')}</th>
            <th>{ta('stats.col.average')}</th>
            <th>{ta('stats.col.pass')}</th>
            <th>{ta('stats.col.full')}</th>
            <th>{ta('stats.col.accuracy')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={data()?.counties ?? []}>
            {(c) => (
              <tr>
                <td>{c.rank}</td>
                <td>{c.name}</td>
                <td>{c.participants}</td>
                <td>{c.submitters}</td>
                <td>{c.target || '—'}</td>
                <td>{pct(c.rate)}</td>
                <td>{c.attempts}</td>
                <td>{avg(c.averageScore)}</td>
                <td>{pct(c.passRate)}</td>
                <td>{pct(c.fullMarksRate)}</td>
                <td>{pct(c.accuracy)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={(data()?.townships.length ?? 0) > 0}>
        <h2>{ta('stats.townships')}</h2>
        <table class="admin-table">
          <thead>
            <tr>
              <th>{ta('stats.col.county')}</th>
              <th>{ta('stats.col.township')}</th>
              <th>{ta('stats.col.participants')}</th>
              <th>{ta('stats.col.submitters')}</th>
              <th>{ta('stats.col.attempts')}</th>
              <th>{ta('stats.col.average')}</th>
              <th>{ta('stats.col.pass')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={data()?.townships ?? []}>
              {(r) => (
                <tr>
                  <td>{r.countyName}</td>
                  <td>{r.name}</td>
                  <td>{r.participants}</td>
                  <td>{r.submitters}</td>
                  <td>{r.attempts}</td>
                  <td>{avg(r.averageScore)}</td>
                  <td>{pct(r.passRate)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={data()?.range}>
        {(range) => (
          <>
            <h2>{ta('stats.range')}</h2>
            <p class="muted small">{ta('stats.rangeNote')}</p>
            <table class="admin-table">
              <thead>
                <tr>
                  <th>{ta('stats.col.county')}</th>
                  <th>{ta('stats.col.new')}</th>
                  <th>{ta('stats.col.activeDays')}</th>
                  <th>{ta('stats.col.rangeAttempts')}</th>
                  <th>{ta('stats.col.rangeAverage')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={range()}>
                  {(r) => (
                    <tr>
                      <td>{r.name}</td>
                      <td>{r.newParticipants}</td>
                      <td>{r.activeDays}</td>
                      <td>{r.attempts}</td>
                      <td>{avg(r.averageScore)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </>
        )}
      </Show>
      <div class="charts">
        <div class="admin-card">
          <h2>{ta('stats.chart')}</h2>
          <div class="chart-box">
            <canvas ref={barCanvas} aria-label={ta('stats.chart')} role="img" />
          </div>
        </div>
        <div class="admin-card">
          <h2>{ta('stats.trend')}</h2>
          <div class="chart-box">
            <canvas ref={lineCanvas} aria-label={ta('stats.trend')} role="img" />
          </div>
        </div>
      </div>
      <h2>{ta('stats.dimensions')}</h2>
      <table class="admin-table">
        <thead>
          <tr>
            <th>{ta('stats.col.dimension')}</th>
            <th>{ta('stats.col.dimAnswered')}</th>
            <th>{ta('stats.col.accuracy')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={data()?.dimensions ?? []}>
            {(d) => (
              <tr>
                <td>{ta(`dim.${d.dimension}`)}</td>
                <td>{d.answered}</td>
                <td>{pct(d.accuracy)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <h2>{ta('stats.hardest')}</h2>
      <Show when={(data()?.hardest.length ?? 0) > 0} fallback={<p class="empty">{ta('stats.none')}</p>}>
        <table class="admin-table">
          <thead>
            <tr>
              <th>{ta('stats.col.stem')}</th>
              <th>{ta('stats.col.answered')}</th>
              <th>{ta('stats.col.accuracy')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={data()?.hardest ?? []}>
              {(q) => (
                <tr>
                  <td>
                    <A href={`/admin/bank/${q.questionId}`}>{q.stem}</A>
                  </td>
                  <td>{q.answered}</td>
                  <td>{pct(q.accuracy)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
