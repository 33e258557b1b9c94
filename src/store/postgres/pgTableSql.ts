import type { ColumnType, TableLayout } from '../../projections/index.js';

/** The PostgreSQL type of a declared column (a port set is referenced by its bigint id). */
const SQL_TYPE: Record<ColumnType, string> = {
  text: 'text',
  integer: 'bigint',
  boolean: 'boolean',
  port_set: 'bigint',
};

/** A projection table's stored columns in insert order, with their types (cluster_id first). */
export function insertColumns(t: TableLayout): { name: string; type: string }[] {
  return [
    { name: 'cluster_id', type: 'bigint' },
    { name: 'id', type: 'bigint' },
    ...(t.owner === 'service' ? [{ name: 'service_id', type: 'bigint' }] : []),
    ...t.columns.map((c) => ({ name: c.name, type: SQL_TYPE[c.type] })),
    { name: 'valid_from', type: 'bigint' },
    { name: 'from_position', type: 'bigint' },
    { name: 'valid_to', type: 'bigint' },
    ...t.closeColumns.map((c) => ({ name: c, type: c === 'to_position' ? 'bigint' : 'boolean' })),
  ];
}

/**
 * `INSERT INTO <table> (…) SELECT * FROM unnest($1::bigint[], …)`: every row of a batch in one
 * statement of constant text (one prepared statement per table, whatever the batch size), each
 * parameter an array of one column's values.
 */
export function unnestInsertSql(
  table: string,
  columns: readonly { name: string; type: string }[],
  suffix = '',
): string {
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${arrays})${suffix}`;
}

/** `UPDATE <table> SET valid_to, close columns… FROM unnest(…)`: a batch's closes in one statement. */
export function unnestCloseSql(t: TableLayout): string {
  const cols = [
    { name: 'cluster_id', type: 'bigint' },
    { name: 'id', type: 'bigint' },
    { name: 'valid_to', type: 'bigint' },
    ...t.closeColumns.map((c) => ({ name: c, type: c === 'to_position' ? 'bigint' : 'boolean' })),
  ];
  const set = cols.slice(2).map((c) => `${c.name} = u.${c.name}`);
  return `UPDATE ${t.name} m SET ${set.join(', ')} FROM unnest(${cols.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})
    AS u(${cols.map((c) => c.name).join(', ')}) WHERE m.cluster_id = u.cluster_id AND m.id = u.id`;
}

/** Rows as column arrays (what an unnest statement takes). */
export function columnsOf(rows: readonly unknown[][], width: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) out[c]![r] = row[c];
  }
  return out;
}
