import { ENDPOINT_MEMBERS, POD_STATES, SERVICE_STATES, type TableLayout } from '../projections/index.js';
import type { AddressRow, MemberRow, PodStateRow, ServiceStateRow } from './HistoryReads.js';

/**
 * The rows both read sides answer with: which columns they select (named by the tables'
 * declarations) and how a selected row, as an array of values in that order, becomes an answer
 * row. SQLite hands back flags as 0/1 and PostgreSQL as booleans; `flag` reads both.
 */

/**
 * `alias.column` of each attribute field, as the table's declaration names it (a port set's JSON
 * through the joined `p`): the reads name fields, the declaration decides the columns.
 */
export function columnsOf(t: TableLayout, alias: string, fields: readonly string[]): string {
  return fields
    .map((f) => {
      const c = t.columns.find((x) => x.field === f);
      if (c === undefined) throw new Error(`${t.name} declares no field ${f}`);
      return c.type === 'port_set' ? 'p.ports' : `${alias}.${c.name}`;
    })
    .join(', ');
}

/** A flag column's value: 1 from SQLite, true from PostgreSQL. */
export const flag = (v: unknown): boolean => v === true || v === 1;

const ADDRESS_FIELDS = [
  'ip',
  'targetUid',
  'targetKind',
  'targetNamespace',
  'targetName',
  'ready',
  'serving',
  'terminating',
  'nodeName',
  'zone',
  'hostname',
  'ports',
] as const;
/** An endpoint member's columns as `addressRow` reads them (`m`, its port set joined as `p`). */
export const ADDRESS_COLUMNS = `${columnsOf(ENDPOINT_MEMBERS, 'm', ADDRESS_FIELDS)}, m.valid_from`;
/** ADDRESS_COLUMNS and the row's end and positions, as `memberRow` reads them. */
export const MEMBER_COLUMNS = `${ADDRESS_COLUMNS}, m.valid_to, m.from_position, m.to_position`;

/** An ADDRESS_COLUMNS row (one object literal: one hidden class). */
export const addressRow = (a: unknown[]): AddressRow => ({
  ip: a[0] as string,
  targetUid: a[1] as string | null,
  targetKind: a[2] as string | null,
  targetNamespace: a[3] as string | null,
  targetName: a[4] as string | null,
  ready: flag(a[5]),
  serving: flag(a[6]),
  terminating: flag(a[7]),
  nodeName: a[8] as string | null,
  zone: a[9] as string | null,
  hostname: a[10] as string | null,
  ports: a[11] as string,
  validFrom: a[12] as number,
});

/** A MEMBER_COLUMNS row. */
export const memberRow = (a: unknown[]): MemberRow => ({
  ip: a[0] as string,
  targetUid: a[1] as string | null,
  targetKind: a[2] as string | null,
  targetNamespace: a[3] as string | null,
  targetName: a[4] as string | null,
  ready: flag(a[5]),
  serving: flag(a[6]),
  terminating: flag(a[7]),
  nodeName: a[8] as string | null,
  zone: a[9] as string | null,
  hostname: a[10] as string | null,
  ports: a[11] as string,
  validFrom: a[12] as number,
  validTo: a[13] as number,
  fromPosition: a[14] as number,
  toPosition: a[15] as number | null,
});

const POD_FIELDS = [
  'uid',
  'namespace',
  'name',
  'phase',
  'ready',
  'nodeName',
  'ips',
  'ownerKind',
  'ownerName',
  'createdAt',
  'deletingAt',
  'restarts',
] as const;
/** A pod state's columns (`s`; the cluster's name apart), read back by `podStateRow`. */
export const POD_VALUES = `${columnsOf(POD_STATES, 's', POD_FIELDS)}, s.ended_by_delete, s.valid_from, s.valid_to`;

export const podStateRow = (cluster: string, a: unknown[]): PodStateRow => ({
  cluster,
  uid: a[0] as string,
  namespace: a[1] as string,
  name: a[2] as string,
  phase: a[3] as string | null,
  ready: flag(a[4]),
  nodeName: a[5] as string | null,
  ips: a[6] as string,
  ownerKind: a[7] as string | null,
  ownerName: a[8] as string | null,
  createdAt: a[9] as number | null,
  deletingAt: a[10] as number | null,
  restarts: a[11] as number,
  endedByDelete: flag(a[12]),
  validFrom: a[13] as number,
  validTo: a[14] as number,
});

const SERVICE_FIELDS = ['uid', 'type', 'clusterIp', 'selector', 'ports', 'publishNotReady'] as const;
/** A service state's columns with its cluster (`c`) and key (`k`), read back by `serviceStateRow`. */
export const SERVICE_COLUMNS = `c.name, k.namespace, k.name, ${columnsOf(SERVICE_STATES, 's', SERVICE_FIELDS)},
  s.valid_from, s.valid_to`;

export const serviceStateRow = (a: unknown[]): ServiceStateRow => ({
  cluster: a[0] as string,
  namespace: a[1] as string,
  name: a[2] as string,
  uid: a[3] as string,
  type: a[4] as string,
  clusterIp: a[5] as string | null,
  selector: a[6] as string | null,
  ports: a[7] as string,
  publishNotReady: flag(a[8]),
  validFrom: a[9] as number,
  validTo: a[10] as number,
});
