import { sliceEndpointReady, sliceEndpointServing, sliceEndpointTerminating } from '../../model/index.js';
import type { ObjectRef, SlimEndpointAddress, SlimEndpointSlice, SlimEndpoints } from '../../model/types.js';
import { endpointIdentity } from '../tables/endpointMembers.js';
import type { MemberAttrs, MemberSource, ServiceRef } from '../types.js';
import { canonicalPorts, mergePorts } from './canonicalPorts.js';

const sameService = (a: ServiceRef, b: ServiceRef): boolean =>
  a === b || (a.cluster === b.cluster && a.namespace === b.namespace && a.name === b.name);

/**
 * One member's attributes: `previous` itself when it has exactly these values (unchanged members
 * keep their identity, and nothing is allocated for them), else a new single literal with every
 * field (no spread: all properties stay in-object, which matters with one of these per endpoint of
 * every service held in memory).
 */
function member(
  previous: MemberAttrs | undefined,
  service: ServiceRef,
  source: MemberSource,
  ip: string,
  ref: ObjectRef | null,
  ready: boolean,
  serving: boolean,
  terminating: boolean,
  nodeName: string | null,
  zone: string | null,
  hostname: string | null,
  ports: string,
): MemberAttrs {
  if (
    previous !== undefined &&
    sameService(previous.service, service) &&
    previous.source === source &&
    previous.ip === ip &&
    previous.targetUid === (ref?.uid ?? null) &&
    previous.targetKind === (ref?.kind ?? null) &&
    previous.targetNamespace === (ref?.namespace ?? null) &&
    previous.targetName === (ref?.name ?? null) &&
    previous.ready === ready &&
    previous.serving === serving &&
    previous.terminating === terminating &&
    previous.nodeName === nodeName &&
    previous.zone === zone &&
    previous.hostname === hostname &&
    previous.ports === ports
  )
    return previous;
  return {
    service,
    source,
    ip,
    targetUid: ref?.uid ?? null,
    targetKind: ref?.kind ?? null,
    targetNamespace: ref?.namespace ?? null,
    targetName: ref?.name ?? null,
    ready,
    serving,
    terminating,
    nodeName,
    zone,
    hostname,
    ports,
  };
}

/**
 * The members one EndpointSlice contributes to its service, by member key (the first listing of an
 * (ip, target uid) within the slice wins). FQDN slices carry names, not pod IPs, and give none.
 * Members equal to the one `previous` holds under the same key are that very object.
 */
export function membersFromSlice(
  service: ServiceRef,
  slice: SlimEndpointSlice,
  previous?: ReadonlyMap<string, MemberAttrs>,
): Map<string, MemberAttrs> {
  const out = new Map<string, MemberAttrs>();
  if (slice.addressType === 'FQDN') return out;
  const ports = canonicalPorts(slice.ports);
  for (const ep of slice.endpoints) {
    const ready = sliceEndpointReady(ep.conditions);
    const serving = sliceEndpointServing(ep.conditions);
    const terminating = sliceEndpointTerminating(ep.conditions);
    for (const ip of ep.addresses) {
      const key = endpointIdentity(ip, ep.targetRef?.uid ?? null);
      if (out.has(key)) continue;
      out.set(
        key,
        member(
          previous?.get(key),
          service,
          'EndpointSlice',
          ip,
          ep.targetRef,
          ready,
          serving,
          terminating,
          ep.nodeName,
          ep.zone,
          ep.hostname,
          ports,
        ),
      );
    }
  }
  return out;
}

/**
 * Membership from EndpointSlices: the union of every slice of the service (both managed-by
 * controllers, every IP family), deduplicated by (ip, target uid). During controller churn an
 * endpoint can sit in two slices at once; the slice written last (highest position) wins, which
 * depends only on the slices' state, so incremental folds and rebuilds agree. Takes each slice's
 * own members (membersFromSlice) and shares their attribute objects.
 */
export function unionOfSlices(
  slices: readonly { members: Map<string, MemberAttrs>; position: number }[],
): Map<string, MemberAttrs> {
  // a copy even for one slice: diffRows takes ownership of the map it is given
  if (slices.length === 1) return new Map(slices[0]!.members);
  const out = new Map<string, MemberAttrs>();
  const ordered = [...slices].sort((a, b) => b.position - a.position);
  for (const { members } of ordered)
    for (const [key, attrs] of members) if (!out.has(key)) out.set(key, attrs);
  return out;
}

/**
 * Membership from a v1 Endpoints object (members equal to those of `previous` are those objects):
 * `addresses` are ready, `notReadyAddresses` are neither
 * ready nor serving; v1 Endpoints has no terminating state (terminating pods simply leave it). An
 * address listed in several subsets (different port sets) gets the union of their ports.
 */
export function membersFromEndpoints(
  service: ServiceRef,
  endpoints: SlimEndpoints | undefined,
  previous?: ReadonlyMap<string, MemberAttrs>,
): Map<string, MemberAttrs> {
  const out = new Map<string, MemberAttrs>();
  if (!endpoints) return out;
  const add = (a: SlimEndpointAddress, ready: boolean, ports: string) => {
    const key = endpointIdentity(a.ip, a.targetRef?.uid ?? null);
    const found = out.get(key);
    if (found) {
      // merging changes the object: never one shared with `previous` (an open row)
      const existing = found === previous?.get(key) ? { ...found } : found;
      existing.ports = mergePorts(existing.ports, ports);
      if (ready && !existing.ready) {
        existing.ready = true;
        existing.serving = true;
      }
      out.set(key, existing);
      return;
    }
    out.set(
      key,
      member(
        previous?.get(key),
        service,
        'Endpoints',
        a.ip,
        a.targetRef,
        ready,
        ready,
        false,
        a.nodeName,
        null,
        a.hostname,
        ports,
      ),
    );
  };
  for (const subset of endpoints.subsets) {
    const ports = canonicalPorts(subset.ports);
    for (const a of subset.addresses) add(a, true, ports);
    for (const a of subset.notReadyAddresses) add(a, false, ports);
  }
  return out;
}
