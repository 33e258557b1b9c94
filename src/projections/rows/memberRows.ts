import type { ObjectRef, SlimEndpointAddress, SlimEndpointSlice, SlimEndpoints } from '../../model/types.js';
import { joinKey } from '../keys.js';
import type { MemberAttrs, ServiceRef } from '../types.js';
import { canonicalPorts, mergePorts } from './canonicalPorts.js';

/** Identity of a member within a service and source: the address and the pod behind it. */
export const memberKey = (ip: string, targetUid: string | null): string => joinKey(ip, targetUid);

function target(ref: ObjectRef | null) {
  return {
    targetUid: ref?.uid ?? null,
    targetKind: ref?.kind ?? null,
    targetNamespace: ref?.namespace ?? null,
    targetName: ref?.name ?? null,
  };
}

/**
 * Membership from EndpointSlices: the union of every slice of the service (both managed-by
 * controllers, every IP family), deduplicated by (ip, target uid). During controller churn an
 * endpoint can sit in two slices at once; the slice written last (highest position) wins, which
 * depends only on the slices' state, so incremental folds and rebuilds agree. FQDN slices carry
 * names, not pod IPs, and are left out.
 */
export function membersFromSlices(
  service: ServiceRef,
  slices: readonly { slice: SlimEndpointSlice; position: number }[],
): Map<string, MemberAttrs> {
  const out = new Map<string, MemberAttrs>();
  const ordered = [...slices].sort((a, b) => b.position - a.position);
  for (const { slice } of ordered) {
    if (slice.addressType === 'FQDN') continue;
    const ports = canonicalPorts(slice.ports);
    for (const ep of slice.endpoints) {
      const ready = ep.conditions.ready ?? true;
      const serving = ep.conditions.serving ?? ready;
      const terminating = ep.conditions.terminating ?? false;
      for (const ip of ep.addresses) {
        const key = memberKey(ip, ep.targetRef?.uid ?? null);
        if (out.has(key)) continue;
        out.set(key, {
          service,
          source: 'EndpointSlice',
          ip,
          ...target(ep.targetRef),
          ready,
          serving,
          terminating,
          nodeName: ep.nodeName,
          zone: ep.zone,
          hostname: ep.hostname,
          ports,
        });
      }
    }
  }
  return out;
}

/**
 * Membership from a v1 Endpoints object: `addresses` are ready, `notReadyAddresses` are neither
 * ready nor serving; v1 Endpoints has no terminating state (terminating pods simply leave it). An
 * address listed in several subsets (different port sets) gets the union of their ports.
 */
export function membersFromEndpoints(
  service: ServiceRef,
  endpoints: SlimEndpoints | undefined,
): Map<string, MemberAttrs> {
  const out = new Map<string, MemberAttrs>();
  if (!endpoints) return out;
  const add = (a: SlimEndpointAddress, ready: boolean, ports: string) => {
    const key = memberKey(a.ip, a.targetRef?.uid ?? null);
    const existing = out.get(key);
    if (existing) {
      existing.ports = mergePorts(existing.ports, ports);
      if (ready && !existing.ready) Object.assign(existing, { ready: true, serving: true });
      return;
    }
    out.set(key, {
      service,
      source: 'Endpoints',
      ip: a.ip,
      ...target(a.targetRef),
      ready,
      serving: ready,
      terminating: false,
      nodeName: a.nodeName,
      zone: null,
      hostname: a.hostname,
      ports,
    });
  };
  for (const subset of endpoints.subsets) {
    const ports = canonicalPorts(subset.ports);
    for (const a of subset.addresses) add(a, true, ports);
    for (const a of subset.notReadyAddresses) add(a, false, ports);
  }
  return out;
}
