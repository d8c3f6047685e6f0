import { For, Show } from 'solid-js';
import type { Briefing, BriefingRow } from '../../../shared/briefing';
import { BRIEFING_ITEM_MIN_ANSWERS, periodLastDay } from '../../../shared/briefing';
import { locale } from '../i18n';
import { avg, pct } from './format';
import { tb } from './i18n-briefings';
import { tg } from './i18n-guides';

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
          <th>{tb('col.rank')}</th>
          <th>{props.level}</th>
          <th>{tb('participants')}</th>
          <th>{tb('change')}</th>
          <th>{tb('submitters')}</th>
          <th>{tb('average')}</th>
          <th>{tb('pass')}</th>
          <th>{tb('col.target')}</th>
          <th>{tb('col.rate')}</th>
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
  const level = () => tg(`drill.level.${b().childLevel}`);
  const n = (v: number) => v.toLocaleString(locale());
  const tile = (label: string, value: string, change?: number | null) => (
    <div class="stat-tile">
      <span>{label}</span>
      <strong>{value}</strong>
      <Show when={change !== undefined}>
        <small>
          {tb('change')} {signed(change ?? null)}
        </small>
      </Show>
    </div>
  );
  return (
    <article class="briefing" aria-labelledby="briefing-heading">
      <header class="briefing-head">
        <h2 id="briefing-heading">{tb('heading', { region: b().region.name, kind: tb(`kind.${b().kind}`) })}</h2>
        <p class="briefing-campaign">{b().campaignTitle}</p>
        <p class="muted small">
          {tb('period', { from: day(b().periodStart), to: day(periodLastDay(b().periodEnd)) })} · {tb('generated', { at: new Date(b().generatedAt).toLocaleString(locale(), { timeZone: 'Asia/Shanghai' }) })} ·{' '}
          {b().previous ? tb('compare', { from: day(b().previous!.periodStart) }) : tb('first')}
        </p>
      </header>
      <section aria-label={tb('totals')}>
        <h3>{tb('totals')}</h3>
        <div class="stat-tiles">
          {tile(tb('participants'), n(b().totals.participants), b().change?.participants ?? null)}
          {tile(tb('submitters'), n(b().totals.submitters), b().change?.submitters ?? null)}
          {tile(tb('attempts'), n(b().totals.attempts), b().change?.attempts ?? null)}
          {tile(tb('average'), avg(b().totals.averageScore))}
          {tile(tb('pass'), pct(b().totals.passRate))}
        </div>
      </section>
      <section>
        <h3>{tb('ranking', { level: level() })}</h3>
        <RankTable rows={b().ranking} level={level()} caption={tb('ranking', { level: level() })} />
      </section>
      <section>
        <h3>{tb('belowTarget')}</h3>
        <Show when={b().belowTarget.length > 0} fallback={<p class="empty">{tb('belowTarget.none')}</p>}>
          <RankTable rows={b().belowTarget} level={level()} caption={tb('belowTarget')} />
        </Show>
      </section>
      <section>
        <h3>{b().previous ? tb('guides') : tb('guides.first')}</h3>
        <p class="muted small">{tb('guides.of', { n: n(b().guideCount) })}</p>
        <Show when={b().guidesBehind.rows.length > 0} fallback={<p class="empty">{tb('guides.none')}</p>}>
          <table class="admin-table briefing-table">
            <thead>
              <tr>
                <th>{tb('col.name')}</th>
                <th>{tb('col.role')}</th>
                <th>{tb('col.clinic')}</th>
                <th>{tb('col.bound')}</th>
                <th>{tb('change')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={b().guidesBehind.rows}>
                {(g) => (
                  <tr>
                    <td>{g.name}</td>
                    <td>{tg(`role.${g.role}`)}</td>
                    <td>{g.clinic || '—'}</td>
                    <td>{n(g.participants)}</td>
                    <td>{signed(g.change)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <Show when={b().guidesBehind.total > b().guidesBehind.rows.length}>
            <p class="muted small">{tb('guides.more', { n: b().guidesBehind.total - b().guidesBehind.rows.length })}</p>
          </Show>
        </Show>
      </section>
      <section>
        <h3>{tb('items')}</h3>
        <Show when={b().worstItems.length > 0} fallback={<p class="empty">{tb('items.none', { n: BRIEFING_ITEM_MIN_ANSWERS })}</p>}>
          <table class="admin-table briefing-table">
            <thead>
              <tr>
                <th>{tb('col.item')}</th>
                <th>{tb('col.text')}</th>
                <th>{tb('col.answered')}</th>
                <th>{tb('col.accuracy')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={b().worstItems}>
                {(i) => (
                  <tr>
                    <td>{tb('item', { n: i.item })}</td>
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
