import { type ProjectionName, TABLES } from '../projections/index.js';
import type { StoredRow } from './StoreBackend.js';

/** How a backend's `SELECT` of a table's rows lays out its values (see the backends' selectRowsSql). */
export interface RowLayout {
  name: ProjectionName;
  byService: boolean;
  /** Index of the first column value: after id, the owner (cluster [, namespace, name]) and cluster_id. */
  first: number;
  /** How many column values. */
  n: number;
}

export function rowLayout(name: ProjectionName): RowLayout {
  const t = TABLES[name];
  const byService = t.owner === 'service';
  return { name, byService, first: byService ? 5 : 3, n: t.columns.length };
}

/**
 * One selected row as the fold produced it: id, owner, the column values (already in their JS types:
 * the caller converts a backend's own spellings, e.g. SQLite's 0/1 booleans), valid_from, valid_to,
 * from_position, to_position — its attributes rebuilt through the table's declaration so that they
 * compare equal to the fold's. The same for every backend.
 */
export function storedRowOf(layout: RowLayout, r: unknown[], values: unknown[]): StoredRow {
  const { name, byService, first, n } = layout;
  const t = TABLES[name];
  const owner = byService
    ? { cluster: r[1] as string, namespace: r[2] as string, name: r[3] as string }
    : (r[1] as string);
  const attrs = t.attrsOf(owner, values);
  return {
    projection: name,
    id: r[0] as number,
    scope: t.scopeOf(attrs as never),
    key: t.keyOf(attrs as never),
    attrs,
    validFrom: r[first + n] as number,
    validTo: r[first + n + 1] as number,
    fromPosition: r[first + n + 2] as number,
    toPosition: r[first + n + 3] as number | null,
  } as StoredRow;
}
