import type { MemberSource } from '../projections/types.js';
import { OPEN_END } from '../projections/types.js';
import type { QueryContext } from './QueryContext.js';
import type { EndpointAddressOut, EndpointStateOut, ObjectRefOut } from './types.js';

export interface MemberRow {
  id: number;
  ip: string;
  target_uid: string | null;
  target_kind: string | null;
  target_namespace: string | null;
  target_name: string | null;
  ready: number;
  serving: number;
  terminating: number;
  node_name: string | null;
  zone: string | null;
  hostname: string | null;
  ports: string;
  valid_from: number;
  valid_to: number;
  from_position: number;
  to_position: number | null;
}

const COLUMNS = `m.id, m.ip, m.target_uid, m.target_kind, m.target_namespace, m.target_name, m.ready, m.serving,
  m.terminating, m.node_name, m.zone, m.hostname, p.ports, m.valid_from, m.valid_to, m.from_position, m.to_position`;

/** A row of COLUMNS, from the array `QueryContext.arrays` gives (one object literal: one hidden class). */
const memberRow = (a: unknown[]): MemberRow =>
  ({
    id: a[0],
    ip: a[1],
    target_uid: a[2],
    target_kind: a[3],
    target_namespace: a[4],
    target_name: a[5],
    ready: a[6],
    serving: a[7],
    terminating: a[8],
    node_name: a[9],
    zone: a[10],
    hostname: a[11],
    ports: a[12],
    valid_from: a[13],
    valid_to: a[14],
    from_position: a[15],
    to_position: a[16],
  }) as MemberRow;

/** What an address at one moment needs of its row (`toAddress`). */
export type AddressRow = Pick<
  MemberRow,
  | 'ip'
  | 'target_uid'
  | 'target_kind'
  | 'target_namespace'
  | 'target_name'
  | 'ready'
  | 'serving'
  | 'terminating'
  | 'node_name'
  | 'zone'
  | 'hostname'
  | 'ports'
  | 'valid_from'
>;

const ADDRESS_COLUMNS = `m.ip, m.target_uid, m.target_kind, m.target_namespace, m.target_name, m.ready, m.serving,
  m.terminating, m.node_name, m.zone, m.hostname, p.ports, m.valid_from`;

const addressRow = (a: unknown[]): AddressRow =>
  ({
    ip: a[0],
    target_uid: a[1],
    target_kind: a[2],
    target_namespace: a[3],
    target_name: a[4],
    ready: a[5],
    serving: a[6],
    terminating: a[7],
    node_name: a[8],
    zone: a[9],
    hostname: a[10],
    ports: a[11],
    valid_from: a[12],
  }) as AddressRow;

/** Rows valid at `at` (valid_from ≤ at < valid_to) for one service and source, as `toAddress` needs them. */
export function memberRowsAt(
  ctx: QueryContext,
  serviceId: number,
  source: MemberSource,
  at: number,
): AddressRow[] {
  return ctx
    .arrays(
      ADDRESS_COLUMNS,
      `FROM endpoint_members m JOIN port_sets p ON p.id = m.port_set_id
      WHERE m.service_id = ? AND m.source = ? AND m.valid_to > ? AND m.valid_from <= ?`,
      [serviceId, source, at, at],
    )
    .map(addressRow);
}

/** Rows whose validity overlaps [from, to] (valid_from ≤ to and valid_to > from). */
export function memberRowsOverlapping(
  ctx: QueryContext,
  serviceId: number,
  source: MemberSource,
  from: number,
  to: number,
): MemberRow[] {
  return ctx
    .arrays(
      COLUMNS,
      `FROM endpoint_members m JOIN port_sets p ON p.id = m.port_set_id
      WHERE m.service_id = ? AND m.source = ? AND m.valid_to > ? AND m.valid_from <= ?`,
      [serviceId, source, from, to],
      'm.valid_from, m.id',
    )
    .map(memberRow);
}

export const memberIdentity = (r: MemberRow): string => `${r.ip}\u0000${r.target_uid ?? ''}`;

/** The row's target (a pod, usually), or null when the endpoint names none. */
export const targetRefOf = (r: AddressRow): ObjectRefOut | null =>
  r.target_name === null
    ? null
    : { kind: r.target_kind, namespace: r.target_namespace, name: r.target_name, uid: r.target_uid };

export function toAddress(r: AddressRow, ctx: QueryContext): EndpointAddressOut {
  return {
    ip: r.ip,
    nodeName: r.node_name,
    hostname: r.hostname,
    zone: r.zone,
    ready: r.ready === 1,
    serving: r.serving === 1,
    terminating: r.terminating === 1,
    since: r.valid_from,
    targetRef: targetRefOf(r),
    ports: ctx.portSet(r.ports),
  };
}

export function toState(r: MemberRow): EndpointStateOut {
  return {
    ready: r.ready === 1,
    serving: r.serving === 1,
    terminating: r.terminating === 1,
    nodeName: r.node_name,
  };
}

export const openEnd = (t: number): number | null => (t === OPEN_END ? null : t);
