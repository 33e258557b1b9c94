import type { IPFamily } from '../types.js';

/** `IPv6` when the address contains a colon, else `IPv4` (addresses here are always IP literals). */
export function ipFamilyOf(ip: string): IPFamily {
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}
