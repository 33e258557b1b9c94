import type { Database, Statement } from 'better-sqlite3';
import type { Kind, Observation, SlimEndpointSlice } from '../model/types.js';
import { applyEvent } from '../projections/applyEvent.js';
import { createFoldState, type FoldState } from '../projections/foldState.js';
import { type RebuildResult, rebuildProjections } from '../projections/rebuild.js';
import { SqlIds } from '../projections/sql/ids.js';
import { type AliveObject, loadState } from '../projections/sql/loadState.js';
import { ProjectionWriter } from '../projections/sql/writer.js';
import { EventReader } from './eventReader.js';
import { LruCache } from './LruCache.js';
import { type CachedObject, objectCacheKey } from './objectCache.js';
import { encodeObject, KEY_FRAME_INTERVAL } from './objectCodec.js';
import { openDatabase } from './openDatabase.js';
import { type PruneResult, pruneBefore } from './prune.js';
import { deserialise, serialise } from './serialise.js';
import type {
  AppendBatch,
  AppendResult,
  CoverageOp,
  CurrentObject,
  CurrentVersion,
  EventStore,
  WatchCursor,
} from './types.js';

export interface StoreOptions {
  now?: () => number;
  /**
   * How many objects' last JSON to keep for delta encoding (default 4096). Objects that change often
   * stay in it; the next version of one that fell out is written as a key frame. Bounds memory.
   */
  deltaCacheSize?: number;
}

/**
 * The single writer of a database: appends observations to the event log and folds them into the
 * projections in the same transaction, with the watch cursors and coverage changes of the batch.
 * Caches what the hot path needs (object identities, last hashes, open row ids) in memory.
 */
export class Store implements EventStore {
  readonly reader: EventReader;
  private readonly ids: SqlIds;
  private writer!: ProjectionWriter;
  private fold!: FoldState;
  private readonly objects = new Map<string, CachedObject>();
  private readonly clusterLast = new Map<number, number>();
  private readonly now: () => number;
  private readonly lastJson: LruCache<string, Buffer>;
  private readonly stmts: Record<string, Statement>;

  static open(path: string, options: StoreOptions = {}): Store {
    return new Store(openDatabase(path), options);
  }

  constructor(
    readonly db: Database,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.lastJson = new LruCache(options.deltaCacheSize ?? 4096);
    this.ids = new SqlIds(db);
    this.reader = new EventReader(db);
    this.stmts = {
      addObject: db.prepare(
        'INSERT INTO objects (cluster_id, kind, uid, namespace, name, last_position, alive) VALUES (?, ?, ?, ?, ?, 0, 1)',
      ),
      addEvent:
        db.prepare(`INSERT INTO events (object_id, resource_version, type, source, observed_at, not_before,
        occurred_at, hash, base_position, object) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING`),
      touchObject: db.prepare('UPDATE objects SET last_position = ?, alive = ? WHERE id = ?'),
      setClusterLast: db.prepare('UPDATE clusters SET last_observed_at = ? WHERE id = ?'),
      setCursor:
        db.prepare(`INSERT INTO watch_cursors (cluster_id, kind, resource_version, updated_at) VALUES (?,?,?,?)
        ON CONFLICT (cluster_id, kind) DO UPDATE SET resource_version = excluded.resource_version, updated_at = excluded.updated_at`),
      getCursor:
        db.prepare(`SELECT w.resource_version, w.updated_at FROM watch_cursors w JOIN clusters c ON c.id = w.cluster_id
        WHERE c.name = ? AND w.kind = ?`),
      openCoverage: db.prepare(`SELECT c.started_at FROM coverage c JOIN clusters k ON k.id = c.cluster_id
        WHERE k.name = ? AND c.kind = ? AND c.ended_at IS NULL`),
      addCoverage: db.prepare(
        'INSERT INTO coverage (cluster_id, kind, started_at, start_reason) VALUES (?,?,?,?)',
      ),
      closeCoverage: db.prepare(`UPDATE coverage SET ended_at = MAX(?, started_at), end_reason = ?
        WHERE cluster_id = ? AND kind = ? AND ended_at IS NULL`),
      hasOpenCoverage: db.prepare(
        'SELECT 1 FROM coverage WHERE cluster_id = ? AND kind = ? AND ended_at IS NULL',
      ),
    };
    this.loadCaches();
  }

