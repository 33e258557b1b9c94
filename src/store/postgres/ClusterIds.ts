import { PROJECTIONS } from '../../projections/index.js';
import type { IdSpace, IdTable } from '../Ids.js';

/** Ids per cluster: cluster c numbers its rows c × 2^36 + 1, + 2, … (68 billion a table). */
export const CLUSTER_ID_RANGE = 2 ** 36;

/** The cluster an id (a position, an object's, a row's) belongs to. */
export const clusterOfId = (id: number): number => Math.floor(id / CLUSTER_ID_RANGE);

/** Every table whose ids the store allocates, with the column holding them. */
export const ID_COLUMNS: readonly { table: IdTable; sqlTable: string; column: string }[] = [
  { table: 'position', sqlTable: 'events', column: 'position' },
  { table: 'object', sqlTable: 'objects', column: 'id' },
  { table: 'serviceKey', sqlTable: 'service_keys', column: 'id' },
  { table: 'portSet', sqlTable: 'port_sets', column: 'id' },
  ...PROJECTIONS.map((p) => ({ table: p, sqlTable: p, column: 'id' })),
];

/**
 * The PostgreSQL backend's ids: one counter per table and cluster, each cluster in its own range,
 * so that the recorders of different clusters (one each, many at once) never take the same id, no
 * id comes from a shared sequence, and any id names its cluster (`clusterOfId`). Clusters
 * themselves are numbered by the database when registered (registerClusters), never here.
 */
export class ClusterIds implements IdSpace {
  readonly portSetsPerCluster = true;
  /** Last id taken, by table then cluster. */
  private readonly last = new Map<IdTable, Map<number, number>>();

  /** `stored`: the highest stored id of each table in each cluster. */
  constructor(stored: Iterable<{ table: IdTable; clusterId: number; max: number }> = []) {
    for (const s of stored) this.counters(s.table).set(s.clusterId, s.max);
  }

  take(table: IdTable, clusterId: number): number {
    if (table === 'cluster')
      throw new Error('PostgreSQL numbers clusters itself: register a cluster before planning its rows');
    const counters = this.counters(table);
    const next = (counters.get(clusterId) ?? clusterId * CLUSTER_ID_RANGE) + 1;
    if (clusterOfId(next) !== clusterId) throw new Error(`cluster ${clusterId} ran out of ${table} ids`);
    counters.set(clusterId, next);
    return next;
  }

  private counters(table: IdTable): Map<number, number> {
    let m = this.last.get(table);
    if (m === undefined) {
      m = new Map();
      this.last.set(table, m);
    }
    return m;
  }
}
