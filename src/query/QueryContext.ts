import { ephError } from '../errors/index.js';
import type { ClusterRow, HistoryReads, ServiceKeyRow } from '../store/index.js';
import { compareText } from '../util/compareText.js';
import { getOrCreate } from '../util/getOrCreate.js';
import type { EndpointPortOut } from './types.js';

export type ClusterRef = ClusterRow;

/** A service's key row with its cluster. */
export interface ServiceKey extends ServiceKeyRow {
  cluster: ClusterRef;
}

/**
 * The reads of one history plus what every question starts with: the clock, the cluster and service
 * lookups, parsed port sets. Small derived answers (the cluster list, coverage timelines) are
 * memoised until the history changes (`HistoryReads.version`). Never writes.
 */
export class QueryContext {
  private readonly portSets = new Map<string, EndpointPortOut[]>();
  private readonly memos = new Map<string, Promise<unknown>>();
  private version = '';

  constructor(
    readonly reads: HistoryReads,
    readonly now: () => number = Date.now,
  ) {}

  /** A stored port set, parsed once (there are few distinct ones; treat the result as read-only). */
  portSet(json: string): EndpointPortOut[] {
    return getOrCreate(this.portSets, json, () => JSON.parse(json) as EndpointPortOut[]);
  }

  /** `compute()`, remembered under `key` until the history changes (a failure is not remembered). */
  async memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const v = await this.reads.version();
    if (v !== this.version) {
      this.memos.clear();
      this.version = v;
    }
    let p = this.memos.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = compute();
      this.memos.set(key, p);
      p.catch(() => {
        if (this.memos.get(key) === p) this.memos.delete(key);
      });
    }
    return p;
  }

  private clusters(): Promise<ClusterRow[]> {
    return this.memo('clusters', () => this.reads.clusters());
  }

  /** The named cluster, or the only one when none is named. */
  async cluster(name?: string | null): Promise<ClusterRef> {
    const all = await this.clusters();
    if (name) {
      const found = all.find((c) => c.name === name);
      if (found === undefined)
        throw ephError('EPH_ERR_UNKNOWN_CLUSTER', `no history recorded for cluster "${name}"`, {
          cluster: name,
        });
      return found;
    }
    if (all.length === 1) return all[0]!;
    if (all.length === 0) throw ephError('EPH_ERR_UNKNOWN_CLUSTER', 'nothing has been recorded yet');
    throw ephError(
      'EPH_ERR_AMBIGUOUS_CLUSTER',
      `the database holds ${all.length} clusters (${all.map((c) => c.name).join(', ')}); name one with cluster`,
    );
  }

  async clusterNames(): Promise<string[]> {
    return (await this.clusters()).map((c) => c.name).sort(compareText);
  }

  /** The service's key row, or null when nothing was ever recorded under that name. */
  async findService(cluster: ClusterRef, namespace: string, name: string): Promise<ServiceKey | null> {
    const r = await this.reads.serviceKey(cluster.id, namespace, name);
    return r ? { ...r, cluster } : null;
  }

  async service(cluster: ClusterRef, namespace: string, name: string): Promise<ServiceKey> {
    const s = await this.findService(cluster, namespace, name);
    if (!s) {
      throw ephError(
        'EPH_ERR_UNKNOWN_SERVICE',
        `no history recorded for service ${namespace}/${name} in cluster ${cluster.name}`,
        { cluster: cluster.name, namespace, service: name },
      );
    }
    return s;
  }
}
