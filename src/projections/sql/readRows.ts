import type { Database } from 'better-sqlite3';
import { joinKey, serviceKey } from '../keys.js';
import { memberKey } from '../rows/memberRows.js';
import { type AttrsByProjection, type MemberSource, PROJECTIONS, type ProjectionName } from '../types.js';

/** A projection row read back as the fold would have produced it. */
export interface ReadRow<P extends ProjectionName = ProjectionName> {
  projection: P;
  id: number;
  scope: string;
  key: string;
  attrs: AttrsByProjection[P];
  validFrom: number;
  validTo: number;
  fromPosition: number;
  /** Position of the event that closed the row (endpoint_members only; null elsewhere or while open). */
  toPosition: number | null;
}

type Row = Record<string, unknown>;
const bool = (v: unknown): boolean => v === 1;
const str = (v: unknown): string => v as string;
const opt = (v: unknown): string | null => v as string | null;

/**
 * Reads projection rows matching `where` (SQL over aliases m/i/s with `valid_from`, `valid_to` and
 * `cluster_id` available as r.valid_from, r.valid_to, r.cluster_id) and rebuilds their attribute
 * objects with the exact field order of src/projections/rows, so they compare equal to fresh folds.
 * A generator over iterating statements: a large store's rows are never all in memory at once.
 * `projections` limits the tables read (all four by default).
 */
export function* readRows(
  db: Database,
  where: string,
  params: unknown[],
  projections: readonly ProjectionName[] = PROJECTIONS,
): Generator<ReadRow> {
  if (projections.includes('endpoint_members')) yield* memberRows(db, where, params);
  if (projections.includes('pod_ips')) yield* podIpRows(db, where, params);
  if (projections.includes('pod_states')) yield* podStateRows(db, where, params);
  if (projections.includes('service_states')) yield* serviceStateRows(db, where, params);
}

function* memberRows(db: Database, where: string, params: unknown[]): Generator<ReadRow> {
  const members = db
    .prepare(`SELECT * FROM (SELECT m.*, k.cluster_id, c.name AS cluster, k.namespace, k.name AS service, p.ports
      FROM endpoint_members m JOIN service_keys k ON k.id = m.service_id JOIN clusters c ON c.id = k.cluster_id
      JOIN port_sets p ON p.id = m.port_set_id) r WHERE ${where}`)
    .iterate(...params) as IterableIterator<Row>;
  for (const r of members) {
    const service = { cluster: str(r.cluster), namespace: str(r.namespace), name: str(r.service) };
    const source = r.source as MemberSource;
    yield {
      projection: 'endpoint_members',
      id: r.id as number,
      scope: joinKey(serviceKey(service), source),
      key: memberKey(str(r.ip), opt(r.target_uid)),
      validFrom: r.valid_from as number,
      validTo: r.valid_to as number,
      fromPosition: r.from_position as number,
      toPosition: r.to_position as number | null,
      attrs: {
        service,
        source,
        ip: str(r.ip),
        targetUid: opt(r.target_uid),
        targetKind: opt(r.target_kind),
        targetNamespace: opt(r.target_namespace),
        targetName: opt(r.target_name),
        ready: bool(r.ready),
        serving: bool(r.serving),
        terminating: bool(r.terminating),
        nodeName: opt(r.node_name),
        zone: opt(r.zone),
        hostname: opt(r.hostname),
        ports: str(r.ports),
      },
    };
  }
}

function* podIpRows(db: Database, where: string, params: unknown[]): Generator<ReadRow> {
  const ips = db
    .prepare(`SELECT * FROM (SELECT i.*, c.name AS cluster FROM pod_ips i JOIN clusters c ON c.id = i.cluster_id) r
      WHERE ${where}`)
    .iterate(...params) as IterableIterator<Row>;
  for (const r of ips) {
    const cluster = str(r.cluster);
    yield {
      projection: 'pod_ips',
      id: r.id as number,
      scope: joinKey(cluster, str(r.pod_uid)),
      key: str(r.ip),
      validFrom: r.valid_from as number,
      validTo: r.valid_to as number,
      fromPosition: r.from_position as number,
      toPosition: null,
      attrs: {
        cluster,
        ip: str(r.ip),
        podUid: str(r.pod_uid),
        namespace: str(r.namespace),
        name: str(r.name),
        nodeName: opt(r.node_name),
      },
    };
  }
}

function* podStateRows(db: Database, where: string, params: unknown[]): Generator<ReadRow> {
  const pods = db
    .prepare(`SELECT * FROM (SELECT s.*, c.name AS cluster FROM pod_states s JOIN clusters c ON c.id = s.cluster_id) r
      WHERE ${where}`)
    .iterate(...params) as IterableIterator<Row>;
  for (const r of pods) {
    const cluster = str(r.cluster);
    yield {
      projection: 'pod_states',
      id: r.id as number,
      scope: joinKey(cluster, str(r.uid)),
      key: '',
      validFrom: r.valid_from as number,
      validTo: r.valid_to as number,
      fromPosition: r.from_position as number,
      toPosition: null,
      attrs: {
        cluster,
        uid: str(r.uid),
        namespace: str(r.namespace),
        name: str(r.name),
        phase: opt(r.phase),
        ready: bool(r.ready),
        nodeName: opt(r.node_name),
        ips: str(r.ips),
        ownerKind: opt(r.owner_kind),
        ownerName: opt(r.owner_name),
        createdAt: r.created_at as number | null,
        deletingAt: r.deleting_at as number | null,
        restarts: r.restarts as number,
      },
    };
  }
}

function* serviceStateRows(db: Database, where: string, params: unknown[]): Generator<ReadRow> {
  const services = db
    .prepare(`SELECT * FROM (SELECT s.*, k.cluster_id, c.name AS cluster, k.namespace, k.name AS service
      FROM service_states s JOIN service_keys k ON k.id = s.service_id JOIN clusters c ON c.id = k.cluster_id) r
      WHERE ${where}`)
    .iterate(...params) as IterableIterator<Row>;
  for (const r of services) {
    const service = { cluster: str(r.cluster), namespace: str(r.namespace), name: str(r.service) };
    yield {
      projection: 'service_states',
      id: r.id as number,
      scope: serviceKey(service),
      key: '',
      validFrom: r.valid_from as number,
      validTo: r.valid_to as number,
      fromPosition: r.from_position as number,
      toPosition: null,
      attrs: {
        service,
        uid: str(r.uid),
        type: str(r.type),
        clusterIp: opt(r.cluster_ip),
        selector: opt(r.selector),
        ports: str(r.ports),
        publishNotReady: bool(r.publish_not_ready),
      },
    };
  }
}
