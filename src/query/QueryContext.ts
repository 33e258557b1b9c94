import type { Database, Statement } from 'better-sqlite3';
import { ephError } from '../errors/index.js';
import { getOrCreate } from '../util/getOrCreate.js';
import type { EndpointPortOut } from './types.js';

export interface ClusterRef {
  id: number;
  name: string;
}

export interface ServiceKeyRow {
  id: number;
  cluster: ClusterRef;
  namespace: string;
  name: string;
  firstSliceAt: number | null;
  firstEndpointsAt: number | null;
}

/**
 * A read connection plus cached statements and the lookups every query starts with. Never writes.
 * Small derived answers (the cluster list, coverage timelines) are memoised until the database
 * changes: `PRAGMA data_version` moves when another connection commits, `total_changes()` when this
 * one does.
 */
export class QueryContext {
  private readonly statements = new Map<string, Statement>();
  private readonly portSets = new Map<string, EndpointPortOut[]>();
  private readonly memos = new Map<string, unknown>();
  private version = '';
  /** A connection that cannot write (read-only or query-only) never changes `total_changes()`. */
  private readonly writes: boolean;

  constructor(
    readonly db: Database,
    readonly now: () => number = Date.now,
  ) {
    this.writes = !db.readonly && db.pragma('query_only', { simple: true }) !== 1;
  }

  stmt(sql: string): Statement {
    return getOrCreate(this.statements, sql, () => this.db.prepare(sql));
  }

  /**
   * The rows of `SELECT ${columns} ${rest}` as arrays of their values in column order (`orderBy`
   * sorts them), moved out of SQLite as ONE JSON text. better-sqlite3 builds each row object through
   * V8's C++ API at ≈ 0.3 µs a column, which made moving rows the largest cost of `endpoints(at)`;
   * SQLite's `json_group_array` plus one `JSON.parse` cost about a quarter of that. Columns must not
   * be BLOBs; a column holding JSON text can be embedded parsed with `json(x)`.
   */
  arrays(columns: string, rest: string, params: readonly unknown[], orderBy?: string): unknown[][] {
    const order = orderBy === undefined ? '' : ` ORDER BY ${orderBy}`;
    const json = this.stmt(`SELECT json_group_array(json_array(${columns})${order}) ${rest}`)
      .pluck()
      .get(...params) as string;
    return JSON.parse(json) as unknown[][];
  }

  /** A stored port set, parsed once (there are few distinct ones; treat the result as read-only). */
  portSet(json: string): EndpointPortOut[] {
    return getOrCreate(this.portSets, json, () => JSON.parse(json) as EndpointPortOut[]);
  }

  /** `compute()`, remembered under `key` until the database changes. */
  memo<T>(key: string, compute: () => T): T {
    const dataVersion = this.stmt('PRAGMA data_version').pluck().get() as number;
    const v = this.writes
      ? `${dataVersion}/${this.stmt('SELECT total_changes()').pluck().get()}`
      : `${dataVersion}`;
    if (v !== this.version) {
      this.memos.clear();
      this.version = v;
    }
    return getOrCreate(this.memos, key, compute) as T;
  }

  /** The named cluster, or the only one when none is named. */
  cluster(name?: string | null): ClusterRef {
    if (name) {
      const id = this.stmt('SELECT id FROM clusters WHERE name = ?').pluck().get(name) as number | undefined;
      if (id === undefined)
        throw ephError('EPH_ERR_UNKNOWN_CLUSTER', `no history recorded for cluster "${name}"`, {
          cluster: name,
        });
      return { id, name };
    }
    const all = this.memo(
      'clusters',
      () => this.stmt('SELECT id, name FROM clusters ORDER BY id').all() as ClusterRef[],
    );
    if (all.length === 1) return all[0]!;
    if (all.length === 0) throw ephError('EPH_ERR_UNKNOWN_CLUSTER', 'nothing has been recorded yet');
    throw ephError(
      'EPH_ERR_AMBIGUOUS_CLUSTER',
      `the database holds ${all.length} clusters (${all.map((c) => c.name).join(', ')}); name one with cluster`,
    );
  }

  clusterNames(): string[] {
    return this.stmt('SELECT name FROM clusters ORDER BY name').pluck().all() as string[];
  }

  /** The service's key row, or null when nothing was ever recorded under that name. */
  findService(cluster: ClusterRef, namespace: string, name: string): ServiceKeyRow | null {
    const r = this.stmt(
      'SELECT id, first_slice_at, first_endpoints_at FROM service_keys WHERE cluster_id = ? AND namespace = ? AND name = ?',
    ).get(cluster.id, namespace, name) as
      | { id: number; first_slice_at: number | null; first_endpoints_at: number | null }
      | undefined;
    return r
      ? {
          id: r.id,
          cluster,
          namespace,
          name,
          firstSliceAt: r.first_slice_at,
          firstEndpointsAt: r.first_endpoints_at,
        }
      : null;
  }

  service(cluster: ClusterRef, namespace: string, name: string): ServiceKeyRow {
    const s = this.findService(cluster, namespace, name);
    if (!s) {
      throw ephError(
        'EPH_ERR_UNKNOWN_SERVICE',
        `no history recorded for service ${namespace}/${name} in cluster ${cluster.name}`,
        {
          cluster: cluster.name,
          namespace,
          service: name,
        },
      );
    }
    return s;
  }
}
