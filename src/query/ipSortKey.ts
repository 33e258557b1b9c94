/** The IPv4 address as a number, or -1 when `ip` is not dotted-quad IPv4. */
function ipv4Number(ip: string): number {
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  return dots === 3 && digits > 0 ? n * 256 + octet : -1;
}

/**
 * A string key that sorts addresses as people expect: IPv4 numerically (zero-padded hex), before
 * IPv6 (and anything else) in canonical lexical order. Computed once per address, in one pass over
 * the characters, so sorting a large set stays cheap.
 */
export function ipSortKey(ip: string): string {
  const v4 = ipv4Number(ip);
  return v4 >= 0 ? `4${v4.toString(16).padStart(8, '0')}` : `6${ip}`;
}
