import { For, Show } from 'solid-js';
import type { Briefing, BriefingRow } from '../../../shared/region/briefing';
import { BRIEFING_ITEM_MIN_ANSWERS, periodLastDay } from '../../../shared/region/briefing';
import { locale } from '../i18n';
import { avg, pct } from './format';
import { ta } from '../i18n/admin';

/** A day as people write it: 2026年11月30日 / 30 Nov 2026. */
function day(d: string): string {
  return new Date(`${d}T00:00:00Z`).toLocaleDateString(locale(), { timeZone: 'UTC', year: 'numeric', month: locale() === 'en' ? 'short' : 'long', day: 'numeric' });
}
const signed = (v: number | null) => (v === null ? '—' : v > 0 ? `+${v.toLocaleString(locale())}` : v.toLocaleString(locale()));

function RankTable(props: { rows: BriefingRow[]; level: string; caption: string }) {
  const n = (v: number) => v.toLocaleString(locale());
  return (
    <table class="admin-table briefing-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th>{ta('brief.col.rank')}</th>
          <th>{props.level}</th>
          <th>{ta('brief.participants')}</th>
          <th>{ta('brief.change')}</th>
          <th>{ta('brief.submitters')}</th>
          <th>{ta('brief.average')}</th>
          <th>{ta('brief.pass')}</th>
          <th>{ta('brief.col.target')}</th>
          <th>{ta('brief.col.rate')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(r) => (
            <tr>
              <td>{r.rank}</td>
              <td>{r.name}</td>
              <td>{n(r.participants)}</td>
              <td>{signed(r.change)}</td>
              <td>{n(r.submitters)}</td>
              <td>{avg(r.averageScore)}</td>
              <td>{pct(r.passRate)}</td>
              <td>{r.target ?? '—'}</td>
              <td>{pct(r.rate)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

/** One briefing, laid out to read on screen and to print on A4. */
export function BriefingView(props: { briefing: Briefing }) {
  const b = () => props.briefing;
  const level = () => ta(`drill.level.${b().childLevel}`);
  const n = (v: number) => v.toLocaleString(locale());
  const tile = (label: string, value: string, change?: number | null) => (
    <div class="stat-tile">
      <span>{label}</span>
      <strong>{value}</strong>
      <Show when={change !== undefined}>
        <small>
          {ta('brief.change')} {signed(change ?? null)}
        </small>
      </Show>
    </div>
  );
  return (
    <article class="briefing" aria-labelledby="briefing-heading">
      <header class="briefing-head">
        <h2 id="briefing-heading">{ta('brief.heading', { region: b().region.name, kind: ta(`brief.kind.${b().kind}`) })}</h2>
        <p class="briefing-campaign">{b().campaignTitle}</p>
        <p class="muted small">
          {ta('brief.period', { from: day(b().periodStart), to: day(periodLastDay(b().periodEnd)) })} · {ta('brief.generated', { at: new Date(b().generatedAt).toLocaleString(locale(), { timeZone: 'Asia/Shanghai' }) })} ·{' '}
          {b().previous ? ta('brief.compare', { from: day(b().previous!.periodStart) }) : ta('brief.first')}
        </p>
      </header>
      <section aria-label={ta('brief.totals')}>
        <h3>{ta('brief.totals')}</h3>
        <div class="stat-tiles">
          {tile(ta('brief.participants'), n(b().totals.participants), b().change?.participants ?? null)}
          {tile(ta('brief.submitters'), n(b().totals.submitters), b().change?.submitters ?? null)}
          {tile(ta('brief.attempts'), n(b().totals.attempts), b().change?.attempts ?? null)}
          {tile(ta('brief.average'), avg(b().totals.averageScore))}
          {tile(ta('brief.pass'), pct(b().totals.passRate))}
        </div>
      </section>
      <section>
        <h3>{ta('brief.ranking', { level: level() })}</h3>
        <RankTable rows={b().ranking} level={level()} caption={ta('brief.ranking', { level: level() })} />
      </section>
      <section>
        <h3>{ta('brief.belowTarget')}</h3>
        <Show when={b().belowTarget.length > 0} fallback={<p class="empty">{ta('brief.belowTarget.none')}</p>}>
          <RankTable rows={b().belowTarget} level={level()} caption={ta('brief.belowTarget')} />
        </Show>
      </section>
      <section>
        <h3>{b().previous ? ta('brief.guides') : ta('brief.guides.first')}</h3>
        <p class="muted small">{ta('brief.guides.of', { n: n(b().guideCount) })}</p>
        <Show when={b().guidesBehind.rows.length > 0} fallback={<p class="empty">{ta('brief.guides.none')}</p>}>
          <table class="admin-table briefing-table">
            <thead>
              <tr>
                <th>{ta('brief.col.name')}</th>
                <th>{ta('brief.col.role')}</th>
                <th>{ta('brief.col.clinic')}</th>
                <th>{ta('brief.col.bound')}</th>
                <th>{ta('brief.change')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={b().guidesBehind.rows}>
                {(g) => (
                  <tr>
                    <td>{g.name}</td>
                    <td>{ta(`role.${g.role}`)}</td>
                    <td>{g.clinic || '—'}</td>
                    <td>{n(g.participants)}</td>
                    <td>{signed(g.change)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <Show when={b().guidesBehind.total > b().guidesBehind.rows.length}>
            <p class="muted small">{ta('brief.guides.more', { n: b().guidesBehind.total - b().guidesBehind.rows.length })}</p>
          </Show>
        </Show>
      </section>
      <section>
        <h3>{ta('brief.items')}</h3>
        <Show when={b().worstItems.length > 0} fallback={<p class="empty">{ta('brief.items.none', { n: BRIEFING_ITEM_MIN_ANSWERS })}</p>}>
          <table class="admin-table briefing-table">
            <thead>
              <tr>
                <th>{ta('brief.col.item')}</th>
                <th>{ta('brief.col.text')}</th>
                <th>{ta('brief.col.answered')}</th>
                <th>{ta('brief.col.accuracy')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={b().worstItems}>
                {(i) => (
                  <tr>
                    <td>{ta('brief.item', { n: i.item })}</td>
                    <td class="briefing-item-text">{i.text}</td>
                    <td>{n(i.answered)}</td>
                    <td>{pct(i.accuracy)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>
    </article>
  );
}
