import type { Database, Statement } from 'better-sqlite3';
import { OPEN_END, PROJECTIONS, type ProjectionName, TABLES } from '../../projections/index.js';
import { firstIds, type InternedRows, type NextIds, StoreIds } from '../Ids.js';
import type {
  CommitOutcome,
  LatestEvent,
  PruneResult,
  RebuildSession,
  ReclaimResult,
  StoreBackend,
  StoredMark,
  StoredState,
} from '../StoreBackend.js';
import type { EventRow, NewObject, RowInsert, WritePlan } from '../WritePlan.js';
import { BulkInsert } from './BulkInsert.js';
import { EventReader } from './eventReader.js';
import { pruneBefore } from './prune.js';
import { readRows } from './readRows.js';
import { rebuildSession } from './rebuildSession.js';
import { reclaimSpace } from './reclaimSpace.js';
import { closeParams, closeSql, insertColumns, insertParamsInto, insertSql } from './tableSql.js';
import { freeBytesAt, walBudgetBytes } from './walBudget.js';

export interface SqliteBackendOptions {
  /**
   * Free bytes where the database lies (default: statfs of its directory), asked at open and every
   * 10 s of commits: the WAL is bounded by it (walBudgetBytes).
   */
  freeBytes?: () => number | null;
  /** Called once the database is closed (the writer lock lets go). */
  onClose?: () => void;
}

const EVENT_INSERT = `INSERT INTO events (position, object_id, resource_version, type, source, observed_at, not_before,
  occurred_at, hash, base_position, object)`;

/** Thrown inside a commit's transaction to roll it back when an event was already stored. */
class AlreadyStored {
  constructor(readonly duplicates: { objectId: number; resourceVersion: string }[]) {}
}

/** The write path's prepared statements, prepared once per connection. */
export interface SqliteStatements {
  addCluster: Statement;
  addService: Statement;
  addPorts: Statement;
  /** The write path's inserts, many rows per statement. */
  objects: BulkInsert<NewObject>;
  events: BulkInsert<EventRow>;
  rows: Record<ProjectionName, BulkInsert<RowInsert>>;
  /** Does an event row exist at this position (which rows of a short insert were duplicates). */
  eventAt: Statement;
  insert: Record<ProjectionName, Statement>;
  close: Record<ProjectionName, Statement>;
  markSlice: Statement;
  markEndpoints: Statement;
  setClusterLast: Statement;
  setAlive: Statement;
  setCursor: Statement;
  addCoverage: Statement;
  closeCoverage: Statement;
  checkpoint: Statement;
}

function prepare(db: Database): SqliteStatements {
  const perTable = <T>(make: (p: ProjectionName) => T) =>
    Object.fromEntries(PROJECTIONS.map((p) => [p, make(p)])) as Record<ProjectionName, T>;
  return {
    addCluster: db.prepare('INSERT INTO clusters (id, name) VALUES (?, ?)'),
    addService: db.prepare('INSERT INTO service_keys (id, cluster_id, namespace, name) VALUES (?, ?, ?, ?)'),
    addPorts: db.prepare('INSERT INTO port_sets (id, ports) VALUES (?, ?)'),
    objects: new BulkInsert<NewObject>(
      db,
      'INSERT INTO objects (id, cluster_id, kind, uid, namespace, name)',
      6,
      (o, out) => out.push(o.id, o.clusterId, o.kind, o.uid, o.namespace, o.name),
    ),
    events: new BulkInsert<EventRow>(
      db,
      EVENT_INSERT,
      11,
      (e, out) =>
        out.push(
          e.position,
          e.objectId,
          e.resourceVersion,
          e.type,
          e.source,
          e.observedAt,
          e.notBefore,
          e.occurredAt,
          e.hash,
          e.basePosition,
          e.object,
        ),
      ' ON CONFLICT DO NOTHING',
    ),
    rows: perTable(
      (p) =>
        new BulkInsert<RowInsert>(
          db,
          `INSERT INTO ${TABLES[p].name} (${insertColumns(TABLES[p]).join(', ')})`,
          insertColumns(TABLES[p]).length,
          (r, out) => insertParamsInto(TABLES[p], r, out),
        ),
    ),
    eventAt: db.prepare('SELECT 1 FROM events WHERE position = ?').pluck(),
    insert: perTable((p) => db.prepare(insertSql(TABLES[p]))),
    close: perTable((p) => db.prepare(closeSql(TABLES[p]))),
    markSlice: db.prepare(
      'UPDATE service_keys SET first_slice_at = ? WHERE id = ? AND first_slice_at IS NULL',
    ),
    markEndpoints: db.prepare(
      'UPDATE service_keys SET first_endpoints_at = ? WHERE id = ? AND first_endpoints_at IS NULL',
    ),
    setClusterLast: db.prepare('UPDATE clusters SET last_observed_at = ? WHERE id = ?'),
    setAlive: db.prepare('UPDATE clusters SET alive_at = MAX(COALESCE(alive_at, 0), ?) WHERE id = ?'),
    setCursor:
      db.prepare(`INSERT INTO watch_cursors (cluster_id, kind, resource_version, updated_at) VALUES (?,?,?,?)
      ON CONFLICT (cluster_id, kind) DO UPDATE SET resource_version = excluded.resource_version, updated_at = excluded.updated_at`),
    addCoverage: db.prepare(
      'INSERT INTO coverage (cluster_id, kind, started_at, start_reason) VALUES (?,?,?,?)',
    ),
    closeCoverage: db.prepare(`UPDATE coverage SET ended_at = MAX(?, started_at), end_reason = ?
      WHERE cluster_id = ? AND kind = ? AND ended_at IS NULL`),
    checkpoint: db.prepare(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    ),
  };
}

