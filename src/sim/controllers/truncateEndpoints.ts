import type { EndpointSubsetJson } from '../../kube/types.js';

/**
 * truncateEndpoints (endpoints_controller.go): when a service has more than `maxCapacity` addresses,
 * keep ready addresses first, drop not-ready ones first, and share the room between subsets in
 * proportion to their size (rounded up, the last subset gets what is left). Returns the new subsets and
 * whether anything was cut — which is when the `over-capacity: truncated` annotation is set.
 */
export function truncateEndpoints(
  subsets: readonly EndpointSubsetJson[],
  maxCapacity: number,
): { subsets: EndpointSubsetJson[]; truncated: boolean } {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= maxCapacity) return { subsets: [...subsets], truncated: false };

  const truncateReady = totalReady > maxCapacity;
  const max = truncateReady ? maxCapacity : maxCapacity - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  const out = subsets.map((subset) => {
    const inSubset = truncateReady
      ? (subset.addresses?.length ?? 0)
      : (subset.notReadyAddresses?.length ?? 0);
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    const next: EndpointSubsetJson = {};
    if (truncateReady) {
      const kept = (subset.addresses ?? []).slice(0, toBeAdded);
      if (kept.length > 0) next.addresses = kept;
      canBeAdded -= kept.length;
    } else {
      if (subset.addresses) next.addresses = subset.addresses;
      const kept = (subset.notReadyAddresses ?? []).slice(0, toBeAdded);
      if (kept.length > 0) next.notReadyAddresses = kept;
      canBeAdded -= kept.length;
    }
    if (subset.ports) next.ports = subset.ports;
    return next;
  });
  return { subsets: out, truncated: true };
}
