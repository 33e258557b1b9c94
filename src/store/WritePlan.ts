import type { EventSource, EventType, Kind } from '../model/types.js';
import type { MemberSource, ProjectionName } from '../projections/index.js';

/** An events row, complete: its position is allocated by the store, its object already encoded. */
export interface EventRow {
  position: number;
  objectId: number;
  resourceVersion: string;
  type: EventType;
  source: EventSource;
  observedAt: number;
  notBefore: number | null;
  occurredAt: number | null;
  hash: string;
  /** The event whose object this one's is a delta against; null for a key frame. */
  basePosition: number | null;
  object: Buffer;
  /** The object's JSON, unencoded (a backend that keeps alive objects' JSON in memory takes it). */
  json: Buffer;
}

export interface NewCluster {
  id: number;
  name: string;
}

export interface NewObject {
  id: number;
  clusterId: number;
  kind: Kind;
  uid: string;
  namespace: string;
  name: string;
}

export interface NewServiceKey {
  id: number;
  clusterId: number;
  namespace: string;
  name: string;
}

export interface NewPortSet {
  id: number;
  /** The cluster whose rows use it (a backend interning port sets per cluster keys them by it). */
  clusterId: number;
  ports: string;
}

/**
 * A projection row to insert, every column resolved: `values` in the table declaration's column
 * order (a port list replaced by its port set id, booleans as booleans: the backend encodes them).
 * Open rows have `validTo` = OPEN_END.
 */
export interface RowInsert {
  projection: ProjectionName;
  id: number;
  /** cluster_id or service_id, as the table declares its owner. */
  ownerId: number;
  values: unknown[];
  validFrom: number;
  fromPosition: number;
  validTo: number;
  toPosition: number | null;
  byDelete: boolean;
}

/** A stored open row that closes. */
export interface RowClose {
  projection: ProjectionName;
  id: number;
  validTo: number;
  toPosition: number;
  byDelete: boolean;
}

/** The first time a service had rows from a source (service_keys.first_slice_at / first_endpoints_at). */
export interface SourceMark {
  serviceId: number;
  source: MemberSource;
  at: number;
}

export type CoverageRowOp =
  | { op: 'open'; clusterId: number; kind: Kind; at: number; reason: string }
  | { op: 'close'; clusterId: number; kind: Kind; at: number; reason: string };

/**
 * Where the rows an append or a replay produces go: the write plan of a batch (committed at once), or
 * a rebuild's bulk session (written as they come).
 */
export interface RowSink {
  cluster(c: NewCluster): void;
  serviceKey(k: NewServiceKey): void;
  portSet(p: NewPortSet): void;
  insert(r: RowInsert): void;
  close(c: RowClose): void;
  mark(m: SourceMark): void;
}

/**
 * Everything one append writes, computed in memory by the store before anything is written, and
 * committed by the backend in ONE transaction, in this order (each part refers only to earlier
 * ones): new clusters, service keys, port sets and objects; events; projection rows inserted (open,
 * or complete when they opened and closed within the batch), then closed; first-seen marks; each
 * touched cluster's clock floor; cursors; coverage; heartbeat; the projections' checkpoint.
 */
export class WritePlan implements RowSink {
  readonly clusters: NewCluster[] = [];
  readonly serviceKeys: NewServiceKey[] = [];
  readonly portSets: NewPortSet[] = [];
  readonly objects: NewObject[] = [];
  readonly events: EventRow[] = [];
  readonly inserts: RowInsert[] = [];
  readonly closes: RowClose[] = [];
  readonly marks: SourceMark[] = [];
  readonly clusterLast: { clusterId: number; at: number }[] = [];
  readonly cursors: { clusterId: number; kind: Kind; resourceVersion: string; updatedAt: number }[] = [];
  readonly coverage: CoverageRowOp[] = [];
  alive: { clusterId: number; at: number } | null = null;
  /** The position of the batch's last event: every projection has applied the log up to it. */
  checkpoint: number | null = null;

  cluster(c: NewCluster): void {
    this.clusters.push(c);
  }

  serviceKey(k: NewServiceKey): void {
    this.serviceKeys.push(k);
  }

  portSet(p: NewPortSet): void {
    this.portSets.push(p);
  }

  insert(r: RowInsert): void {
    this.inserts.push(r);
  }

  close(c: RowClose): void {
    this.closes.push(c);
  }

  mark(m: SourceMark): void {
    this.marks.push(m);
  }
}
