/**
 * Why a phone cannot open an address the server put in a link or QR code, or null when it may.
 * - `loopback`: localhost / 127.x / ::1 is the phone itself, not the server;
 * - `unspecified`: 0.0.0.0 / :: is where a server listens, not an address anyone can visit;
 * - `link-local`: 169.254.x / fe80:: exists only on one cable or Wi-Fi link without a DHCP server;
 * - `single-label`: a bare computer name ("meeting-pc") that phones' DNS does not resolve.
 * Private LAN addresses (192.168.x and the like) are fine: phones on the hall's Wi-Fi reach them.
 */
export type Unreachable = 'loopback' | 'unspecified' | 'link-local' | 'single-label';

export function unreachableFromPhone(url: string): Unreachable | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = host.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1') return 'loopback';
  if (host === '0.0.0.0' || host === '::') return 'unspecified';
  if (/^169\.254\.\d+\.\d+$/.test(host) || /^fe[89ab][0-9a-f]:/.test(host)) return 'link-local';
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':');
  if (!isIp && !host.includes('.')) return 'single-label';
  return null;
}

/**
 * The start-up advice about `PUBLIC_URL`, or null when links will work: unset, the links use whatever address
 * the organizer's browser used (often localhost on the laptop running the server); set to an unreachable
 * address, every QR code is wrong. `lanAddresses` are this machine's IPv4 addresses on its networks, offered as
 * the value to set.
 */
export function publicUrlAdvice(publicUrl: string | undefined, port: number, lanAddresses: readonly string[]): string | null {
  const example = lanAddresses.length ? lanAddresses.map((a) => `http://${a}:${port}`).join(' or ') : `http://<this computer's address on the hall network>:${port}`;
  if (!publicUrl) {
    return (
      `PUBLIC_URL is not set: campaign links, QR codes and device links use the address the organizer's browser opened, ` +
      `and if that is localhost (127.0.0.1) no phone can open them. Set PUBLIC_URL to the address phones reach this server at, ` +
      `e.g. PUBLIC_URL=${example} npm start, or your public https:// domain.`
    );
  }
  const problem = unreachableFromPhone(publicUrl);
  if (!problem) return null;
  return `PUBLIC_URL=${publicUrl} is ${REASONS_EN[problem]}: phones cannot open the links and QR codes made from it. Set it to the address phones reach this server at, e.g. PUBLIC_URL=${example}.`;
}

const REASONS_EN: Record<Unreachable, string> = {
  loopback: 'a loopback address (it means the phone itself)',
  unspecified: 'a listening address, not one anyone can visit',
  'link-local': 'a link-local address',
  'single-label': 'a bare computer name that phones cannot look up',
};
