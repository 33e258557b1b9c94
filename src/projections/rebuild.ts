import type { Database } from 'better-sqlite3';
import { EventReader } from '../store/eventReader.js';
import { applyEvent } from './applyEvent.js';
import { createFoldState } from './foldState.js';
import { loadBaseline, pruneFloors } from './sql/baseline.js';
import { SqlIds } from './sql/ids.js';
import { ProjectionWriter } from './sql/writer.js';

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

const PROJECTION_TABLES = ['endpoint_members', 'pod_ips', 'pod_states', 'service_states'];

/**
 * Throws the projections away and recreates them from the event log, from position 0 (or from the
 * baseline a prune left), in transactions of `batchSize` events. The result equals what the
 * incremental writer produced. Callers holding a Store must reload its caches afterwards.
 */
export function rebuildProjections(
  db: Database,
  options: { batchSize?: number; onProgress?: (p: RebuildProgress) => void; progressEvery?: number } = {},
): RebuildResult {
  const started = performance.now();
  const batchSize = options.batchSize ?? 20_000;
  const total = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  const ids = new SqlIds(db);
  const state = createFoldState();
  let writer!: ProjectionWriter;
  db.transaction(() => {
    for (const t of PROJECTION_TABLES) db.exec(`DELETE FROM ${t}`);
    db.exec('UPDATE service_keys SET first_slice_at = NULL, first_endpoints_at = NULL');
    db.exec('DELETE FROM projection_checkpoints');
    writer = new ProjectionWriter(db, ids);
    loadBaseline(db, state, writer);
  })();
  const floors = pruneFloors(db);
  const reader = new EventReader(db);
  const events = reader.all(0);
  let applied = 0;
  let lastPosition = 0;
  let lastReport = 0;
  const every = options.progressEvery ?? 100_000;
  for (;;) {
    let done = false;
    db.transaction(() => {
      for (let i = 0; i < batchSize; i++) {
        const next = events.next();
        if (next.done) {
          done = true;
          break;
        }
        const ev = next.value;
        const ops = applyEvent(state, ev);
        // A prune's baseline events only restore the fold state: their rows come from the baseline.
        writer.apply(ev.observedAt < (floors.get(ev.cluster) ?? Number.NEGATIVE_INFINITY) ? ops.filter((o) => o.op === 'mark') : ops);
        applied++;
        lastPosition = ev.position;
      }
      writer.setCheckpoint(lastPosition);
    })();
    if (options.onProgress && (done || applied - lastReport >= every)) {
      lastReport = applied;
      options.onProgress({ applied, total, elapsedMs: performance.now() - started });
    }
    if (done) break;
  }
  const elapsedMs = performance.now() - started;
  return { events: applied, elapsedMs, eventsPerSecond: applied / Math.max(elapsedMs / 1000, 1e-9) };
}
