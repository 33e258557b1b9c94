import type { Kind } from '../model/types.js';
import { appendObservation, eventKey } from './appendObservation.js';
import type { CachedObject } from './objectCache.js';
import { type RebuildOptions, type RebuildResult, rebuildProjections } from './rebuild.js';
import type {
  CommitOutcome,
  MaybePromise,
  PruneResult,
  ReclaimResult,
  StoreBackend,
} from './StoreBackend.js';
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
 * `openStore` opens one on a SQLite file or a PostgreSQL database. On a backend that answers at once
 * (SQLite) the constructor loads the state; otherwise `Store.open` awaits it.
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
    this.loaded = this.loadCaches();
  }

  /** Resolves once the state is loaded (at once on SQLite). */
  private readonly loaded: MaybePromise<void>;

  /** Resolves when the state is loaded (already on SQLite; rejects when a PostgreSQL load failed). */
  async ready(): Promise<this> {
    await this.loaded;
    return this;
  }

  /** Rebuilds every in-memory cache from the database (at open, and after a failed commit). */
  loadCaches(): MaybePromise<void> {
    return this.state.load(this.backend);
  }

  /**
   * Appends a batch in ONE transaction of the backend. On a synchronous backend (SQLite) everything
   * is written before this returns its promise. On an asynchronous one (PostgreSQL) the batch is
   * planned at once when it can be (the state moves on as if committed, as the recorder's relist
   * diff expects) and committed after the batches before it, in order; when a commit fails the state
   * is reloaded and every batch planned on top of the failed one is refused too.
   */
  append(batch: AppendBatch): Promise<AppendResult> {
    if (this.backend.synchronous) {
      try {
        return Promise.resolve(this.appendNow(batch));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.reloading || this.deferred > 0 || this.unregistered(batch).length > 0) {
      // planned in its turn, and so is every batch after it until it is
      this.deferred++;
      return this.enqueue(async () => {
        try {
          await this.registerClusters(batch);
        } finally {
          this.deferred--;
        }
        return this.appendInTurn(batch, new Set());
      });
    }
    const generation = this.generation;
    const result = emptyResult();
    const plan = this.plan(batch, result, new Set());
    this.state.writer.planDone();
    return this.enqueue(async () => {
      if (generation !== this.generation)
        throw new Error('batch refused: an earlier batch failed to commit and the state was reloaded');
      return (await this.commitInTurn(plan)) ? result : this.appendInTurn(batch, new Set());
    });
  }

  /** Whether `appendNow` may be used: the backend writes each batch before returning. */
  get synchronous(): boolean {
    return this.backend.synchronous;
  }

  /**
   * A synchronous backend's append (SQLite): the batch is written, or the error thrown, before this
   * returns. Plans, commits, and again without what was already stored.
   */
  appendNow(batch: AppendBatch): AppendResult {
    if (!this.backend.synchronous) throw new Error('appendNow needs a synchronous backend: use append');
    // An older version delivered again after a newer one is found only by the log's unique key: the
    // commit then writes nothing and names it, and the batch is planned again without it (rare: a
    // real API server never sends one; the reload costs what an open does).
    let stored = new Set<string>();
    for (;;) {
      const result = emptyResult();
      let outcome: CommitOutcome;
      try {
        outcome = this.backend.commit(this.plan(batch, result, stored)) as CommitOutcome;
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

  private tail: Promise<unknown> = Promise.resolve();
  /** Batches queued to be planned in their turn: later ones must not be planned before them. */
  private deferred = 0;
  private generation = 0;
  private reloading = false;

  /** Runs `task` after every task queued before it (an asynchronous backend's commits, in order). */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => {});
    return run;
  }

  /**
   * Commits a plan in its turn: true when committed, false when some of its events were already
   * stored (the state is reloaded then, and later plans are refused). A failure reloads the state too.
   */
  private async commitInTurn(
    plan: WritePlan,
  ): Promise<true | readonly { objectId: number; resourceVersion: string }[]> {
    let outcome: CommitOutcome;
    try {
      outcome = await this.backend.commit(plan);
    } catch (error) {
      await this.reload();
      throw error;
    }
    if (outcome.committed) return true;
    await this.reload();
    return outcome.duplicates;
  }

  /** Plans and commits `batch` in its turn (nothing is planned meanwhile), until it is stored. */
  private async appendInTurn(batch: AppendBatch, stored: Set<string>): Promise<AppendResult> {
    for (;;) {
      const result = emptyResult();
      const plan = this.plan(batch, result, stored);
      this.state.writer.planDone();
      const outcome = await this.commitInTurn(plan);
      if (outcome === true) return result;
      for (const d of outcome) stored.add(eventKey(d.objectId, d.resourceVersion));
    }
  }

  private async reload(): Promise<void> {
    this.generation++;
    this.reloading = true;
    try {
      await this.loadCaches();
    } finally {
      this.reloading = false;
    }
  }

  private unregistered(batch: AppendBatch): string[] {
    if (this.backend.registerClusters === undefined) return [];
    const names = new Set<string>();
    for (const o of batch.observations) names.add(o.cluster);
    for (const c of batch.cursors ?? []) names.add(c.cluster);
    for (const c of batch.coverage ?? []) names.add(c.cluster);
    if (batch.alive !== undefined) names.add(batch.alive.cluster);
    return [...names].filter((n) => this.state.ids.knownCluster(n) === undefined);
  }

  /** Clusters the batch names that the database must number first (PostgreSQL), registered. */
  async registerClusters(batch: AppendBatch | readonly string[]): Promise<void> {
    const missing = Array.isArray(batch)
      ? (batch as readonly string[]).filter((n) => this.state.ids.knownCluster(n) === undefined)
      : this.unregistered(batch as AppendBatch);
    if (missing.length === 0 || this.backend.registerClusters === undefined) return;
    for (const c of await this.backend.registerClusters(missing)) this.state.ids.adoptCluster(c.id, c.name);
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
  async rebuild(options: RebuildOptions = {}): Promise<RebuildResult> {
    await this.tail;
    try {
      return await rebuildProjections(this.backend, options);
    } finally {
      await this.loadCaches();
    }
  }

  /**
   * Drops history before `cutoff` (or an earlier prune's cutoff, if later: the result's `cutoff`)
   * while keeping every answer for T ≥ cutoff (the backend's prune), then gives the freed space back
   * to the filesystem. `onPhase` hears each step.
   */
  async prune(
    cutoff: number,
    onPhase: (line: string) => void = () => {},
  ): Promise<PruneResult & { reclaimed: ReclaimResult }> {
    await this.tail;
    try {
      onPhase(`deleting history before ${new Date(cutoff).toISOString()}`);
      const started = Date.now();
      const result = await this.backend.prune(cutoff);
      onPhase(`deleted ${result.deletedEvents} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return { ...result, reclaimed: await this.backend.reclaimSpace(onPhase) };
    } finally {
      await this.loadCaches();
    }
  }

  /** The newest migration the database has. */
  schemaVersion(): MaybePromise<number> {
    return this.backend.schemaVersion();
  }

  /** Closes the backend's connection (SQLite: at once; PostgreSQL: when the promise resolves). */
  close(): Promise<void> {
    if (this.backend.synchronous) {
      this.backend.close();
      return Promise.resolve();
    }
    // commits still queued go first
    return this.tail.then(() => this.backend.close());
  }
}
