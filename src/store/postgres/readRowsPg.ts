import type pg from 'pg';
import { PROJECTIONS, type ProjectionName, TABLES, type TableLayout } from '../../projections/index.js';
import type { StoredRow } from '../StoreBackend.js';
import { rowLayout, storedRowOf } from '../storedRowOf.js';

/**
 * `SELECT …` of a table's rows: id, the owner's cluster name (and, for a service, its namespace and
 * name), the column values in declaration order (a port set's JSON in place of its id),
 * valid_from, valid_to, from_position, to_position (NULL for a table without it); wrapped as `r` so
 * that `where` can use r.id, r.valid_from, r.valid_to and r.cluster_id. Every join keeps cluster_id.
 */
function selectRowsSql(t: TableLayout, where: string): string {
  const joins: string[] = ['JOIN clusters c ON c.cluster_id = m.cluster_id'];
  const owner: string[] = ['c.name AS owner_cluster'];
  if (t.owner === 'service') {
    joins.push('JOIN service_keys k ON k.cluster_id = m.cluster_id AND k.id = m.service_id');
    owner.push('k.namespace AS owner_namespace', 'k.name AS owner_name');
  }
  const values = t.columns.map((col, i) => {
    if (col.type !== 'port_set') return `m.${col.name} AS v${i}`;
    joins.push(`JOIN port_sets p${i} ON p${i}.cluster_id = m.cluster_id AND p${i}.id = m.${col.name}`);
    return `p${i}.ports AS v${i}`;
  });
  const toPosition = t.closeColumns.includes('to_position') ? 'm.to_position' : 'NULL::bigint';
  return `SELECT * FROM (SELECT m.id, ${owner.join(', ')}, m.cluster_id, ${values.join(', ')}, m.valid_from, m.valid_to,
    m.from_position, ${toPosition} AS to_position FROM ${t.name} m ${joins.join(' ')}) r WHERE ${where}`;
}

/**
 * Projection rows matching `where` (SQL over `r`; parameters `$1…`), every table in turn, each
 * row's attributes rebuilt through its table's declaration so that they compare equal to the fold's.
 */
export async function* readRowsPg(
  client: pg.Client,
  where: string,
  params: readonly unknown[],
  projections: readonly ProjectionName[] = PROJECTIONS,
): AsyncGenerator<StoredRow> {
  for (const name of projections) {
    const t = TABLES[name];
    const layout = rowLayout(name);
    const { rows } = await client.query<unknown[]>({
      text: selectRowsSql(t, where),
      values: [...params],
      rowMode: 'array',
    });
    for (const r of rows) yield storedRowOf(layout, r, r.slice(layout.first, layout.first + layout.n));
  }
}
