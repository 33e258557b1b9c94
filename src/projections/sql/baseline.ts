import type { Database } from 'better-sqlite3';
import type { FoldState } from '../foldState.js';
import { joinKey } from '../keys.js';
import type { OpenRows } from '../OpenRows.js';
import type { AttrsByProjection, ProjectionName, RowOp } from '../types.js';
import type { ProjectionWriter } from './writer.js';

/** One projection row that was open at a prune cutoff, as stored in projection_baseline.row. */
export interface BaselineRow<P extends ProjectionName = ProjectionName> {
  scope: string;
  key: string;
  attrs: AttrsByProjection[P];
  validFrom: number;
  fromPosition: number;
  /** Set for a row that ended before the cutoff (a service's last state or membership change, kept). */
  validTo?: number;
  toPosition?: number | null;
}

/** Prune cutoffs by cluster name: events observed before them are a baseline, not history. */
export function pruneFloors(db: Database): Map<string, number> {
  const rows = db
    .prepare('SELECT c.name, f.cutoff FROM prune_floors f JOIN clusters c ON c.id = f.cluster_id')
    .all() as {
    name: string;
    cutoff: number;
  }[];
  return new Map(rows.map((r) => [r.name, r.cutoff]));
}

/**
 * Clears the first-seen marks (service_keys) a rebuild recomputes from the log, keeping those before
 * a cluster's prune cutoff: the events that set them may be gone (a service whose slices were all
 * deleted before the cutoff keeps EndpointSlices as its source).
 */
export function clearMarksAfterFloors(db: Database): void {
  const floor = '(SELECT f.cutoff FROM prune_floors f WHERE f.cluster_id = service_keys.cluster_id)';
  db.exec(`UPDATE service_keys SET
    first_slice_at = CASE WHEN first_slice_at < ${floor} THEN first_slice_at END,
    first_endpoints_at = CASE WHEN first_endpoints_at < ${floor} THEN first_endpoints_at END`);
}

/**
 * Reinstates the rows a prune kept as the starting point: each row open at the cutoff is inserted
 * open, with its original valid_from, and registered in the fold state and the writer, so replaying
 * the events after the cutoff closes and opens exactly what the incremental writer did. The events
 * before the cutoff must then only restore the rest of the fold state (restoreEvent), never change
 * these open rows. The rows that ended before the cutoff but were kept (lastSeenRows) are inserted
 * as they were.
 */
export function loadBaseline(db: Database, state: FoldState, writer: ProjectionWriter): void {
  const rows = db.prepare('SELECT projection, row FROM projection_baseline ORDER BY rowid').all() as {
    projection: ProjectionName;
    row: string;
  }[];
  for (const r of rows) {
    const row = JSON.parse(r.row) as BaselineRow;
    const key = joinKey(row.scope, row.key);
    const op = {
      op: 'open',
      projection: r.projection,
      key,
      attrs: row.attrs,
      at: row.validFrom,
      position: row.fromPosition,
    };
    writer.apply([op as RowOp]);
    if (row.validTo === undefined) {
      (state.open[r.projection] as OpenRows<unknown>).add(row.scope, row.key, row.attrs);
      continue;
    }
    // ended before the cutoff: written as it was, never part of the fold state
    const close: RowOp = {
      op: 'close',
      projection: r.projection,
      key,
      attrs: row.attrs,
      at: row.validTo,
      position: row.toPosition ?? row.fromPosition,
      byDelete: false,
    };
    writer.apply([close]);
  }
}
