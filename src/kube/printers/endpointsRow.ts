import { type EndpointsLike, formatEndpointsCell } from './formatEndpointsCell.js';
import { translateTimestampSince } from './humanDuration.js';
import { arr, type Raw, rec, str } from './raw.js';

/** Endpoints columns of `kubectl get endpoints` (printers.go `endpointColumnDefinitions`). */
export const ENDPOINTS_COLUMNS = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Endpoints', type: 'string', format: '', priority: 0 },
  { name: 'Age', type: 'string', format: '', priority: 0 },
] as const;

/** printers.go `printEndpoints`: [name, formatEndpoints(ep, nil), age]. */
export function endpointsRow(ep: Raw, now: number): string[] {
  const metadata = rec(ep.metadata);
  return [
    str(metadata.name),
    formatEndpointsCell(ep as EndpointsLike, 3),
    translateTimestampSince(metadata.creationTimestamp, now),
  ];
}

/** EndpointSlice columns (printers.go `endpointSliceColumnDefinitions`). */
export const ENDPOINT_SLICE_COLUMNS = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'AddressType', type: 'string', format: '', priority: 0 },
  { name: 'Ports', type: 'string', format: '', priority: 0 },
  { name: 'Endpoints', type: 'string', format: '', priority: 0 },
  { name: 'Age', type: 'string', format: '', priority: 0 },
] as const;

/** printers.go `listWithMoreString`: `a,b,c + N more...`, `<unset>` when empty. */
function listWithMore(items: string[], max: number): string {
  const list = items.slice(0, max);
  const ret = list.join(',');
  if (items.length > max) return `${ret} + ${items.length - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** printers.go `formatDiscoveryPorts`: port number, else port name, else `*`. */
export function formatDiscoveryPorts(ports: unknown, max = 3): string {
  return listWithMore(
    arr(ports).map((p) =>
      typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*',
    ),
    max,
  );
}

/** printers.go `formatDiscoveryEndpoints`: every address of every endpoint, regardless of conditions. */
export function formatDiscoveryEndpoints(endpoints: unknown, max = 3): string {
  const all: string[] = [];
  for (const e of arr(endpoints))
    for (const a of Array.isArray(e.addresses) ? e.addresses : []) all.push(String(a));
  return listWithMore(all, max);
}

/** printers.go `printEndpointSlice`: [name, addressType, ports, endpoints, age]. */
export function endpointSliceRow(slice: Raw, now: number): string[] {
  const metadata = rec(slice.metadata);
  return [
    str(metadata.name),
    str(slice.addressType),
    formatDiscoveryPorts(slice.ports),
    formatDiscoveryEndpoints(slice.endpoints),
    translateTimestampSince(metadata.creationTimestamp, now),
  ];
}

/** Namespace columns (printers.go `namespaceColumnDefinitions`). */
export const NAMESPACE_COLUMNS = [
  { name: 'Name', type: 'string', format: 'name', priority: 0 },
  { name: 'Status', type: 'string', format: '', priority: 0 },
  { name: 'Age', type: 'string', format: '', priority: 0 },
] as const;

export function namespaceRow(ns: Raw, now: number): string[] {
  const metadata = rec(ns.metadata);
  return [
    str(metadata.name),
    str(rec(ns.status).phase),
    translateTimestampSince(metadata.creationTimestamp, now),
  ];
}
