import { PROJECTIONS, type ProjectionName, type ServiceRef, serviceKey } from '../projections/index.js';
import type { RowSink } from './WritePlan.js';

/** The next free id of every table whose rows the store numbers itself. */
export interface NextIds {
  position: number;
  object: number;
  cluster: number;
  serviceKey: number;
  portSet: number;
  rows: Record<ProjectionName, number>;
}

/** A table whose ids the store allocates (a projection's rows by the projection's name). */
export type IdTable = Exclude<keyof NextIds, 'rows'> | ProjectionName;

/**
 * How a backend numbers the rows the store writes. SQLite: one counter per table for the whole file
 * (`StoreIds`). PostgreSQL: one counter per table and cluster, each cluster in its own range
 * (src/store/postgres/ClusterIds), so that recorders of different clusters never take the same id
 * and no id comes from a shared sequence.
 */
export interface IdSpace {
  /** The next id of `table` for a row of cluster `clusterId`. */
  take(table: IdTable, clusterId: number): number;
  /** Port sets interned once per cluster (true) or once for the whole store. */
  readonly portSetsPerCluster: boolean;
}

/** One counter per table, for the whole store (SQLite's numbering: the next after the highest). */
export class StoreIds implements IdSpace {
  readonly portSetsPerCluster = false;
  constructor(readonly next: NextIds) {}

  take(table: IdTable, _clusterId: number): number {
    const { next } = this;
    if (table in next.rows) return next.rows[table as ProjectionName]++;
    return next[table as Exclude<IdTable, ProjectionName>]++;
  }
}

/** What a backend knows of the interned tables, read once. */
export interface InternedRows {
  clusters: readonly { id: number; name: string }[];
  serviceKeys: readonly { id: number; clusterId: number; namespace: string; name: string }[];
  /** `clusterId` where port sets are interned per cluster (IdSpace.portSetsPerCluster). */
  portSets: readonly { id: number; ports: string; clusterId?: number }[];
}

/**
 * Every id the write path needs, known or allocated in memory: a cluster's, a service key's, a port
 * set's (interned: looked up by value, allocated and handed to the sink when new), and the next event
 * position, object id and projection row id (from the backend's IdSpace). One recorder writes a
 * cluster's history, so no other writer can take an id meanwhile; the counters start after the
 * highest stored ids and are reloaded with the rest after a failed commit.
 */
export class Ids {
  private readonly clusters = new Map<string, number>();
  private readonly clusterNames = new Map<number, string>();
  private readonly services = new Map<string, number>();
  private readonly portSets = new Map<string, number>();

  constructor(
    interned: InternedRows,
    readonly space: IdSpace,
  ) {
    for (const c of interned.clusters) this.adoptCluster(c.id, c.name);
    for (const k of interned.serviceKeys) {
      const cluster = this.clusterNames.get(k.clusterId)!;
      this.services.set(serviceKey({ cluster, namespace: k.namespace, name: k.name }), k.id);
    }
    for (const p of interned.portSets) this.portSets.set(this.portKey(p.ports, p.clusterId ?? 0), p.id);
  }

  /** A cluster the backend registered itself (PostgreSQL numbers clusters in the database). */
  adoptCluster(id: number, name: string): void {
    this.clusters.set(name, id);
    this.clusterNames.set(id, name);
  }

  /** The id of a cluster, allocated (and written through `sink`) when new. */
  cluster(name: string, sink: RowSink): number {
    let id = this.clusters.get(name);
    if (id === undefined) {
      id = this.space.take('cluster', 0);
      this.adoptCluster(id, name);
      sink.cluster({ id, name });
    }
    return id;
  }

  /** A known cluster's id, without allocating one. */
  knownCluster(name: string): number | undefined {
    return this.clusters.get(name);
  }

  clusterName(id: number): string | undefined {
    return this.clusterNames.get(id);
  }

  service(ref: ServiceRef, sink: RowSink): number {
    const key = serviceKey(ref);
    let id = this.services.get(key);
    if (id === undefined) {
      const clusterId = this.cluster(ref.cluster, sink);
      id = this.space.take('serviceKey', clusterId);
      this.services.set(key, id);
      sink.serviceKey({ id, clusterId, namespace: ref.namespace, name: ref.name });
    }
    return id;
  }

  ports(json: string, clusterId: number, sink: RowSink): number {
    const key = this.portKey(json, clusterId);
    let id = this.portSets.get(key);
    if (id === undefined) {
      id = this.space.take('portSet', clusterId);
      this.portSets.set(key, id);
      sink.portSet({ id, clusterId, ports: json });
    }
    return id;
  }

  /** The next id of `table` (an event position, an object, a projection's row) in a cluster. */
  take(table: IdTable, clusterId: number): number {
    return this.space.take(table, clusterId);
  }

  private portKey(json: string, clusterId: number): string {
    return this.space.portSetsPerCluster ? `${clusterId}\u0000${json}` : json;
  }
}

/** Counters for an empty database (and the shape of one a backend fills). */
export const firstIds = (): NextIds => ({
  position: 1,
  object: 1,
  cluster: 1,
  serviceKey: 1,
  portSet: 1,
  rows: Object.fromEntries(PROJECTIONS.map((p) => [p, 1])) as Record<ProjectionName, number>,
});
