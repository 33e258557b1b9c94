import type pg from 'pg';
import { PROJECTIONS, type ProjectionName, TABLES } from '../../projections/index.js';
import { getOrCreate } from '../../util/getOrCreate.js';
import type { RowInsert, WritePlan } from '../WritePlan.js';
import { clusterOfId } from './ClusterIds.js';
import { columnsOf, insertColumns, unnestCloseSql, unnestInsertSql } from './pgTableSql.js';

/** A named statement: prepared once per connection by node-postgres, then executed by name. */
const run = (client: pg.Client, name: string, text: string, values: unknown[]) =>
  client.query({ name, text, values });

const EVENT_COLUMNS = [
  { name: 'cluster_id', type: 'bigint' },
  { name: 'position', type: 'bigint' },
  { name: 'object_id', type: 'bigint' },
  { name: 'resource_version', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'source', type: 'text' },
  { name: 'observed_at', type: 'bigint' },
  { name: 'not_before', type: 'bigint' },
  { name: 'occurred_at', type: 'bigint' },
  { name: 'hash', type: 'text' },
  { name: 'base_position', type: 'bigint' },
  { name: 'object', type: 'bytea' },
];
const INSERT_EVENTS = unnestInsertSql('events', EVENT_COLUMNS, ' ON CONFLICT DO NOTHING RETURNING position');
const INSERT_OBJECTS = unnestInsertSql('objects', [
  { name: 'cluster_id', type: 'bigint' },
  { name: 'id', type: 'bigint' },
  { name: 'kind', type: 'text' },
  { name: 'uid', type: 'text' },
  { name: 'namespace', type: 'text' },
  { name: 'name', type: 'text' },
]);
const INSERT_SERVICES = unnestInsertSql('service_keys', [
  { name: 'cluster_id', type: 'bigint' },
  { name: 'id', type: 'bigint' },
  { name: 'namespace', type: 'text' },
  { name: 'name', type: 'text' },
]);
const INSERT_PORTS = unnestInsertSql('port_sets', [
  { name: 'cluster_id', type: 'bigint' },
  { name: 'id', type: 'bigint' },
  { name: 'ports', type: 'text' },
]);
const markSql = (column: string) => `UPDATE service_keys k SET ${column} = u.at
  FROM (SELECT cluster_id, id, MIN(at) AS at FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS x(cluster_id, id, at)
    GROUP BY cluster_id, id) u
  WHERE k.cluster_id = u.cluster_id AND k.id = u.id AND k.${column} IS NULL`;
const MARK_SLICE = markSql('first_slice_at');
const MARK_ENDPOINTS = markSql('first_endpoints_at');
const SET_CLOCK = `INSERT INTO cluster_clocks (cluster_id, last_observed_at) VALUES ($1, $2)
  ON CONFLICT (cluster_id) DO UPDATE SET last_observed_at = excluded.last_observed_at`;
const SET_ALIVE = `INSERT INTO cluster_clocks (cluster_id, alive_at) VALUES ($1, $2) ON CONFLICT (cluster_id)
  DO UPDATE SET alive_at = GREATEST(COALESCE(cluster_clocks.alive_at, 0), excluded.alive_at)`;
const SET_CURSORS = `INSERT INTO watch_cursors (cluster_id, kind, resource_version, updated_at)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[])
  ON CONFLICT (cluster_id, kind) DO UPDATE SET resource_version = excluded.resource_version, updated_at = excluded.updated_at`;
const OPEN_COVERAGE =
  'INSERT INTO coverage (cluster_id, kind, started_at, start_reason) VALUES ($1, $2, $3, $4)';
const CLOSE_COVERAGE = `UPDATE coverage SET ended_at = GREATEST($1::bigint, started_at), end_reason = $2
  WHERE cluster_id = $3 AND kind = $4 AND ended_at IS NULL`;
const CHECKPOINT = `INSERT INTO projection_checkpoints (cluster_id, name, position)
  SELECT $1, name, $2 FROM unnest($3::text[]) AS n(name)
  ON CONFLICT (cluster_id, name) DO UPDATE SET position = excluded.position`;

const INSERT_ROWS = Object.fromEntries(
  PROJECTIONS.map((p) => [p, unnestInsertSql(p, insertColumns(TABLES[p]))]),
) as Record<ProjectionName, string>;
const CLOSE_ROWS = Object.fromEntries(PROJECTIONS.map((p) => [p, unnestCloseSql(TABLES[p])])) as Record<
  ProjectionName,
  string
>;

/** A row insert's values in insertColumns order. */
function insertRow(r: RowInsert): unknown[] {
  const t = TABLES[r.projection];
  const row: unknown[] = [clusterOfId(r.id), r.id];
  if (t.owner === 'service') row.push(r.ownerId);
  for (const v of r.values) row.push(v);
  row.push(r.validFrom, r.fromPosition, r.validTo);
  for (const c of t.closeColumns) row.push(c === 'to_position' ? r.toPosition : r.byDelete);
  return row;
}

/** Writes a plan's interned rows and projection rows (what a rebuild's pages write). */
export async function writeRows(client: pg.Client, plan: WritePlan): Promise<void> {
  await writeInterned(client, plan);
  await writeProjectionRows(client, plan);
}

