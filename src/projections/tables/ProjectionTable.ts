import type { AttrsByProjection, ProjectionName, ServiceRef } from '../types.js';

/**
 * How a column's value is stored, whatever the database: `text`, `integer`, `boolean` (a backend
 * picks the encoding: 0/1 in SQLite), or `port_set` — a port list kept once in `port_sets` and
 * referenced by id.
 */
export type ColumnType = 'text' | 'integer' | 'boolean' | 'port_set';

/** A column holding one attribute of the row (`column` checks the field against the attributes). */
export interface AttrColumn {
  name: string;
  field: string;
  type: ColumnType;
  nullable: boolean;
}

/** The columns every projection row has: its validity interval and the positions that bound it. */
export const INTERVAL_COLUMNS = ['valid_from', 'from_position', 'valid_to'] as const;

/** What closing a row writes besides `valid_to`. */
export type CloseColumn = 'to_position' | 'ended_by_delete';

/** A table's layout: what generating its SQL needs, whatever its attributes' types. */
export interface TableLayout {
  readonly name: ProjectionName;
  /**
   * What owns a row: a cluster (`cluster_id` → clusters, from the `cluster` attribute) or a service
   * (`service_id` → service_keys, from the `service` attribute).
   */
  readonly owner: 'cluster' | 'service';
  readonly columns: readonly AttrColumn[];
  readonly closeColumns: readonly CloseColumn[];
}

/**
 * One projection table, declared once: its name, the reference to what owns its rows, its attribute
 * columns in order, what a close writes, how the fold scopes and keys its rows, and how a row read
 * back becomes the attributes the fold produced. Every writer, reader, loader, baseline, prune and
 * query of the table works from this declaration; the SQL text is the backend's (src/store/sqlite).
 */
export interface ProjectionTable<P extends ProjectionName> extends TableLayout {
  readonly name: P;
  /** The fold replaces a table's open rows scope by scope (a pod, a service and source, a service). */
  scopeOf(attrs: AttrsByProjection[P]): string;
  /** A row's identity within its scope. */
  keyOf(attrs: AttrsByProjection[P]): string;
  /**
   * The attributes of a stored row, as the fold builds them (same fields, same order): `owner` is
   * the cluster name or the service, `values` the decoded column values in `columns` order.
   */
  attrsOf(owner: string | ServiceRef, values: readonly unknown[]): AttrsByProjection[P];
}

/** A column of attribute `field` stored as `name`. */
export const column = <A>(
  name: string,
  field: keyof A & string,
  type: ColumnType,
  nullable = false,
): AttrColumn => ({ name, field, type, nullable });

/** The column values of `attrs` in `table.columns` order (a port list as is: the backend interns it). */
export function columnValues(table: TableLayout, attrs: object): unknown[] {
  const values = new Array<unknown>(table.columns.length);
  const a = attrs as Record<string, unknown>;
  for (let i = 0; i < table.columns.length; i++) values[i] = a[table.columns[i]!.field];
  return values;
}

/** The owner of a row with these attributes: its cluster name, or its service. */
export function ownerOf(attrs: object): string | ServiceRef {
  return 'service' in attrs ? (attrs.service as ServiceRef) : (attrs as { cluster: string }).cluster;
}
