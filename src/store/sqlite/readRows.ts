import type { Database } from 'better-sqlite3';
import { PROJECTIONS, type ProjectionName, TABLES } from '../../projections/index.js';
import type { StoredRow } from '../StoreBackend.js';
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
    const byService = t.owner === 'service';
    const first = byService ? 5 : 3; // id, owner (cluster [, namespace, name]), cluster_id
    const bools = t.columns.map((c) => c.type === 'boolean');
    const n = t.columns.length;
    const rows = db
      .prepare(selectRowsSql(t, where))
      .raw()
      .iterate(...params) as IterableIterator<unknown[]>;
    for (const r of rows) {
      const values = r.slice(first, first + n);
      for (let i = 0; i < n; i++) if (bools[i]) values[i] = values[i] === 1;
      const owner = byService
        ? { cluster: r[1] as string, namespace: r[2] as string, name: r[3] as string }
        : (r[1] as string);
      const attrs = t.attrsOf(owner, values);
      yield {
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
  }
}
