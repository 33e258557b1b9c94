import type { Database } from 'better-sqlite3';
import { PROJECTIONS, type ProjectionName, TABLES } from '../../projections/index.js';
import type { StoredRow } from '../StoreBackend.js';
import { rowLayout, storedRowOf } from '../storedRowOf.js';
import { selectRowsSql } from './tableSql.js';

/**
 * Projection rows matching `where` (SQL over `r`, with r.id, r.valid_from, r.valid_to and r.cluster_id),
 * every table in turn, each row's attributes rebuilt through its table's declaration so that they
 * compare equal to the fold's. A generator over iterating statements: a large store's rows are
 * never all in memory at once (and no other statement may run on `db` while it is being read).
 */
export function* readRows(
  db: Database,
  where: string,
  params: readonly unknown[],
  projections: readonly ProjectionName[] = PROJECTIONS,
): Generator<StoredRow> {
  for (const name of projections) {
    const t = TABLES[name];
    const layout = rowLayout(name);
    const bools = t.columns.map((c) => c.type === 'boolean');
    const rows = db
      .prepare(selectRowsSql(t, where))
      .raw()
      .iterate(...params) as IterableIterator<unknown[]>;
    for (const r of rows) {
      const values = r.slice(layout.first, layout.first + layout.n);
      for (let i = 0; i < layout.n; i++) if (bools[i]) values[i] = values[i] === 1;
      yield storedRowOf(layout, r, values);
    }
  }
}
