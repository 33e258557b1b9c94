import { getOrCreate } from '../util/getOrCreate.js';
import type { EndpointAddressJson, EndpointPortJson, EndpointSubsetJson } from './types.js';

/** One (address, port) pair as the Endpoints controller produces it before repacking. */
export type AddressPortEntry = {
  address: EndpointAddressJson;
  ready: boolean;
  port: EndpointPortJson | null;
};

const addressKey = (a: EndpointAddressJson): string => `${a.ip}/${a.targetRef?.uid ?? ''}`;

function compareAddresses(a: EndpointAddressJson, b: EndpointAddressJson): number {
  // Go compares the IP strings byte-wise, so 10.244.1.100 sorts before 10.244.1.22.
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

const portKey = (p: EndpointPortJson): string =>
  `${p.name ?? ''}/${p.port}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`;

/**
 * endpoints.RepackSubsets: maps each port to the set of addresses offering it, groups ports whose
 * address sets are identical into one subset, and sorts everything (addresses by IP then uid), so that
 * equal inputs always produce byte-identical subsets. Empty lists are left out (`omitempty`).
 */
export function repackSubsets(entries: readonly AddressPortEntry[]): EndpointSubsetJson[] {
  const byPort = new Map<string, { port: EndpointPortJson | null; addrs: Map<string, AddressPortEntry> }>();
  for (const entry of entries) {
    const key = entry.port ? portKey(entry.port) : '<none>';
    const slot = getOrCreate(byPort, key, () => ({ port: entry.port, addrs: new Map() }));
    slot.addrs.set(addressKey(entry.address), entry);
  }
  const groups = new Map<string, { addrs: AddressPortEntry[]; ports: EndpointPortJson[] }>();
  for (const { port, addrs } of byPort.values()) {
    const setKey = [...addrs.entries()]
      .map(([k, e]) => `${k}:${e.ready}`)
      .sort()
      .join(',');
    const group = getOrCreate(groups, setKey, () => ({ addrs: [...addrs.values()], ports: [] }));
    if (port) group.ports.push(port);
  }
  const subsets: EndpointSubsetJson[] = [];
  for (const { addrs, ports } of groups.values()) {
    const ready = addrs
      .filter((e) => e.ready)
      .map((e) => e.address)
      .sort(compareAddresses);
    const notReady = addrs
      .filter((e) => !e.ready)
      .map((e) => e.address)
      .sort(compareAddresses);
    const subset: EndpointSubsetJson = {};
    if (ready.length > 0) subset.addresses = ready;
    if (notReady.length > 0) subset.notReadyAddresses = notReady;
    if (ports.length > 0) subset.ports = [...ports].sort((a, b) => (portKey(a) < portKey(b) ? -1 : 1));
    subsets.push(subset);
  }
  const subsetKey = (s: EndpointSubsetJson): string =>
    `${(s.ports ?? []).map(portKey).join(',')}|${(s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? ''}`;
  return subsets.sort((a, b) => (subsetKey(a) < subsetKey(b) ? -1 : subsetKey(a) > subsetKey(b) ? 1 : 0));
}
