import type { TableLayout } from '../../projections/index.js';
import type { RowClose, RowInsert } from '../WritePlan.js';

/** The column naming a row's owner, as SQLite stores it. */
export const ownerColumn = (t: TableLayout): string => (t.owner === 'cluster' ? 'cluster_id' : 'service_id');

/** SQLite has no boolean type: 0/1 (mirrored by `bool` when reading back). */
export const sqlValue = (v: unknown): unknown => (v === true ? 1 : v === false ? 0 : v);

/** The columns `insertSql` names: id, owner, columns…, valid_from, from_position, valid_to, close columns…. */
export function insertColumns(t: TableLayout): string[] {
  return [
    'id',
    ownerColumn(t),
    ...t.columns.map((c) => c.name),
    'valid_from',
    'from_position',
    'valid_to',
    ...t.closeColumns,
  ];
}

/** `INSERT INTO <table> (id, owner, columns…, valid_from, from_position, valid_to, close columns…)`. */
export function insertSql(t: TableLayout): string {
  const columns = insertColumns(t);
  return `INSERT INTO ${t.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

/** Appends the parameters of `insertSql` for a row to `out`. */
export function insertParamsInto(t: TableLayout, r: RowInsert, out: unknown[]): void {
  out.push(r.id, r.ownerId);
  for (const v of r.values) out.push(sqlValue(v));
  out.push(r.validFrom, r.fromPosition, r.validTo);
  for (const c of t.closeColumns) out.push(c === 'to_position' ? r.toPosition : sqlValue(r.byDelete));
}

/** The parameters of `insertSql` for a row. */
export function insertParams(t: TableLayout, r: RowInsert): unknown[] {
  const params: unknown[] = [];
  insertParamsInto(t, r, params);
  return params;
}

/** `UPDATE <table> SET valid_to = ?, close columns… WHERE id = ?`. */
export function closeSql(t: TableLayout): string {
  const set = ['valid_to = ?', ...t.closeColumns.map((c) => `${c} = ?`)];
  return `UPDATE ${t.name} SET ${set.join(', ')} WHERE id = ?`;
}

export function closeParams(t: TableLayout, c: RowClose): unknown[] {
  const params: unknown[] = [c.validTo];
  for (const col of t.closeColumns) params.push(col === 'to_position' ? c.toPosition : sqlValue(c.byDelete));
  params.push(c.id);
  return params;
}

/**
 * `SELECT …` of a table's rows as arrays: id, the owner's cluster name (and, for a service, its
 * namespace and name), the column values in declaration order (a port set's JSON in place of its
 * id), valid_from, valid_to, from_position, to_position (NULL for a table without it); wrapped as
 * `r` so that `where` can use r.id, r.valid_from, r.valid_to and r.cluster_id.
 */
export function selectRowsSql(t: TableLayout, where: string): string {
  const joins: string[] = [];
  const owner: string[] = [];
  if (t.owner === 'service') {
    joins.push('JOIN service_keys k ON k.id = m.service_id JOIN clusters c ON c.id = k.cluster_id');
    owner.push(
      'c.name AS owner_cluster',
      'k.namespace AS owner_namespace',
      'k.name AS owner_name',
      'k.cluster_id',
    );
  } else {
    joins.push('JOIN clusters c ON c.id = m.cluster_id');
    owner.push('c.name AS owner_cluster', 'm.cluster_id');
  }
  const values = t.columns.map((col, i) => {
    if (col.type !== 'port_set') return `m.${col.name} AS v${i}`;
    joins.push(`JOIN port_sets p${i} ON p${i}.id = m.${col.name}`);
    return `p${i}.ports AS v${i}`;
  });
  const toPosition = t.closeColumns.includes('to_position') ? 'm.to_position' : 'NULL';
  return `SELECT * FROM (SELECT m.id, ${owner.join(', ')}, ${values.join(', ')}, m.valid_from, m.valid_to,
    m.from_position, ${toPosition} AS to_position FROM ${t.name} m ${joins.join(' ')}) r WHERE ${where}`;
}