  /** Rebuilds every in-memory cache from the database (at open, and after a failed transaction). */
  loadCaches(): void {
    this.objects.clear();
    this.lastJson.clear();
    this.clusterLast.clear();
    this.ids.reset();
    for (const r of this.db.prepare('SELECT id, last_observed_at FROM clusters').all() as {
      id: number;
      last_observed_at: number | null;
    }[]) {
      if (r.last_observed_at !== null) this.clusterLast.set(r.id, r.last_observed_at);
    }
    const rows = this.db
      .prepare(`SELECT o.id, o.cluster_id, o.kind, o.uid, o.namespace, o.name, o.last_position, o.alive,
        e.resource_version, e.hash FROM objects o JOIN events e ON e.position = o.last_position`)
      .all() as Record<string, unknown>[];
    const alive: AliveObject[] = [];
    const clusterNames = new Map(
      (this.db.prepare('SELECT id, name FROM clusters').all() as { id: number; name: string }[]).map((r) => [
        r.id,
        r.name,
      ]),
    );
    for (const r of rows) {
      const cached: CachedObject = {
        id: r.id as number,
        clusterId: r.cluster_id as number,
        kind: r.kind as Kind,
        uid: r.uid as string,
        namespace: r.namespace as string,
        name: r.name as string,
        lastPosition: r.last_position as number,
        lastRv: r.resource_version as string,
        lastHash: r.hash as string,
        alive: r.alive === 1,
        chainLength: KEY_FRAME_INTERVAL,
      };
      this.objects.set(objectCacheKey(cached.clusterId, cached.kind, cached.uid), cached);
      if (cached.alive && (cached.kind === 'EndpointSlice' || cached.kind === 'Endpoints')) {
        alive.push({
          cluster: clusterNames.get(cached.clusterId)!,
          kind: cached.kind,
          uid: cached.uid,
          namespace: cached.namespace,
          name: cached.name,
          position: cached.lastPosition,
          object:
            cached.kind === 'EndpointSlice'
              ? (deserialise(this.reader.objectJson(cached.lastPosition), cached.lastRv) as SlimEndpointSlice)
              : null,
        });
      }
    }
    this.fold = createFoldState();
    this.writer = new ProjectionWriter(this.db, this.ids);
    loadState(this.db, this.fold, this.writer.openRowIds, alive);
  }

