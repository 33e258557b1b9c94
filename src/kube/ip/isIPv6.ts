import { canonicalIp } from './canonicalIp.js';

/** True when `text` is an IPv6 address in any valid spelling (IPv4-mapped ones included). */
export function isIPv6(text: string): boolean {
  return canonicalIp(text)?.includes(':') ?? false;
}
