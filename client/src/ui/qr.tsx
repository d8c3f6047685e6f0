import QRCode from 'qrcode';
import { createResource } from 'solid-js';

/**
 * A QR code for a link, drawn here as inline SVG by the qrcode library (no request, no third party) and sized by
 * its class: the audience join code on the big screen, the device links of a contest. Screen readers get `label`.
 * A link the library cannot encode leaves the box empty rather than breaking the page.
 */
export function Qr(props: { url: string; label: string; class: string; /** colour of the dark modules */ dark?: string }) {
  const [svg] = createResource(
    () => [props.url, props.dark ?? '#000000'] as const,
    ([url, dark]) => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark, light: '#ffffff' } }).catch(() => ''),
  );
  return <div class={props.class} role="img" aria-label={props.label} innerHTML={svg() ?? ''} />;
}
