import {
  type AttrsByProjection,
  type FoldState,
  joinKey,
  type OpenRows,
  type ProjectionName,
  type RowOp,
} from '../projections/index.js';
import type { RowWriter } from './RowWriter.js';
import type { RowSink } from './WritePlan.js';

/** One projection row that was open at a prune cutoff, as a prune saves it (projection_baseline.row). */
export interface BaselineRow<P extends ProjectionName = ProjectionName> {
  scope: string;
  key: string;
  attrs: AttrsByProjection[P];
  validFrom: number;
  fromPosition: number;
}

/**
 * Reinstates the rows a prune kept as a rebuild's starting point: each is registered in the fold
 * state and handed to the writer as opened at its original valid_from, so that replaying the events
 * after the cutoff closes and opens exactly what the incremental writer did.
 */
export function restoreBaseline(
  rows: Iterable<{ projection: ProjectionName; row: BaselineRow }>,
  state: FoldState,
  writer: RowWriter,
  sink: RowSink,
): void {
  for (const { projection, row } of rows) {
    (state.open[projection] as OpenRows<unknown>).add(row.scope, row.key, row.attrs);
    const op = {
      op: 'open',
      projection,
      key: joinKey(row.scope, row.key),
      attrs: row.attrs,
      at: row.validFrom,
      position: row.fromPosition,
    } as RowOp;
    writer.apply([op], sink);
  }
}
