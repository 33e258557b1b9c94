/** The parts of a v1 Endpoints object the printers read (raw API JSON). */
export interface EndpointsLike {
  subsets?:
    | {
        addresses?: { ip: string }[] | null;
        ports?: { name?: string; port: number }[] | null;
      }[]
    | null;
}

/** Go's `net.JoinHostPort`: brackets IPv6 literals (anything containing a colon). */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Port of kube's printers.go `formatEndpoints(endpoints, nil)`: the ENDPOINTS cell of
 * `kubectl get endpoints`. Ready addresses only (notReadyAddresses never show), one `ip:port` per
 * (port, address) pair in subset order, a subset without ports contributing bare IPs; the first `max`
 * (kube: 3) joined by commas, then ` + N more...` where N counts every pair beyond `max`;
 * `<none>` when there are no subsets at all, `""` when subsets exist but hold no ready address.
 */
export function formatEndpointsCell(endpoints: EndpointsLike, max = 3): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}
