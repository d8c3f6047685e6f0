/**
 * Which proxies in front of the server to believe (`TRUST_PROXY`). Behind nginx every request comes from
 * the proxy's address: without this, every per-address limit is one bucket for the whole city, and the
 * scheme and host the proxy was reached at are unknown. Headers a client sends are believed only as far
 * as they were written by a trusted proxy: a client cannot pick its own address, scheme or host.
 */
import { BlockList, isIP } from 'node:net';

/** `hops`: that many proxies in front, always; `list`: proxies are the addresses (or subnets) listed. */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList };

export const NO_PROXY: TrustProxy = { kind: 'none' };

/**
 * Parses `TRUST_PROXY`: empty for none, a hop count (`1` for one nginx in front), or a comma list of
 * addresses and CIDR subnets (`10.0.0.2, 10.1.0.0/16`). Returns an error message for anything else.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const v = (value ?? '').trim();
  if (v === '' || v === '0' || v === 'false') return NO_PROXY;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 10 ? { kind: 'hops', hops } : 'a hop count is at most 10';
  }
  const list = new BlockList();
  for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [address = '', prefix] = part.split('/');
    const family = isIP(address);
    if (!family) return `"${part}" is neither a hop count nor an IP address or CIDR subnet`;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)) return `"${part}" has a bad prefix length`;
      list.addSubnet(address, bits, type);
    }
  }
  return { kind: 'list', list };
}

const unmapped = (a: string) => (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a);

function trusted(trust: TrustProxy, address: string): boolean {
  if (trust.kind !== 'list') return false;
  const a = unmapped(address);
  const family = isIP(a);
  return family !== 0 && trust.list.check(a, family === 6 ? 'ipv6' : 'ipv4');
}

/** Whether the connection itself comes from a proxy we trust (so its X-Forwarded-* headers count). */
export function fromTrustedProxy(trust: TrustProxy, remote: string | undefined): boolean {
  if (trust.kind === 'none' || !remote) return false;
  return trust.kind === 'hops' ? trust.hops > 0 : trusted(trust, remote);
}

/**
 * The client's address: the socket's peer, or with trusted proxies the entry of X-Forwarded-For they wrote.
 * With a hop count the client is that many entries from the right (each proxy appends its peer); with a list,
 * the rightmost entry that is not itself a trusted proxy.
 */
export function clientAddress(trust: TrustProxy, remote: string | undefined, forwardedFor: string | undefined): string {
  const peer = unmapped(remote ?? 'unknown');
  if (!fromTrustedProxy(trust, remote) || !forwardedFor) return peer;
  const chain = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
  if (chain.length === 0) return peer;
  if (trust.kind === 'hops') {
    // chain = [client, proxy1, …]: the last `hops` hops are ours; what the first of them saw is the client.
    const entry = chain[Math.max(0, chain.length - trust.hops)]!;
    return isIP(unmapped(entry)) ? unmapped(entry) : peer;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const entry = unmapped(chain[i]!);
    if (!isIP(entry)) return peer;
    if (!trusted(trust, entry)) return entry;
  }
  return unmapped(chain[0]!);
}

/** The first value of a header a proxy may have written as a list (`X-Forwarded-Proto: https, http`). */
const first = (v: string | undefined) => v?.split(',')[0]?.trim() || undefined;

/** The scheme the client used: `https` only directly over TLS or as a trusted proxy says. */
export function clientScheme(trust: TrustProxy, remote: string | undefined, urlScheme: string, forwardedProto: string | undefined): 'http' | 'https' {
  if (fromTrustedProxy(trust, remote)) {
    const p = first(forwardedProto);
    if (p === 'https' || p === 'http') return p;
  }
  return urlScheme === 'https' ? 'https' : 'http';
}

/** The host the client asked for: X-Forwarded-Host only from a trusted proxy, else Host. */
export function clientHost(trust: TrustProxy, remote: string | undefined, host: string | undefined, forwardedHost: string | undefined): string | undefined {
  if (fromTrustedProxy(trust, remote)) return first(forwardedHost) ?? host;
  return host;
}
