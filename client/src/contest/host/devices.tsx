import { createSignal, For, Show } from 'solid-js';
import type { ContestDetail } from '../../../../shared/contest/draft';
import type { DeviceStatus, HostView } from '../../../../shared/contest/views';
import type { AppError } from '../../../../shared/protocol/result';
import { locale } from '../../i18n';
import { contestsApi } from '../../lib/contests-api';
import { ts } from '../../i18n/stage';
import { teamName } from '../stage/format';

const time = (at: number) => new Date(at).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/**
 * Every team device, judge and screen with online/offline state and since when, before and during
 * the contest; a team's or judge's link can be re-issued here (the old one stops working at once).
 */
export function DevicesPanel(props: { view: HostView; detail: ContestDetail }) {
  const [issued, setIssued] = createSignal<{ name: string; url: string } | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const name = (d: DeviceStatus) => {
    if (d.kind === 'team') return teamName(props.view, d.id);
    if (d.kind === 'judge') return props.detail.links.judges.find((j) => j.judgeId === d.id)?.name ?? d.id;
    return ts('host.devices.screen');
  };
  const reissue = async (d: DeviceStatus) => {
    if (d.kind === 'screen' || !window.confirm(ts('host.devices.reissueConfirm', { name: name(d) }))) return;
    const r = await contestsApi.reissue(props.detail.id, d.kind, d.id);
    if (!r.ok) return setError(r.error);
    setError(null);
    setIssued({ name: name(d), url: r.data.url });
  };
  return (
    <section class="host-card host-devices" aria-label={ts('host.devices')}>
      <h2>{ts('host.devices')}</h2>
      <table class="host-table compact">
        <tbody>
          <For each={props.view.devices ?? []}>
            {(d) => (
              <tr data-device={`${d.kind}:${d.id}`} data-online={d.online ? 'yes' : 'no'}>
                <th scope="row">
                  <small class="host-muted">{ts(d.kind === 'team' ? 'host.devices.team' : d.kind === 'judge' ? 'host.devices.judge' : 'host.devices.screen')}</small> {d.kind === 'screen' ? '' : name(d)}
                </th>
                <td classList={{ ok: d.online, bad: !d.online && d.since !== null }}>
                  {d.online ? `● ${ts('host.devices.online')}${d.count > 1 ? ` ×${d.count}` : ''}` : d.since === null ? ts('host.devices.never') : `○ ${ts('host.devices.offline')}`}
                  <Show when={d.since !== null}>
                    <small class="host-muted"> {ts('host.devices.since', { time: time(d.since!) })}</small>
                  </Show>
                </td>
                <td>
                  <Show when={d.kind !== 'screen'}>
                    <button type="button" class="host-btn small" data-reissue={`${d.kind}:${d.id}`} onClick={() => void reissue(d)}>
                      {ts('host.devices.reissue')}
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={issued()}>
        {(i) => (
          <p class="host-ok" role="status">
            {ts('host.devices.newLink', { name: i().name })} <code data-new-link>{i().url}</code>
          </p>
        )}
      </Show>
      <Show when={error()}>{(e) => <p class="host-error" role="alert">{e().message}</p>}</Show>
    </section>
  );
}
