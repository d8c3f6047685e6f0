import QRCode from 'qrcode';
import { createResource, Show } from 'solid-js';
import { ts } from '../i18n-stage';

/** The audience join QR code, drawn as inline SVG from the page's own origin. */
export function JoinQr(props: { url: string; class?: string }) {
  const [svg] = createResource(
    () => props.url,
    (url) => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#0b3d2e', light: '#ffffff' } }).catch(() => ''),
  );
  return (
    <div class={`join-qr ${props.class ?? ''}`} role="img" aria-label={ts('stage.qrAlt', { url: props.url })}>
      <Show when={svg()}>{(s) => <div class="join-qr-svg" innerHTML={s()} />}</Show>
    </div>
  );
}
