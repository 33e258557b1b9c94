import type pg from 'pg';
import { ownerOf, PROJECTIONS, type ProjectionName } from '../../projections/index.js';
import { baselineRowOf } from '../baseline.js';
import { encodeObject } from '../objectCodec.js';
import type { PruneResult, StoredRow } from '../StoreBackend.js';
import { clusterOfId } from './ClusterIds.js';
import { objectJsons } from './pgEvents.js';
import { columnsOf, unnestInsertSql } from './pgTableSql.js';
import { readRowsPg } from './readRowsPg.js';

/** The rows each service keeps although they ended before the cutoff (see sqlite/lastSeenRows.ts). */
const LAST_SEEN: Record<'endpoint_members' | 'service_states', string> = {
  endpoint_members: 'PARTITION BY cluster_id, service_id, source ORDER BY valid_to DESC, id DESC',
  service_states: 'PARTITION BY cluster_id, service_id ORDER BY valid_from DESC, id DESC',
};

/** Each kept event's object re-encoded as a key frame: a batch in one statement. */
const REENCODE = `UPDATE events e SET object = u.object, base_position = NULL
  FROM unnest($1::bytea[], $2::bigint[], $3::bigint[]) AS u(object, cluster_id, position)
  WHERE e.cluster_id = u.cluster_id AND e.position = u.position`;
const INSERT_BASELINE = unnestInsertSql('projection_baseline', [
  { name: 'cluster_id', type: 'bigint' },
  { name: 'seq', type: 'bigint' },
  { name: 'cutoff', type: 'bigint' },
  { name: 'projection', type: 'text' },
  { name: 'row', type: 'text' },
]);

/** Rows per batched statement: one round trip each, the parameters of a few MB at most. */
const CHUNK = 5000;

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

/**
 * PostgreSQL's prune, as SQLite's (src/store/sqlite/prune.ts): removes history older than
 * `requested` (or an earlier prune's cutoff, if later: returned as `cutoff`) for every cluster while
 * keeping every answer for T ≥ cutoff — each object alive at the cutoff keeps its last earlier event
 * (re-encoded as a key frame), and so does each cluster's newest event; the projection rows open
 * across the cutoff and each service's last ended rows are saved as the baseline a rebuild starts
 * from; other rows closed before it are deleted; coverage before it is dropped; the clock floor
 * rises to it. One transaction; every join keeps to one cluster's rows by cluster_id.
 */
export async function pruneBeforePg(client: pg.Client, requested: number): Promise<PruneResult> {
  await client.query('BEGIN');
  try {
    const earlier = (await client.query<{ c: number | null }>('SELECT MAX(cutoff) AS c FROM prune_floors'))
      .rows[0]!.c;
    const cutoff = Math.max(requested, earlier ?? requested);
    const keep = (
      await client.query<{ position: number }>(
        `SELECT e.position FROM events e JOIN (SELECT cluster_id, object_id, MAX(position) AS position FROM events
          WHERE observed_at < $1 GROUP BY cluster_id, object_id) last
          ON last.cluster_id = e.cluster_id AND last.position = e.position
          WHERE e.type <> 'DELETED'
            OR e.position = (SELECT MAX(x.position) FROM events x WHERE x.cluster_id = e.cluster_id)`,
        [cutoff],
      )
    ).rows.map((r) => r.position);
    const jsons = await objectJsons(client, keep);
    for (const chunk of chunks(keep))
      await client.query(REENCODE, [
        chunk.map((p) => encodeObject(jsons.get(p)!, null)),
        chunk.map(clusterOfId),
        chunk,
      ]);
    const deletedEvents =
      (
        await client.query(
          `DELETE FROM events e WHERE e.observed_at < $1
            AND NOT EXISTS (SELECT 1 FROM unnest($2::bigint[], $3::bigint[]) AS k(cluster_id, position)
              WHERE k.cluster_id = e.cluster_id AND k.position = e.position)`,
          [cutoff, keep.map(clusterOfId), keep],
        )
      ).rowCount ?? 0;
    await client.query(`DELETE FROM objects o WHERE NOT EXISTS
      (SELECT 1 FROM events e WHERE e.cluster_id = o.cluster_id AND e.object_id = o.id)`);
    const baseline: StoredRow[] = [];
    for await (const r of readRowsPg(client, 'r.valid_from < $1 AND r.valid_to >= $1', [cutoff]))
      baseline.push(r);
    const lastSeen = new Map<string, number[]>();
    for (const [table, window] of Object.entries(LAST_SEEN) as [ProjectionName, string][]) {
      const ids = (
        await client.query<{ id: number }>(
          `SELECT id FROM (SELECT id, ROW_NUMBER() OVER (${window}) AS n FROM ${table} WHERE valid_to < $1) x WHERE n = 1`,
          [cutoff],
        )
      ).rows.map((r) => r.id);
      lastSeen.set(table, ids);
      for await (const r of readRowsPg(client, 'r.id = ANY($1::bigint[])', [ids], [table])) baseline.push(r);
    }
    await client.query('DELETE FROM projection_baseline');
    const clusterIds = new Map(
      (
        await client.query<{ id: number; name: string }>('SELECT cluster_id AS id, name FROM clusters')
      ).rows.map((c) => [c.name, c.id]),
    );
    const rows = baseline.map((r, i) => {
      const owner = ownerOf(r.attrs);
      return [
        clusterIds.get(typeof owner === 'string' ? owner : owner.cluster),
        i + 1,
        cutoff,
        r.projection,
        JSON.stringify(baselineRowOf(r, cutoff)),
      ];
    });
    for (const chunk of chunks(rows)) await client.query(INSERT_BASELINE, columnsOf(chunk, 5));
    let deletedRows = 0;
    for (const t of PROJECTIONS)
      deletedRows +=
        (
          await client.query(`DELETE FROM ${t} WHERE valid_to < $1 AND NOT (id = ANY($2::bigint[]))`, [
            cutoff,
            lastSeen.get(t) ?? [],
          ])
        ).rowCount ?? 0;
    await client.query('DELETE FROM coverage WHERE ended_at IS NOT NULL AND ended_at < $1', [cutoff]);
    await client.query('UPDATE coverage SET started_at = $1 WHERE started_at < $1', [cutoff]);
    await client.query(
      `INSERT INTO prune_floors (cluster_id, cutoff) SELECT cluster_id, $1 FROM clusters
        ON CONFLICT (cluster_id) DO UPDATE SET cutoff = GREATEST(prune_floors.cutoff, excluded.cutoff)`,
      [cutoff],
    );
    // the clock floor the store clamps observed_at to (see sqlite/prune.ts)
    await client.query(
      `INSERT INTO cluster_clocks (cluster_id, last_observed_at) SELECT cluster_id, $1 FROM clusters
        ON CONFLICT (cluster_id) DO UPDATE SET last_observed_at = GREATEST(COALESCE(cluster_clocks.last_observed_at, $1), $1)`,
      [cutoff],
    );
    await client.query('COMMIT');
    return { cutoff, deletedEvents, baselineEvents: keep.length, baselineRows: baseline.length, deletedRows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
