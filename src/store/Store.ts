import type { Kind } from '../model/types.js';
import { appendObservation, eventKey } from './appendObservation.js';
import type { CachedObject } from './objectCache.js';
import { type RebuildOptions, type RebuildResult, rebuildProjections } from './rebuild.js';
import type { PruneResult, ReclaimResult, StoreBackend } from './StoreBackend.js';
import { StoreState } from './StoreState.js';
import { deserialise } from './serialise.js';
import type {
  AppendBatch,
  AppendResult,
  CoverageOp,
  CurrentObject,
  CurrentVersion,
  EventStore,
  WatchCursor,
} from './types.js';
import { WritePlan } from './WritePlan.js';

export interface StoreOptions {
  now?: () => number;
  /**
   * Bytes of recent objects' last JSON kept as delta bases (default 4 MiB, ≈2,500 pods). Objects
   * that change often stay in it; the next version of one that fell out is written as a key frame.
   */
  deltaCacheBytes?: number;
}

const emptyResult = (): AppendResult => ({
  appended: 0,
  duplicates: 0,
  unchanged: 0,
  clockClamped: 0,
  positions: [],
  appendedByKind: {},
});

/**
 * The single writer of a history: appends observations to the event log and folds them into the
 * projections, with the watch cursors and coverage changes of the batch. Everything a batch writes
 * is decided here, in memory (positions, ids, encoded objects, projection rows: the fold is pure and
 * this is the cluster's only writer), then committed by the backend in ONE transaction.
 * `openStore` (src/store/sqlite) opens one on a SQLite file.
 */
export class Store implements EventStore {
  private readonly now: () => number;
  private readonly state: StoreState;

  constructor(
    readonly backend: StoreBackend,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.state = new StoreState(options.deltaCacheBytes ?? 4 * 1024 * 1024);
    this.loadCaches();
  }

  /** Rebuilds every in-memory cache from the database (at open, and after a failed commit). */
  loadCaches(): void {
    this.state.load(this.backend);
  }

  append(batch: AppendBatch): AppendResult {
    // An older version delivered again after a newer one is found only by the log's unique key: the
    // commit then writes nothing and names it, and the batch is planned again without it (rare: a
    // real API server never sends one; the reload costs what an open does).
    let stored = new Set<string>();
    for (;;) {
      const result = emptyResult();
      let outcome: ReturnType<StoreBackend['commit']>;
      try {
        outcome = this.backend.commit(this.plan(batch, result, stored));
      } catch (error) {
        this.loadCaches();
        throw error;
      }
      if (outcome.committed) {
        this.state.writer.planDone();
        return result;
      }
      this.loadCaches();
      stored = new Set([
        ...stored,
        ...outcome.duplicates.map((d) => eventKey(d.objectId, d.resourceVersion)),
      ]);
    }
  }

  /** What `batch` writes, decided in memory; the state moves on as if it were committed. */
  private plan(batch: AppendBatch, result: AppendResult, stored: ReadonlySet<string>): WritePlan {
    const { state } = this;
    const plan = new WritePlan();
    const planned = new Set<string>();
    const touched = new Set<number>();
    for (const obs of batch.observations) {
      const clusterId = appendObservation(state, plan, obs, result, planned, stored);
      if (clusterId !== null) touched.add(clusterId);
    }
    for (const clusterId of touched)
      plan.clusterLast.push({ clusterId, at: state.clusterLast.get(clusterId)! });
    const now = this.now();
    for (const c of batch.cursors ?? []) {
      const clusterId = state.ids.cluster(c.cluster, plan);
      plan.cursors.push({ clusterId, kind: c.kind, resourceVersion: c.resourceVersion, updatedAt: now });
      state.cursors.set(StoreState.scope(clusterId, c.kind), {
        resourceVersion: c.resourceVersion,
        updatedAt: now,
      });
    }
    for (const op of batch.coverage ?? []) this.planCoverage(plan, op);
    if (batch.alive !== undefined) {
      const clusterId = state.ids.cluster(batch.alive.cluster, plan);
      plan.alive = { clusterId, at: batch.alive.at };
      state.aliveAt.set(clusterId, Math.max(state.aliveAt.get(clusterId) ?? 0, batch.alive.at));
    }
    plan.checkpoint = result.positions[result.positions.length - 1] ?? null;
    return plan;
  }

