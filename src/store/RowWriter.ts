import {
  columnValues,
  OPEN_END,
  ownerOf,
  type ProjectionName,
  type RowOp,
  TABLES,
} from '../projections/index.js';
import type { Ids } from './Ids.js';
import type { RowInsert, RowSink } from './WritePlan.js';

type OpenOp = Extract<RowOp, { op: 'open' }>;

/**
 * Turns the fold's row ops into rows for a sink, ids and all.
 * - `incremental` (appends): a row is inserted open when it opens, and closed by id when it closes;
 *   one that opens and closes within the same plan is inserted once, complete. The id of every open
 *   row is remembered for its close.
 * - `bulk` (rebuild): a row is inserted once, complete, when it closes (ids in that order, as a
 *   rebuild always numbered them); rows still open at the end are inserted by `finish()`.
 */
export class RowWriter {
  /**
   * Row id of every open row, keyed by the row's attribute object (the fold hands the same object to
   * its open and its close): no per-row key strings kept alive.
   */
  readonly openRowIds = new WeakMap<object, number>();
  /** Rows inserted into the current plan (incremental) or waiting for their close (bulk). */
  private readonly pending = new Map<object, RowInsert | OpenOp>();

  constructor(
    private readonly ids: Ids,
    private readonly mode: 'incremental' | 'bulk' = 'incremental',
  ) {}

  apply(ops: readonly RowOp[], sink: RowSink): void {
    for (const op of ops) {
      if (op.op === 'mark') {
        sink.mark({ serviceId: this.ids.service(op.service, sink), source: op.source, at: op.at });
      } else if (op.op === 'open') {
        if (this.mode === 'bulk') this.pending.set(op.attrs, op);
        else {
          const row = this.row(op, sink);
          this.openRowIds.set(op.attrs, row.id);
          this.pending.set(op.attrs, row);
          sink.insert(row);
        }
      } else if (this.mode === 'bulk') {
        const opened = this.pending.get(op.attrs) as OpenOp | undefined;
        if (!opened) throw new Error(`projection invariant: closing unknown open row ${op.projection}`);
        this.pending.delete(op.attrs);
        const row = this.row(opened, sink);
        row.validTo = op.at;
        row.toPosition = op.position;
        row.byDelete = op.byDelete;
        sink.insert(row);
      } else {
        const id = this.openRowIds.get(op.attrs);
        if (id === undefined)
          throw new Error(`projection invariant: closing unknown open row ${op.projection}`);
        this.openRowIds.delete(op.attrs);
        const inserted = this.pending.get(op.attrs) as RowInsert | undefined;
        if (inserted !== undefined) {
          // opened in this very plan: written once, complete
          this.pending.delete(op.attrs);
          inserted.validTo = op.at;
          inserted.toPosition = op.position;
          inserted.byDelete = op.byDelete;
        } else {
          sink.close({
            projection: op.projection,
            id,
            validTo: op.at,
            toPosition: op.position,
            byDelete: op.byDelete,
          });
        }
      }
    }
  }

  /** Incremental: the plan was committed (or dropped); its rows are stored ones from now on. */
  planDone(): void {
    if (this.mode === 'incremental') this.pending.clear();
  }

  /** Bulk: inserts the rows still open. */
  finish(sink: RowSink): void {
    for (const op of this.pending.values()) sink.insert(this.row(op as OpenOp, sink));
    this.pending.clear();
  }

  /** Registers a stored open row (loading state), so that its close finds its id. */
  adopt(attrs: object, id: number): void {
    this.openRowIds.set(attrs, id);
  }

  /** The row an open op inserts, open, with a new id. */
  private row(op: OpenOp, sink: RowSink): RowInsert {
    const projection: ProjectionName = op.projection;
    const table = TABLES[projection];
    const values = columnValues(table, op.attrs);
    const owner = ownerOf(op.attrs);
    const clusterId = this.ids.cluster(typeof owner === 'string' ? owner : owner.cluster, sink);
    for (let i = 0; i < table.columns.length; i++)
      if (table.columns[i]!.type === 'port_set')
        values[i] = this.ids.ports(values[i] as string, clusterId, sink);
    return {
      projection,
      id: this.ids.take(projection, clusterId),
      ownerId: typeof owner === 'string' ? clusterId : this.ids.service(owner, sink),
      values,
      validFrom: op.at,
      fromPosition: op.position,
      validTo: OPEN_END,
      toPosition: null,
      byDelete: false,
    };
  }
}