/** The interned tables' rows and every table's next id, as SQLite would number them. */
export function internedRows(db: Database): InternedRows & { next: NextIds } {
  const max = (table: string, column = 'id'): number =>
    ((db.prepare(`SELECT MAX(${column}) FROM ${table}`).pluck().get() as number | null) ?? 0) + 1;
  const next = firstIds();
  next.position = max('events', 'position');
  next.object = max('objects');
  next.cluster = max('clusters');
  next.serviceKey = max('service_keys');
  next.portSet = max('port_sets');
  for (const p of PROJECTIONS) next.rows[p] = max(p);
  return {
    clusters: db.prepare('SELECT id, name FROM clusters').all() as { id: number; name: string }[],
    serviceKeys: db
      .prepare('SELECT id, cluster_id AS clusterId, namespace, name FROM service_keys')
      .all() as InternedRows['serviceKeys'],
    portSets: db.prepare('SELECT id, ports FROM port_sets').all() as InternedRows['portSets'],
    next,
  };
}

/**
 * The SQLite backend of the store (better-sqlite3: every call synchronous): one connection, the
 * writer's, on a database opened and migrated by `openStore`. Commits run in one transaction; WAL
 * mode lets read-only connections (src/store/sqlite/SqliteReads) read meanwhile.
 */
