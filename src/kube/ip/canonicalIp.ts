const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
// Characters an IPv6 literal may hold. Filtering first keeps the URL parser from seeing
// userinfo, ports, paths or zone ids ('%'), which it would otherwise interpret.
const IPV6_CHARS = /^[0-9A-Fa-f:.]+$/;
const IPV4_MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * The canonical text of an IP address, or null when `text` is not one.
 *
 * - IPv4: strict dotted quad, returned as is; octets with leading zeros ("010") or above 255 are
 *   rejected (as Go's net/netip does), so no octal or shorthand forms are accepted.
 * - IPv6: lower case, leading zeros dropped, the longest run of two or more zero groups compressed
 *   to `::` (RFC 5952 §4), via the WHATWG URL host parser. IPv4-mapped addresses
 *   (`::ffff:a.b.c.d`) keep the dotted tail, as RFC 5952 §5 recommends and Go's netip prints them;
 *   the URL parser alone would give `::ffff:102:304`.
 * - Zone ids (`fe80::1%eth0`), prefixes, brackets and surrounding whitespace are rejected.
 */
export function canonicalIp(text: string): string | null {
  if (IPV4.test(text)) return text;
  if (!text.includes(':') || !IPV6_CHARS.test(text)) return null;
  let host: string;
  try {
    host = new URL(`http://[${text}]/`).hostname;
  } catch {
    return null;
  }
  const ip = host.slice(1, -1);
  const mapped = IPV4_MAPPED.exec(ip);
  if (mapped === null) return ip;
  const high = Number.parseInt(mapped[1]!, 16);
  const low = Number.parseInt(mapped[2]!, 16);
  return `::ffff:${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * `text` in canonical form when it is an IP address, otherwise exactly as written. Used for
 * address fields that may legitimately hold names (EndpointSlices of addressType FQDN) or that a
 * misbehaving writer filled with something else: we record what the server said rather than drop it.
 */
export function canonicalIpOrText(text: string): string {
  return canonicalIp(text) ?? text;
}
