import type { Database } from 'better-sqlite3';
import { EventReader } from '../store/eventReader.js';
import { applyEvent } from './applyEvent.js';
import { createFoldState } from './foldState.js';
import { restoreEvent } from './restoreEvent.js';
import { clearMarksAfterFloors, loadBaseline, pruneFloors } from './sql/baseline.js';
import { SqlIds } from './sql/ids.js';
import { loadMarks } from './sql/loadMarks.js';
import { ProjectionWriter } from './sql/writer.js';
import { PROJECTIONS } from './types.js';

/** The projection tables' own indexes (name and CREATE statement), which a bulk rewrite drops and re-creates. */
export function projectionIndexes(db: Database): { name: string; sql: string }[] {
  const tables = PROJECTIONS.map((t) => `'${t}'`).join(',');
  return db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables})`,
    )
    .all() as { name: string; sql: string }[];
}

export interface RebuildProgress {
  applied: number;
  total: number;
  elapsedMs: number;
}

export interface RebuildResult {
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

/**
 * Throws the projections away and recreates them from the event log, from position 0 (or from the
 * baseline a prune left): one transaction, so a crash leaves the old projections intact. Indexes are
 * dropped first and rebuilt at the end, and each row is inserted once, complete (bulk writer). The
 * result equals what the incremental writer produced. Callers holding a Store must reload its caches.
 */
export function rebuildProjections(
  db: Database,
  options: { onProgress?: (p: RebuildProgress) => void; progressEvery?: number } = {},
): RebuildResult {
  const started = performance.now();
  const total = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  const every = options.progressEvery ?? 100_000;
  let applied = 0;
  db.transaction(() => {
    const indexes = projectionIndexes(db);
    for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
    for (const t of PROJECTIONS) db.exec(`DELETE FROM ${t}`);
    clearMarksAfterFloors(db);
    db.exec('DELETE FROM projection_checkpoints');

    const state = createFoldState();
    const writer = new ProjectionWriter(db, new SqlIds(db), 'bulk');
    loadMarks(db, state);
    loadBaseline(db, state, writer);
    const floors = pruneFloors(db);
    let lastPosition = 0;
    for (const ev of new EventReader(db).all(0)) {
      // before a prune's cutoff, the open rows are the baseline's: those events restore the rest
      const floor = floors.get(ev.cluster);
      writer.apply(
        floor !== undefined && ev.observedAt < floor ? restoreEvent(state, ev) : applyEvent(state, ev),
      );
      applied++;
      lastPosition = ev.position;
      if (options.onProgress && applied % every === 0)
        options.onProgress({ applied, total, elapsedMs: performance.now() - started });
    }
    writer.finish();
    for (const i of indexes) db.exec(i.sql);
    writer.setCheckpoint(lastPosition);
  })();
  const elapsedMs = performance.now() - started;
  options.onProgress?.({ applied, total, elapsedMs });
  return { events: applied, elapsedMs, eventsPerSecond: applied / Math.max(elapsedMs / 1000, 1e-9) };
}