export class SqliteBackend implements StoreBackend {
  readonly synchronous = true;
  readonly reader: EventReader;
  private readonly stmts: SqliteStatements;
  private readonly freeBytes: () => number | null;
  private walCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly db: Database,
    private readonly options: SqliteBackendOptions = {},
  ) {
    this.reader = new EventReader(db);
    this.stmts = prepare(db);
    this.freeBytes = options.freeBytes ?? (() => (db.memory ? null : freeBytesAt(db.name)));
    this.boundWal();
  }

  schemaVersion(): number {
    return this.db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number;
  }

  load(): StoredState {
    const { db } = this;
    const clusters = db
      .prepare('SELECT id, name, last_observed_at AS lastObservedAt, alive_at AS aliveAt FROM clusters')
      .all() as StoredState['clusters'];
    const { next, ...interned } = internedRows(db);
    return {
      ...interned,
      ids: new StoreIds(next),
      clusters,
      cursors: db
        .prepare(`SELECT cluster_id AS clusterId, kind, resource_version AS resourceVersion, updated_at AS updatedAt
          FROM watch_cursors`)
        .all() as StoredState['cursors'],
      openCoverage: db
        .prepare(`SELECT cluster_id AS clusterId, kind, MIN(started_at) AS startedAt FROM coverage
          WHERE ended_at IS NULL GROUP BY cluster_id, kind`)
        .all() as StoredState['openCoverage'],
      // each object's latest event: a covering scan of the events' (object_id, resource_version) index
      latestEvents: () =>
        db
          .prepare(`SELECT o.id AS objectId, o.cluster_id AS clusterId, o.kind, o.uid, o.namespace, o.name,
            e.position, e.type, e.resource_version AS resourceVersion, e.hash FROM objects o
            JOIN (SELECT object_id, MAX(position) AS position FROM events GROUP BY object_id) last ON last.object_id = o.id
            JOIN events e ON e.position = last.position`)
          .iterate() as IterableIterator<LatestEvent>,
      openRows: () => readRows(db, 'r.valid_to = ?', [OPEN_END]),
      marks: () => marksOf(db),
    };
  }

  objectJson(position: number): Buffer {
    return this.reader.objectJson(position);
  }

  /** Synchronous: everything is written when this returns. */
  commit(plan: WritePlan): CommitOutcome {
    this.boundWal();
    const s = this.stmts;
    try {
      this.db.transaction(() => {
        for (const c of plan.clusters) s.addCluster.run(c.id, c.name);
        for (const k of plan.serviceKeys) s.addService.run(k.id, k.clusterId, k.namespace, k.name);
        for (const p of plan.portSets) s.addPorts.run(p.id, p.ports);
        s.objects.run(plan.objects);
        const duplicates: { objectId: number; resourceVersion: string }[] = [];
        // an older version delivered again after a newer one: the unique key skipped it
        s.events.run(plan.events, (from, to) => {
          for (const e of plan.events.slice(from, to))
            if (s.eventAt.get(e.position) === undefined)
              duplicates.push({ objectId: e.objectId, resourceVersion: e.resourceVersion });
        });
        if (duplicates.length > 0) throw new AlreadyStored(duplicates);
        const byTable = Object.fromEntries(PROJECTIONS.map((p) => [p, [] as RowInsert[]])) as Record<
          ProjectionName,
          RowInsert[]
        >;
        for (const r of plan.inserts) byTable[r.projection].push(r);
        for (const p of PROJECTIONS) s.rows[p].run(byTable[p]);
        for (const c of plan.closes) s.close[c.projection].run(...closeParams(TABLES[c.projection], c));
        for (const m of plan.marks)
          (m.source === 'EndpointSlice' ? s.markSlice : s.markEndpoints).run(m.at, m.serviceId);
        for (const c of plan.clusterLast) s.setClusterLast.run(c.at, c.clusterId);
        for (const c of plan.cursors) s.setCursor.run(c.clusterId, c.kind, c.resourceVersion, c.updatedAt);
        for (const op of plan.coverage) {
          if (op.op === 'close') s.closeCoverage.run(op.at, op.reason, op.clusterId, op.kind);
          else s.addCoverage.run(op.clusterId, op.kind, op.at, op.reason);
        }
        if (plan.alive !== null) s.setAlive.run(plan.alive.at, plan.alive.clusterId);
        if (plan.checkpoint !== null) for (const name of PROJECTIONS) s.checkpoint.run(name, plan.checkpoint);
      })();
    } catch (error) {
      if (error instanceof AlreadyStored) return { committed: false, duplicates: error.duplicates };
      throw error;
    }
    return { committed: true };
  }

  rebuild<T>(replay: (session: RebuildSession) => Promise<T>): Promise<T> {
    return rebuildSession(this.db, this.stmts, replay);
  }

  prune(cutoff: number): PruneResult {
    return pruneBefore(this.db, cutoff);
  }

  reclaimSpace(onPhase: (line: string) => void): ReclaimResult {
    return reclaimSpace(this.db, onPhase);
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.options.onClose?.();
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
}

/** The first-seen marks the database holds (service_keys), for services that have one. */
export function marksOf(db: Database): IterableIterator<StoredMark> {
  return db
    .prepare(`SELECT c.name AS cluster, k.namespace, k.name, k.first_slice_at AS firstSliceAt,
      k.first_endpoints_at AS firstEndpointsAt FROM service_keys k JOIN clusters c ON c.id = k.cluster_id
      WHERE k.first_slice_at IS NOT NULL OR k.first_endpoints_at IS NOT NULL`)
    .iterate() as IterableIterator<StoredMark>;
}
