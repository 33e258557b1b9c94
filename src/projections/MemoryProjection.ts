import { joinKey } from './keys.js';
import { type AttrsByProjection, OPEN_END, type ProjectionName, type RowOp } from './types.js';

export interface MemoryRow<P extends ProjectionName = ProjectionName> {
  key: string;
  attrs: AttrsByProjection[P];
  validFrom: number;
  validTo: number;
}

/**
 * The projections held in memory: the reference the property tests compare SQL against, fed by the
 * very same fold. Answers "which rows were valid at T" by a scan.
 */
export class MemoryProjection {
  readonly rows: { [P in ProjectionName]: MemoryRow<P>[] } = {
    endpoint_members: [],
    pod_ips: [],
    pod_states: [],
    service_states: [],
  };
  private readonly open = new Map<string, MemoryRow>();

  apply(ops: readonly RowOp[]): void {
    for (const op of ops) {
      if (op.op === 'mark') continue;
      const key = joinKey(op.scope, op.key);
      const k = joinKey(op.projection, key);
      if (op.op === 'close') {
        const row = this.open.get(k);
        if (!row) throw new Error(`closing unknown row ${k}`);
        row.validTo = op.at;
        this.open.delete(k);
      } else {
        const row = { key, attrs: op.attrs, validFrom: op.at, validTo: OPEN_END } as MemoryRow;
        (this.rows[op.projection] as MemoryRow[]).push(row);
        this.open.set(k, row);
      }
    }
  }

  /** Rows of a projection with validFrom ≤ at < validTo. */
  at<P extends ProjectionName>(projection: P, at: number): MemoryRow<P>[] {
    return (this.rows[projection] as MemoryRow<P>[]).filter((r) => r.validFrom <= at && at < r.validTo);
  }
}
