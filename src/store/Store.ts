import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { ephError } from '../errors/index.js';
import type { Kind } from '../model/types.js';
import { type RebuildResult, rebuildProjections } from '../projections/rebuild.js';
import { SqlIds } from '../projections/sql/ids.js';
import { type AppendContext, appendObservation } from './appendObservation.js';
import { EventReader } from './eventReader.js';
import type { CachedObject } from './objectCache.js';
import { openDatabase } from './openDatabase.js';
import { type PruneResult, pruneBefore } from './prune.js';
import { type ReclaimResult, reclaimSpace } from './reclaimSpace.js';
import { StoreState } from './StoreState.js';
import { deserialise } from './serialise.js';
import { prepareStoreStatements, type StoreStatements } from './storeStatements.js';
import { takeWriterLock } from './takeWriterLock.js';
import type {
  AppendBatch,
  AppendResult,
  CoverageOp,
  CurrentObject,
  CurrentVersion,
  EventStore,
  WatchCursor,
} from './types.js';
import { freeBytesAt, walBudgetBytes } from './walBudget.js';

export interface StoreOptions {
  now?: () => number;
  /**
   * Bytes of recent objects' last JSON kept as delta bases (default 4 MiB, ≈2,500 pods). Objects
   * that change often stay in it; the next version of one that fell out is written as a key frame.
   */
  deltaCacheBytes?: number;
  /**
   * Free bytes where the database lies (default: statfs of its directory), asked at open and every
   * 10 s of appends: the WAL is bounded by it (walBudgetBytes).
   */
  freeBytes?: () => number | null;
}

export interface StoreOpenOptions extends StoreOptions {
  /** The command opening it, named to whoever is refused the writer lock meanwhile. */
  command?: string;
  /** Refuse a missing file (EPH_ERR_DB_MISSING) instead of creating an empty history. */
  mustExist?: boolean;
}

/**
 * The single writer of a database: appends observations to the event log and folds them into the
 * projections in the same transaction, with the watch cursors and coverage changes of the batch.
 */
export class Store implements EventStore {
  readonly reader: EventReader;
  private readonly ids: SqlIds;
  private readonly now: () => number;
  private readonly stmts: StoreStatements;
  private readonly state: StoreState;
  private readonly ctx: AppendContext;
  private lock: { release(): void } | null = null;
  private readonly freeBytes: () => number | null;
  private walCheckedAt = Number.NEGATIVE_INFINITY;

