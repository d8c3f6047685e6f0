import { For, Show } from 'solid-js';
import type { HostView } from '../../../../shared/contest/views';
import { ts } from '../../i18n/stage';
import { LETTERS, pct } from '../stage/format';

/** The audience playing along: how many joined and answered, the leaderboard, participation by county. */
export function AudiencePanel(props: { view: HostView; countyName: (code: string | null) => string }) {
  const v = () => props.view;
  const live = () => v().liveAudience;
  const q = () => v().question;
  const maxCount = () => Math.max(1, ...(live()?.optionCounts ?? [0]));
  const counties = () => [...v().counties].sort((a, b) => b.participants - a.participants || a.county.localeCompare(b.county));
  return (
    <section class="host-card host-audience" aria-label={ts('host.audience')}>
      <h2>{ts('host.audience')}</h2>
      <dl class="host-stats">
        <div>
          <dt>{ts('host.joined')}</dt>
          <dd data-testid="audience-joined">{v().audience.joined}</dd>
        </div>
        <div>
          <dt>{ts('host.answeredNow')}</dt>
          <dd>{live()?.answers ?? v().audience.answered}</dd>
        </div>
        <div>
          <dt>{ts('host.correctNow')}</dt>
          <dd>
            <Show when={live()} fallback="—">
              {(l) => (
                <>
                  {l().correct} <small>{pct(l().correct, l().answers)}</small>
                </>
              )}
            </Show>
          </dd>
        </div>
      </dl>
      <Show when={live() && q()}>
        <ul class="host-options">
          <For each={live()!.optionCounts}>
            {(n, i) => (
              <li classList={{ key: q()?.key?.includes(i()) ?? false }}>
                <span>{LETTERS[i()]}</span>
                <span class="host-opt-bar">
                  <span style={{ width: `${(n / maxCount()) * 100}%` }} />
                </span>
                <span class="num">{n}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>{v().leaderboard.length ? ts('host.leaderboard', { n: Math.min(10, v().leaderboard.length) }) : ts('stage.audienceBoard')}</h3>
      <Show when={v().leaderboard.length} fallback={<p class="host-muted">{ts('stage.noAudienceYet')}</p>}>
        <table class="host-table compact">
          <thead>
            <tr>
              <th scope="col">{ts('stage.rank')}</th>
              <th scope="col">{ts('host.col.nickname')}</th>
              <th scope="col">{ts('host.col.county')}</th>
              <th scope="col" class="num">
                {ts('host.col.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={v().leaderboard.slice(0, 10)}>
              {(e) => (
                <tr>
                  <td>{e.rank}</td>
                  <td>{e.nickname}</td>
                  <td>{props.countyName(e.county)}</td>
                  <td class="num">{e.score}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <h3>{ts('host.counties')}</h3>
      <Show when={counties().length} fallback={<p class="host-muted">{ts('stage.noAudienceYet')}</p>}>
        <table class="host-table compact">
          <thead>
            <tr>
              <th scope="col">{ts('host.col.county')}</th>
              <th scope="col" class="num">
                {ts('host.col.participants')}
              </th>
              <th scope="col" class="num">
                {ts('host.col.answers')}
              </th>
              <th scope="col" class="num">
                {ts('host.col.correct')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={counties()}>
              {(c) => (
                <tr>
                  <td>{props.countyName(c.county)}</td>
                  <td class="num">{c.participants}</td>
                  <td class="num">{c.answers}</td>
                  <td class="num">{c.correct}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
