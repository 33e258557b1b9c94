import type { Database } from 'better-sqlite3';
import { PROJECTIONS, type ProjectionName, TABLES } from '../../projections/index.js';
import type { BaselineRow } from '../baseline.js';
import { StoreIds } from '../Ids.js';
import type { RebuildSession, StoredBaselineRow } from '../StoreBackend.js';
import { EventReader } from './eventReader.js';
import type { SqliteStatements } from './SqliteBackend.js';
import { internedRows, marksOf } from './SqliteBackend.js';
import { closeParams, insertParams } from './tableSql.js';

/** The projection tables' own indexes (name and CREATE statement), which a bulk rewrite drops and re-creates. */
export function projectionIndexes(db: Database): { name: string; sql: string }[] {
  const tables = PROJECTIONS.map((t) => `'${t}'`).join(',');
  return db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables})`,
    )
    .all() as { name: string; sql: string }[];
}

/**
 * Runs a rebuild's `replay` in ONE transaction (a crash leaves the old projections intact): the
 * projection tables emptied, their indexes dropped first and re-created at the end (each row is then
 * inserted once, into a bare table), the first-seen marks (but those before a prune's cutoff) and
 * the checkpoints reset.
 */
export async function rebuildSession<T>(
  db: Database,
  s: SqliteStatements,
  replay: (session: RebuildSession) => Promise<T>,
): Promise<T> {
  // BEGIN/COMMIT by hand: the replay is a promise (db.transaction takes only synchronous functions).
  // It runs synchronously all the same over SQLite's synchronous session, and nothing else uses
  // this connection (the writer's) meanwhile.
  db.exec('BEGIN');
  try {
    const result = await replayIn(db, s, replay);
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function replayIn<T>(
  db: Database,
  s: SqliteStatements,
  replay: (session: RebuildSession) => Promise<T>,
): Promise<T> {
  {
    const indexes = projectionIndexes(db);
    for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
    for (const t of PROJECTIONS) db.exec(`DELETE FROM ${t}`);
    // the first-seen marks are recomputed from the log but for those before a cluster's prune cutoff:
    // the events that set them may be gone (a service whose slices were all deleted before the
    // cutoff keeps EndpointSlices as its source)
    const floor = '(SELECT f.cutoff FROM prune_floors f WHERE f.cluster_id = service_keys.cluster_id)';
    db.exec(`UPDATE service_keys SET
      first_slice_at = CASE WHEN first_slice_at < ${floor} THEN first_slice_at END,
      first_endpoints_at = CASE WHEN first_endpoints_at < ${floor} THEN first_endpoints_at END`);
    db.exec('DELETE FROM projection_checkpoints');
    const { next, ...interned } = internedRows(db);
    const session: RebuildSession = {
      total: db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number,
      interned,
      ids: new StoreIds(next),
      marks: () => marksOf(db),
      baseline: () =>
        (
          db.prepare('SELECT projection, row FROM projection_baseline ORDER BY rowid').all() as {
            projection: ProjectionName;
            row: string;
          }[]
        ).map(
          (r): StoredBaselineRow => ({ projection: r.projection, row: JSON.parse(r.row) as BaselineRow }),
        ),
      pruneFloors: () =>
        new Map(
          (
            db
              .prepare('SELECT c.name, f.cutoff FROM prune_floors f JOIN clusters c ON c.id = f.cluster_id')
              .all() as { name: string; cutoff: number }[]
          ).map((r) => [r.name, r.cutoff]),
        ),
      events: () => new EventReader(db).all(0),
      cluster: (c) => s.addCluster.run(c.id, c.name),
      serviceKey: (k) => s.addService.run(k.id, k.clusterId, k.namespace, k.name),
      portSet: (p) => s.addPorts.run(p.id, p.ports),
      insert: (r) => s.insert[r.projection].run(...insertParams(TABLES[r.projection], r)),
      close: (c) => s.close[c.projection].run(...closeParams(TABLES[c.projection], c)),
      mark: (m) => (m.source === 'EndpointSlice' ? s.markSlice : s.markEndpoints).run(m.at, m.serviceId),
      finish: (position) => {
        for (const i of indexes) db.exec(i.sql);
        for (const name of PROJECTIONS) s.checkpoint.run(name, position);
      },
    };
    return replay(session);
  }
}