  /**
   * Opens (creating and migrating) the database at `path` as its one writer: takes the writer lock
   * first (EPH_ERR_DB_LOCKED, naming the holder, when another process or Store writes it), and
   * holds it until `close()`.
   */
  static open(path: string, options: StoreOpenOptions = {}): Store {
    if (options.mustExist && path !== ':memory:' && !existsSync(path))
      throw ephError('EPH_ERR_DB_MISSING', `database ${path} does not exist`, { path });
    const lock = path === ':memory:' ? null : takeWriterLock(path, options.command ?? '');
    try {
      const store = new Store(openDatabase(path), options);
      store.lock = lock;
      return store;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  constructor(
    readonly db: Database,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ids = new SqlIds(db);
    this.reader = new EventReader(db);
    this.stmts = prepareStoreStatements(db);
    this.state = new StoreState(options.deltaCacheBytes ?? 4 * 1024 * 1024);
    this.ctx = { stmts: this.stmts, ids: this.ids, state: this.state };
    this.freeBytes = options.freeBytes ?? (() => (db.memory ? null : freeBytesAt(db.name)));
    this.loadCaches();
    this.boundWal();
  }

  /**
   * Sets the checkpoint threshold and the size the WAL is truncated back to after a checkpoint
   * (`journal_size_limit`) from the free space, at most every 10 s. A WAL may still outgrow it while a
   * reader holds an old snapshot (the checkpoint cannot reset it then).
   */
  private boundWal(): void {
    const now = Date.now(); // real time: this paces a statfs call, it is not a timestamp of the history
    if (now - this.walCheckedAt < 10_000) return;
    this.walCheckedAt = now;
    if (this.db.memory) return;
    const bytes = walBudgetBytes(this.freeBytes());
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    this.db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(bytes / pageSize))}`);
    this.db.pragma(`journal_size_limit = ${bytes}`);
  }

  /** Rebuilds every in-memory cache from the database (at open, and after a failed transaction). */
  loadCaches(): void {
    this.state.load(this.db, this.ids, this.reader);
  }

  append(batch: AppendBatch): AppendResult {
    this.boundWal();
    const result: AppendResult = {
      appended: 0,
      duplicates: 0,
      unchanged: 0,
      clockClamped: 0,
      positions: [],
      appendedByKind: {},
    };
    try {
      this.db.transaction(() => {
        const touched = new Set<number>();
        for (const obs of batch.observations) {
          const clusterId = appendObservation(this.ctx, obs, result);
          if (clusterId !== null) touched.add(clusterId);
        }
        for (const id of touched) this.stmts.setClusterLast.run(this.state.clusterLast.get(id), id);
        for (const c of batch.cursors ?? []) {
          this.stmts.setCursor.run(this.ids.cluster(c.cluster), c.kind, c.resourceVersion, this.now());
        }
        for (const op of batch.coverage ?? []) this.applyCoverage(op);
        if (batch.alive !== undefined)
          this.stmts.setAlive.run(batch.alive.at, this.ids.cluster(batch.alive.cluster));
        const last = result.positions[result.positions.length - 1];
        if (last !== undefined) this.state.writer.setCheckpoint(last);
      })();
    } catch (error) {
      this.loadCaches();
      throw error;
    }
    return result;
  }

  private applyCoverage(op: CoverageOp): void {
    const clusterId = this.ids.cluster(op.cluster);
    if (op.op === 'close') this.stmts.closeCoverage.run(op.at, op.reason, clusterId, op.kind);
    else if (!this.stmts.hasOpenCoverage.get(clusterId, op.kind)) {
      this.stmts.addCoverage.run(clusterId, op.kind, op.at, op.reason);
    }
  }

  getCursor(cluster: string, kind: Kind): WatchCursor | null {
    const r = this.stmts.getCursor.get(cluster, kind) as
      | { resource_version: string; updated_at: number }
      | undefined;
    return r ? { cluster, kind, resourceVersion: r.resource_version, updatedAt: r.updated_at } : null;
  }

  currentObjects(cluster: string, kind: Kind): Map<string, CurrentObject> {
    const out = new Map<string, CurrentObject>();
    for (const o of this.state.objects.ofKind(this.ids.cluster(cluster), kind))
      if (o.alive) out.set(o.uid, this.decode(o));
    return out;
  }

  currentVersions(cluster: string, kind: Kind): Map<string, CurrentVersion> {
    const clusterId = this.ids.cluster(cluster);
    const out = new Map<string, CurrentVersion>();
    for (const o of this.state.objects.ofKind(clusterId, kind)) {
      if (!o.alive) continue;
      out.set(o.uid, { resourceVersion: o.lastRv, hash: o.lastHash, namespace: o.namespace, name: o.name });
    }
    return out;
  }

  currentObject(cluster: string, kind: Kind, uid: string): CurrentObject | null {
    const o = this.state.objects.get(this.ids.cluster(cluster), kind, uid);
    return o?.alive ? this.decode(o) : null;
  }

  /** An object's last version, from the delta-base cache or the log. */
  private decode(o: CachedObject): CurrentObject {
    const json = this.state.lastJson.get(o.id) ?? this.reader.objectJson(o.lastPosition);
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
    const r = this.stmts.openCoverage.get(cluster, kind) as { started_at: number } | undefined;
    return r ? r.started_at : null;
  }

  lastObservedAt(cluster: string): number | null {
    return this.state.clusterLast.get(this.ids.cluster(cluster)) ?? null;
  }

  aliveAt(cluster: string): number | null {
    return (this.stmts.getAlive.get(cluster) as number | null | undefined) ?? null;
  }

  /** Recreates every projection from the event log (see rebuildProjections), then reloads caches. */
  rebuild(options: Parameters<typeof rebuildProjections>[1] = {}): RebuildResult {
    try {
      return rebuildProjections(this.db, options);
    } finally {
      this.loadCaches();
    }
  }

  /**
   * Drops history before `cutoff` (or an earlier prune's cutoff, if later: the result's `cutoff`)
   * while keeping every answer for T ≥ cutoff (see pruneBefore), then gives the freed pages back to
   * the filesystem (reclaimSpace). `onPhase` hears each step.
   */
  prune(
    cutoff: number,
    onPhase: (line: string) => void = () => {},
  ): PruneResult & { reclaimed: ReclaimResult } {
    try {
      onPhase(`deleting history before ${new Date(cutoff).toISOString()}`);
      const started = Date.now();
      const result = pruneBefore(this.db, cutoff);
      onPhase(`deleted ${result.deletedEvents} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const reclaimed = reclaimSpace(this.db, onPhase);
      return { ...result, reclaimed };
    } finally {
      this.loadCaches();
    }
  }

  /** Closes the database, then lets the writer lock go. */
  close(): void {
    if (this.db.open) this.db.close();
    this.lock?.release();
    this.lock = null;
  }
}
