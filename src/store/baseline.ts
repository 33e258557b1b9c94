import type { AttrsByProjection, FoldState, OpenRows, ProjectionName, RowOp } from '../projections/index.js';
import type { RowWriter } from './RowWriter.js';
import type { StoredRow } from './StoreBackend.js';
import type { RowSink } from './WritePlan.js';

/** One projection row that was open at a prune cutoff, as a prune saves it (projection_baseline.row). */
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

/**
 * A row a prune keeps, as it saves it: open at the cutoff (its valid_from and first position), or,
 * for a last-seen row that ended before the cutoff, whole — the rebuild inserts that one as it is.
 */
export function baselineRowOf(r: StoredRow, cutoff: number): BaselineRow {
  return {
    scope: r.scope,
    key: r.key,
    attrs: r.attrs,
    validFrom: r.validFrom,
    fromPosition: r.fromPosition,
    ...(r.validTo < cutoff ? { validTo: r.validTo, toPosition: r.toPosition } : {}),
  };
}

/**
 * Reinstates the rows a prune kept as a rebuild's starting point: each row open at the cutoff is
 * registered in the fold state and handed to the writer as opened at its original valid_from, so
 * that replaying the events after the cutoff closes and opens exactly what the incremental writer
 * did. The events before the cutoff must then only restore the rest of the fold state
 * (restoreEvent), never change these open rows. The rows that ended before the cutoff but were kept
 * (the prune's last-seen rows) are written as they were, never part of the fold state.
 */
export function restoreBaseline(
  rows: Iterable<{ projection: ProjectionName; row: BaselineRow }>,
  state: FoldState,
  writer: RowWriter,
  sink: RowSink,
): void {
  for (const { projection, row } of rows) {
    const op = {
      op: 'open',
      projection,
      scope: row.scope,
      key: row.key,
      attrs: row.attrs,
      at: row.validFrom,
      position: row.fromPosition,
    } as RowOp;
    writer.apply([op], sink);
    if (row.validTo === undefined) {
      (state.open[projection] as OpenRows<unknown>).add(row.scope, row.key, row.attrs);
      continue;
    }
    const close = {
      op: 'close',
      projection,
      scope: row.scope,
      key: row.key,
      attrs: row.attrs,
      at: row.validTo,
      position: row.toPosition ?? row.fromPosition,
      byDelete: false,
    } as RowOp;
    writer.apply([close], sink);
  }
}