  /** A close ends the open interval (at its start at the earliest); an open starts one unless one is open. */
  private planCoverage(plan: WritePlan, op: CoverageOp): void {
    const clusterId = this.state.ids.cluster(op.cluster, plan);
    const scope = StoreState.scope(clusterId, op.kind);
    if (op.op === 'close') {
      plan.coverage.push({ op: 'close', clusterId, kind: op.kind, at: op.at, reason: op.reason });
      this.state.openCoverage.delete(scope);
    } else if (!this.state.openCoverage.has(scope)) {
      plan.coverage.push({ op: 'open', clusterId, kind: op.kind, at: op.at, reason: op.reason });
      this.state.openCoverage.set(scope, op.at);
    }
  }

  private clusterId(cluster: string): number | undefined {
    return this.state.ids.knownCluster(cluster);
  }

  getCursor(cluster: string, kind: Kind): WatchCursor | null {
    const id = this.clusterId(cluster);
    const c = id === undefined ? undefined : this.state.cursors.get(StoreState.scope(id, kind));
    return c ? { cluster, kind, resourceVersion: c.resourceVersion, updatedAt: c.updatedAt } : null;
  }

  currentObjects(cluster: string, kind: Kind): Map<string, CurrentObject> {
    const out = new Map<string, CurrentObject>();
    const id = this.clusterId(cluster);
    if (id === undefined) return out;
    for (const o of this.state.objects.ofKind(id, kind)) if (o.alive) out.set(o.uid, this.decode(o));
    return out;
  }

  currentVersions(cluster: string, kind: Kind): Map<string, CurrentVersion> {
    const out = new Map<string, CurrentVersion>();
    const id = this.clusterId(cluster);
    if (id === undefined) return out;
    for (const o of this.state.objects.ofKind(id, kind)) {
      if (!o.alive) continue;
      out.set(o.uid, { resourceVersion: o.lastRv, hash: o.lastHash, namespace: o.namespace, name: o.name });
    }
    return out;
  }

  currentObject(cluster: string, kind: Kind, uid: string): CurrentObject | null {
    const id = this.clusterId(cluster);
    const o = id === undefined ? undefined : this.state.objects.get(id, kind, uid);
    return o?.alive ? this.decode(o) : null;
  }

  /** An object's last version, from the delta-base cache or the log. */
  private decode(o: CachedObject): CurrentObject {
    const json = this.state.lastJson.get(o.id) ?? this.backend.objectJson(o.lastPosition);
    return {
      kind: o.kind,
      uid: o.uid,
      namespace: o.namespace,
      name: o.name,
      resourceVersion: o.lastRv,
      hash: o.lastHash,
      object: deserialise(json, o.lastRv),
    };
  }

  openCoverageSince(cluster: string, kind: Kind): number | null {
    const id = this.clusterId(cluster);
    return id === undefined ? null : (this.state.openCoverage.get(StoreState.scope(id, kind)) ?? null);
  }

  lastObservedAt(cluster: string): number | null {
    const id = this.clusterId(cluster);
    return id === undefined ? null : (this.state.clusterLast.get(id) ?? null);
  }

  aliveAt(cluster: string): number | null {
    const id = this.clusterId(cluster);
    return id === undefined ? null : (this.state.aliveAt.get(id) ?? null);
  }

  /** Recreates every projection from the event log (see rebuildProjections), then reloads caches. */
  rebuild(options: RebuildOptions = {}): RebuildResult {
    try {
      return rebuildProjections(this.backend, options);
    } finally {
      this.loadCaches();
    }
  }

  /**
   * Drops history before `cutoff` (or an earlier prune's cutoff, if later: the result's `cutoff`)
   * while keeping every answer for T ≥ cutoff (the backend's prune), then gives the freed space back
   * to the filesystem. `onPhase` hears each step.
   */
  prune(
    cutoff: number,
    onPhase: (line: string) => void = () => {},
  ): PruneResult & { reclaimed: ReclaimResult } {
    try {
      onPhase(`deleting history before ${new Date(cutoff).toISOString()}`);
      const started = Date.now();
      const result = this.backend.prune(cutoff);
      onPhase(`deleted ${result.deletedEvents} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return { ...result, reclaimed: this.backend.reclaimSpace(onPhase) };
    } finally {
      this.loadCaches();
    }
  }

  close(): void {
    this.backend.close();
  }
}
