import { endpointIdentity, OPEN_END } from '../projections/index.js';
import type { AddressRow, MemberRow } from '../store/index.js';
import type { QueryContext } from './QueryContext.js';
import type { EndpointAddressOut, EndpointStateOut, ObjectRefOut } from './types.js';

/** A member row's endpoint identity (its address and the pod behind it). */
export const memberIdentity = (r: Pick<MemberRow, 'ip' | 'targetUid'>): string =>
  endpointIdentity(r.ip, r.targetUid);

/** The row's target (a pod, usually), or null when the endpoint names none. */
export const targetRefOf = (r: AddressRow): ObjectRefOut | null =>
  r.targetName === null
    ? null
    : { kind: r.targetKind, namespace: r.targetNamespace, name: r.targetName, uid: r.targetUid };

export function toAddress(r: AddressRow, ctx: QueryContext): EndpointAddressOut {
  return {
    ip: r.ip,
    nodeName: r.nodeName,
    hostname: r.hostname,
    zone: r.zone,
    ready: r.ready,
    serving: r.serving,
    terminating: r.terminating,
    since: r.validFrom,
    targetRef: targetRefOf(r),
    ports: ctx.portSet(r.ports),
  };
}

export function toState(r: MemberRow): EndpointStateOut {
  return { ready: r.ready, serving: r.serving, terminating: r.terminating, nodeName: r.nodeName };
}

/** An interval's end as the API shows it: null while still open. */
export const openEnd = (t: number): number | null => (t === OPEN_END ? null : t);