/** New service keys, port sets and objects. */
async function writeInterned(client: pg.Client, plan: WritePlan): Promise<void> {
  if (plan.clusters.length > 0) throw new Error('PostgreSQL registers clusters before a plan is made');
  if (plan.serviceKeys.length > 0)
    await run(
      client,
      'eph_services',
      INSERT_SERVICES,
      columnsOf(
        plan.serviceKeys.map((k) => [k.clusterId, k.id, k.namespace, k.name]),
        4,
      ),
    );
  if (plan.portSets.length > 0)
    await run(
      client,
      'eph_ports',
      INSERT_PORTS,
      columnsOf(
        plan.portSets.map((p) => [p.clusterId, p.id, p.ports]),
        3,
      ),
    );
  if (plan.objects.length > 0)
    await run(
      client,
      'eph_objects',
      INSERT_OBJECTS,
      columnsOf(
        plan.objects.map((o) => [o.clusterId, o.id, o.kind, o.uid, o.namespace, o.name]),
        6,
      ),
    );
}

/** The projection rows of a plan: inserts by table, then closes by table, then first-seen marks. */
async function writeProjectionRows(client: pg.Client, plan: WritePlan): Promise<void> {
  const inserts = new Map<ProjectionName, unknown[][]>();
  for (const r of plan.inserts) {
    getOrCreate(inserts, r.projection, () => []).push(insertRow(r));
  }
  for (const [p, rows] of inserts)
    await run(client, `eph_insert_${p}`, INSERT_ROWS[p], columnsOf(rows, insertColumns(TABLES[p]).length));
  const closes = new Map<ProjectionName, unknown[][]>();
  for (const c of plan.closes) {
    const row: unknown[] = [clusterOfId(c.id), c.id, c.validTo];
    for (const col of TABLES[c.projection].closeColumns)
      row.push(col === 'to_position' ? c.toPosition : c.byDelete);
    getOrCreate(closes, c.projection, () => []).push(row);
  }
  for (const [p, rows] of closes)
    await run(client, `eph_close_${p}`, CLOSE_ROWS[p], columnsOf(rows, 3 + TABLES[p].closeColumns.length));
  for (const source of ['EndpointSlice', 'Endpoints'] as const) {
    const marks = plan.marks.filter((m) => m.source === source);
    if (marks.length === 0) continue;
    await run(
      client,
      `eph_mark_${source}`,
      source === 'EndpointSlice' ? MARK_SLICE : MARK_ENDPOINTS,
      columnsOf(
        marks.map((m) => [clusterOfId(m.serviceId), m.serviceId, m.at]),
        3,
      ),
    );
  }
}

/**
 * Writes a whole plan, inside the caller's transaction, in the plan's order. Returns the positions
 * of the planned events that were already stored (the log's unique key refused them): the caller
 * rolls back then.
 */
export async function writePlan(client: pg.Client, plan: WritePlan): Promise<number[]> {
  await writeInterned(client, plan);
  if (plan.events.length > 0) {
    const res = await run(
      client,
      'eph_events',
      INSERT_EVENTS,
      columnsOf(
        plan.events.map((e) => [
          clusterOfId(e.position),
          e.position,
          e.objectId,
          e.resourceVersion,
          e.type,
          e.source,
          e.observedAt,
          e.notBefore,
          e.occurredAt,
          e.hash,
          e.basePosition,
          e.object,
        ]),
        EVENT_COLUMNS.length,
      ),
    );
    if (res.rowCount !== plan.events.length) {
      const written = new Set(res.rows.map((r: { position: number }) => r.position));
      return plan.events.filter((e) => !written.has(e.position)).map((e) => e.position);
    }
  }
  await writeProjectionRows(client, plan);
  for (const c of plan.clusterLast) await run(client, 'eph_clock', SET_CLOCK, [c.clusterId, c.at]);
  if (plan.cursors.length > 0) {
    const last = new Map<string, (typeof plan.cursors)[number]>();
    for (const c of plan.cursors) last.set(`${c.clusterId}/${c.kind}`, c);
    const rows = [...last.values()].map((c) => [c.clusterId, c.kind, c.resourceVersion, c.updatedAt]);
    await run(client, 'eph_cursors', SET_CURSORS, columnsOf(rows, 4));
  }
  for (const op of plan.coverage) {
    if (op.op === 'close')
      await run(client, 'eph_cov_close', CLOSE_COVERAGE, [op.at, op.reason, op.clusterId, op.kind]);
    else await run(client, 'eph_cov_open', OPEN_COVERAGE, [op.clusterId, op.kind, op.at, op.reason]);
  }
  if (plan.alive !== null) await run(client, 'eph_alive', SET_ALIVE, [plan.alive.clusterId, plan.alive.at]);
  if (plan.checkpoint !== null) {
    const byCluster = new Map<number, number>();
    for (const e of plan.events) byCluster.set(clusterOfId(e.position), e.position);
    for (const [clusterId, position] of byCluster)
      await run(client, 'eph_checkpoint', CHECKPOINT, [clusterId, position, [...PROJECTIONS]]);
  }
  return [];
}