  append(batch: AppendBatch): AppendResult {
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
        for (const obs of batch.observations) this.appendOne(obs, result, touched);
        for (const id of touched) this.stmts.setClusterLast!.run(this.clusterLast.get(id), id);
        for (const c of batch.cursors ?? []) {
          this.stmts.setCursor!.run(this.ids.cluster(c.cluster), c.kind, c.resourceVersion, this.now());
        }
        for (const op of batch.coverage ?? []) this.applyCoverage(op);
        const last = result.positions[result.positions.length - 1];
        if (last !== undefined) this.writer.setCheckpoint(last);
      })();
    } catch (error) {
      this.loadCaches();
      throw error;
    }
    return result;
  }

  private appendOne(obs: Observation, result: AppendResult, touched: Set<number>): void {
    const clusterId = this.ids.cluster(obs.cluster);
    const key = objectCacheKey(clusterId, obs.kind, obs.uid);
    let cached = this.objects.get(key);
    if (cached && cached.lastRv === obs.resourceVersion) {
      result.duplicates++;
      return;
    }
    if (cached && (obs.type === 'DELETED' ? !cached.alive : cached.alive && cached.lastHash === obs.hash)) {
      result.unchanged++;
      return;
    }
    let observedAt = obs.observedAt;
    const floor = this.clusterLast.get(clusterId);
    if (floor !== undefined && observedAt < floor) {
      observedAt = floor;
      result.clockClamped++;
    }
    if (!cached) {
      const id = Number(
        this.stmts.addObject!.run(clusterId, obs.kind, obs.uid, obs.namespace, obs.name).lastInsertRowid,
      );
      cached = {
        id,
        clusterId,
        kind: obs.kind,
        uid: obs.uid,
        namespace: obs.namespace,
        name: obs.name,
        lastPosition: 0,
        lastRv: '',
        lastHash: '',
        alive: false,
        chainLength: KEY_FRAME_INTERVAL,
      };
      this.objects.set(key, cached);
    }
    const json = serialise(obs.object);
    const base = cached.chainLength < KEY_FRAME_INTERVAL - 1 ? (this.lastJson.get(key) ?? null) : null;
    const delta = base !== null;
    const info = this.stmts.addEvent!.run(
      cached.id,
      obs.resourceVersion,
      obs.type,
      obs.source,
      observedAt,
      obs.notBefore,
      obs.occurredAt,
      obs.hash,
      delta ? cached.lastPosition : null,
      encodeObject(json, base),
    );
    if (info.changes === 0) {
      result.duplicates++;
      return;
    }
    const position = Number(info.lastInsertRowid);
    const alive = obs.type !== 'DELETED';
    this.stmts.touchObject!.run(position, alive ? 1 : 0, cached.id);
    Object.assign(cached, {
      lastPosition: position,
      lastRv: obs.resourceVersion,
      lastHash: obs.hash,
      alive,
      chainLength: delta ? cached.chainLength + 1 : 0,
    });
    if (alive) this.lastJson.set(key, json);
    else this.lastJson.delete(key);
    this.clusterLast.set(clusterId, observedAt);
    touched.add(clusterId);
    result.appended++;
    result.positions.push(position);
    result.appendedByKind[obs.kind] = (result.appendedByKind[obs.kind] ?? 0) + 1;
    this.writer.apply(
      applyEvent(this.fold, {
        position,
        cluster: obs.cluster,
        kind: obs.kind,
        type: obs.type,
        uid: obs.uid,
        namespace: obs.namespace,
        name: obs.name,
        observedAt,
        object: obs.object,
      }),
    );
  }

  private applyCoverage(op: CoverageOp): void {
    const clusterId = this.ids.cluster(op.cluster);
    if (op.op === 'open') {
      if (!this.stmts.hasOpenCoverage!.get(clusterId, op.kind))
        this.stmts.addCoverage!.run(clusterId, op.kind, op.at, op.reason);
    } else {
      this.stmts.closeCoverage!.run(op.at, op.reason, clusterId, op.kind);
    }
  }

  getCursor(cluster: string, kind: Kind): WatchCursor | null {
    const r = this.stmts.getCursor!.get(cluster, kind) as
      | { resource_version: string; updated_at: number }
      | undefined;
    return r ? { cluster, kind, resourceVersion: r.resource_version, updatedAt: r.updated_at } : null;
  }

  currentObjects(cluster: string, kind: Kind): Map<string, CurrentObject> {
    const out = new Map<string, CurrentObject>();
    for (const uid of this.currentVersions(cluster, kind).keys())
      out.set(uid, this.currentObject(cluster, kind, uid)!);
    return out;
  }

  currentVersions(cluster: string, kind: Kind): Map<string, CurrentVersion> {
    const clusterId = this.ids.cluster(cluster);
    const out = new Map<string, CurrentVersion>();
    for (const o of this.objects.values()) {
      if (!o.alive || o.clusterId !== clusterId || o.kind !== kind) continue;
      out.set(o.uid, { resourceVersion: o.lastRv, hash: o.lastHash, namespace: o.namespace, name: o.name });
    }
    return out;
  }

  currentObject(cluster: string, kind: Kind, uid: string): CurrentObject | null {
    const key = objectCacheKey(this.ids.cluster(cluster), kind, uid);
    const o = this.objects.get(key);
    if (!o?.alive) return null;
    const json = this.lastJson.get(key) ?? this.reader.objectJson(o.lastPosition);
    return {
      kind,
      uid,
      namespace: o.namespace,
      name: o.name,
      resourceVersion: o.lastRv,
      hash: o.lastHash,
      object: deserialise(json, o.lastRv),
    };
  }

  openCoverageSince(cluster: string, kind: Kind): number | null {
    const r = this.stmts.openCoverage!.get(cluster, kind) as { started_at: number } | undefined;
    return r ? r.started_at : null;
  }

  lastObservedAt(cluster: string): number | null {
    return this.clusterLast.get(this.ids.cluster(cluster)) ?? null;
  }

  /** Recreates every projection from the event log (see rebuildProjections), then reloads caches. */
  rebuild(options: Parameters<typeof rebuildProjections>[1] = {}): RebuildResult {
    try {
      return rebuildProjections(this.db, options);
    } finally {
      this.loadCaches();
    }
  }

  /** Drops history before `cutoff` while keeping every answer for T ≥ cutoff (see pruneBefore). */
  prune(cutoff: number): PruneResult {
    try {
      return pruneBefore(this.db, cutoff);
    } finally {
      this.loadCaches();
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
