import { isIPv4 } from 'node:net';

function ipv4Number(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/**
 * A string key that sorts addresses as people expect: IPv4 numerically (zero-padded hex), before
 * IPv6 in canonical lexical order. Computed once per address, so sorting a large set stays cheap.
 */
export function ipSortKey(ip: string): string {
  return isIPv4(ip) ? `4${ipv4Number(ip).toString(16).padStart(8, '0')}` : `6${ip}`;
}
