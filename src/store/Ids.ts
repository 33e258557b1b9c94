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

/** What a backend knows of the interned tables, read once. */
export interface InternedRows {
  clusters: readonly { id: number; name: string }[];
  serviceKeys: readonly { id: number; clusterId: number; namespace: string; name: string }[];
  portSets: readonly { id: number; ports: string }[];
}

/**
 * Every id the write path needs, known or allocated in memory: a cluster's, a service key's, a port
 * set's (interned: looked up by value, allocated and handed to the sink when new), and the next event
 * position, object id and projection row id. One recorder writes a cluster's history, so no other
 * writer can take an id meanwhile; the counters start after the highest stored ids (what SQLite's
 * INTEGER PRIMARY KEY would pick) and are reloaded with the rest after a failed commit.
 */
export class Ids {
  private readonly clusters = new Map<string, number>();
  private readonly clusterNames = new Map<number, string>();
  private readonly services = new Map<string, number>();
  private readonly portSets = new Map<string, number>();

  constructor(
    interned: InternedRows,
    readonly next: NextIds,
  ) {
    for (const c of interned.clusters) {
      this.clusters.set(c.name, c.id);
      this.clusterNames.set(c.id, c.name);
    }
    for (const k of interned.serviceKeys) {
      const cluster = this.clusterNames.get(k.clusterId)!;
      this.services.set(serviceKey({ cluster, namespace: k.namespace, name: k.name }), k.id);
    }
    for (const p of interned.portSets) this.portSets.set(p.ports, p.id);
  }

  /** The id of a cluster, allocated (and written through `sink`) when new. */
  cluster(name: string, sink: RowSink): number {
    let id = this.clusters.get(name);
    if (id === undefined) {
      id = this.next.cluster++;
      this.clusters.set(name, id);
      this.clusterNames.set(id, name);
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
      id = this.next.serviceKey++;
      this.services.set(key, id);
      sink.serviceKey({ id, clusterId, namespace: ref.namespace, name: ref.name });
    }
    return id;
  }

  ports(json: string, sink: RowSink): number {
    let id = this.portSets.get(json);
    if (id === undefined) {
      id = this.next.portSet++;
      this.portSets.set(json, id);
      sink.portSet({ id, ports: json });
    }
    return id;
  }

  /** The next row id of a projection table. */
  row(projection: ProjectionName): number {
    return this.next.rows[projection]++;
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
