import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { ContestDetail } from '../../../../shared/contest/draft';
import { ReachWarning } from '../../components/reach-warning';
import { tc } from '../../i18n/contests';
import { Qr } from '../../ui/qr';
import { ContestHosts } from './hosts';

const enc = encodeURIComponent;

/** One device link: its QR code, address, and a copy button. */
function LinkCard(props: { name: string; hint?: string; url: string; kind: string }) {
  const [copied, setCopied] = createSignal<'ok' | 'failed' | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.url);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
    clearTimeout(timer);
    timer = setTimeout(() => setCopied(null), 2500);
  };
  return (
    <li class={`cf-link ${props.kind}`}>
      <Qr class="cf-qr" url={props.url} label={tc('links.qr', { name: props.name })} />
      <div class="cf-link-body">
        <strong class="cf-link-name">{props.name}</strong>
        <Show when={props.hint}>
          <small class="cf-hint">{props.hint}</small>
        </Show>
        <a class="cf-link-url" href={props.url} target="_blank" rel="noopener" aria-label={tc('links.urlLabel', { name: props.name })}>
          {props.url}
        </a>
        <div class="cf-link-actions">
          <button type="button" class="button small" aria-label={tc('links.copyLabel', { name: props.name })} onClick={copy}>
            {copied() === 'ok' ? tc('links.copied') : tc('links.copy')}
          </button>
          <Show when={copied() === 'failed'}>
            <span class="field-error" role="status">
              {tc('links.copyFailed')}
            </span>
          </Show>
        </div>
      </div>
    </li>
  );
}

/** After saving: the PIN, the host and export buttons, rehearsal reset, and every device link with its QR code. */
export function LinksPanel(props: { detail: ContestDetail; onReset: () => Promise<void> }) {
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const id = () => enc(props.detail.id);
  return (
    <aside class="admin-card cf-links" aria-labelledby="cf-links-title">
      <h2 id="cf-links-title">{tc('links.title')}</h2>
      <ReachWarning url={props.detail.links.audience} />
      <div class="cf-pin-box">
        <span class="cf-pin-label">{tc('links.pin')}</span>
        <strong class="cf-pin" aria-label={`${tc('links.pin')} ${props.detail.pin.split('').join(' ')}`} data-pin={props.detail.pin}>
          {props.detail.pin}
        </strong>
        <small class="cf-hint">{tc('links.pinHint')}</small>
        <div class="cf-pin-status">
          <span class={`cf-badge ${props.detail.status}`}>{tc(`status.${props.detail.status}`)}</span>
          <Show when={props.detail.rehearsal}>
            <span class="cf-badge rehearsal">{tc('rehearsal.badge')}</span>
          </Show>
        </div>
      </div>
      <div class="cf-actions">
        <a class="button primary" href={`/host/${id()}`} target="_blank" rel="noopener">
          {tc('links.openHost')}
        </a>
        <a class="button" href={`/api/contests/${id()}/export.xlsx`} download="">
          {tc('links.export')}
        </a>
        <button type="button" class="button" onClick={() => window.print()}>
          {tc('links.print')}
        </button>
        <Show when={props.detail.rehearsal}>
          <button type="button" class="button danger" aria-expanded={confirming()} onClick={() => setConfirming(true)}>
            {tc('reset.button')}
          </button>
        </Show>
      </div>
      <ContestHosts contestId={props.detail.id} />
      <Show when={confirming()}>
        <div class="cf-confirm" role="alertdialog" aria-labelledby="cf-confirm-title" aria-describedby="cf-confirm-body">
          <strong id="cf-confirm-title">{tc('reset.confirmTitle')}</strong>
          <p id="cf-confirm-body">{tc('reset.confirmBody')}</p>
          <div class="row">
            <button
              type="button"
              class="button danger"
              disabled={busy()}
              onClick={async () => {
                setBusy(true);
                await props.onReset();
                setBusy(false);
                setConfirming(false);
              }}
            >
              {tc('reset.confirm')}
            </button>
            <button type="button" class="button" ref={(el) => queueMicrotask(() => el.focus())} onClick={() => setConfirming(false)}>
              {tc('reset.cancel')}
            </button>
          </div>
        </div>
      </Show>
      <ul class="cf-link-list">
        <LinkCard kind="host" name={tc('links.host')} hint={tc('links.hostHint')} url={props.detail.links.host} />
        <LinkCard kind="screen" name={tc('links.screen')} hint={tc('links.screenHint')} url={props.detail.links.screen} />
        <LinkCard kind="overlay" name={tc('links.overlay')} hint={tc('links.overlayHint')} url={props.detail.links.overlay} />
        <LinkCard kind="audience" name={tc('links.audience')} hint={tc('links.audienceHint')} url={props.detail.links.audience} />
      </ul>
      <h3>{tc('links.teams')}</h3>
      <ul class="cf-link-list">
        <For each={props.detail.links.teams}>{(t) => <LinkCard kind="team" name={tc('links.team', { name: t.name })} hint={tc('links.teamHint')} url={t.url} />}</For>
      </ul>
      <Show when={props.detail.links.judges.length > 0}>
        <h3>{tc('links.judges')}</h3>
        <ul class="cf-link-list">
          <For each={props.detail.links.judges}>{(j) => <LinkCard kind="judge" name={tc('links.judge', { name: j.name })} hint={tc('links.judgeHint')} url={j.url} />}</For>
        </ul>
      </Show>
    </aside>
  );
}
