import { isIPv4 } from 'node:net';

function ipv4Number(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/**
 * A sort key with the order of compareIp: IPv4 as zero-padded numbers first, then the rest.
 * Computing it once per address keeps sorting a large endpoint set cheap.
 */
export function ipSortKey(ip: string): string {
  return isIPv4(ip) ? `4${ipv4Number(ip).toString(16).padStart(8, '0')}` : `6${ip}`;
}

/** Orders IPv4 numerically before IPv6 (lexical on the canonical form), then anything else. */
export function compareIp(a: string, b: string): number {
  const a4 = isIPv4(a);
  const b4 = isIPv4(b);
  if (a4 && b4) return ipv4Number(a) - ipv4Number(b);
  if (a4 !== b4) return a4 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
