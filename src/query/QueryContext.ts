import { ephError } from '../errors/index.js';
import type { ClusterRow, HistoryReads, ServiceKeyRow } from '../store/index.js';
import { compareText } from '../util/compareText.js';
import { getOrCreate } from '../util/getOrCreate.js';
import type { EndpointPortOut } from './types.js';

export type ClusterRef = ClusterRow;

const listed = (all: readonly ClusterRow[]): string =>
  all
    .map((c) => c.name)
    .sort(compareText)
    .join(', ');

const nothingRecorded = () =>
  ephError('EPH_ERR_UNKNOWN_CLUSTER', 'nothing has been recorded in this database yet (no cluster)', {
    clusters: [],
  });

/** The cluster called `name`; an unknown (or empty) name is an error listing the recorded ones. */
function named(all: readonly ClusterRow[], name: string): ClusterRow {
  const found = all.find((c) => c.name === name);
  if (found !== undefined) return found;
  const known = all.length === 0 ? 'nothing is recorded yet' : `recorded: ${listed(all)}`;
  throw ephError('EPH_ERR_UNKNOWN_CLUSTER', `no history recorded for cluster "${name}" (${known})`, {
    cluster: name,
    clusters: all.map((c) => c.name).sort(compareText),
  });
}

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

  /**
   * The named cluster, or the only one when none is named. An unknown name, an empty database and
   * several clusters with none named are errors that list what is recorded: never an empty answer.
   * An empty name counts as none (a Grafana variable or EPH_CLUSTER left empty).
   */
  async cluster(name?: string | null): Promise<ClusterRef> {
    const all = await this.clusters();
    if (name) return named(all, name);
    if (all.length === 1) return all[0]!;
    if (all.length === 0) throw nothingRecorded();
    throw ephError(
      'EPH_ERR_AMBIGUOUS_CLUSTER',
      `the database holds ${all.length} clusters (${listed(all)}); name one with cluster`,
      { clusters: all.map((c) => c.name).sort(compareText) },
    );
  }

  /**
   * The named cluster, or every recorded one when none is named (by name): for the questions that
   * search the whole fleet (which pod held an IP). An unknown name and an empty database are errors.
   */
  async clustersOrAll(name?: string | null): Promise<ClusterRef[]> {
    const all = await this.clusters();
    if (name) return [named(all, name)];
    if (all.length === 0) throw nothingRecorded();
    return this.allClusters();
  }

  /** Every recorded cluster, by name (none for an empty database). */
  async allClusters(): Promise<ClusterRef[]> {
    return [...(await this.clusters())].sort((a, b) => compareText(a.name, b.name));
  }

  async clusterNames(): Promise<string[]> {
    return (await this.clusters()).map((c) => c.name).sort(compareText);
  }

  /** The service's key row, or null when nothing was ever recorded under that name. */
  async findService(cluster: ClusterRef, namespace: string, name: string): Promise<ServiceKey | null> {
    const r = await this.memo(`service\0${cluster.id}\0${namespace}\0${name}`, () =>
      this.reads.serviceKey(cluster.id, namespace, name),
    );
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
