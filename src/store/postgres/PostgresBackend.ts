import type pg from 'pg';
import { OPEN_END, PROJECTIONS } from '../../projections/index.js';
import { coverageKey, eventKey } from '../copyHistory.js';
import type { IdTable } from '../Ids.js';
import type {
  CommitOutcome,
  LatestEvent,
  PruneResult,
  RebuildSession,
  ReclaimResult,
  StoreBackend,
  StoredMark,
  StoredRow,
  StoredState,
} from '../StoreBackend.js';
import { WritePlan } from '../WritePlan.js';
import { writerClosed, writerOpened } from '../writersInThread.js';
import { ClusterIds, clusterOfId, ID_COLUMNS } from './ClusterIds.js';
import type { ClusterLocks } from './ClusterLocks.js';
import { allEvents, objectJsons } from './pgEvents.js';
import { pruneBeforePg } from './prunePg.js';
import { readRowsPg } from './readRowsPg.js';
import { refusedByRole } from './refusedByRole.js';
import { writePlan, writeRows } from './writePlanPg.js';

/** Each service's first-seen marks (the source choice at T). */
async function marksOf(client: pg.Client): Promise<StoredMark[]> {
  return (
    await client.query<StoredMark>(`SELECT c.name AS cluster, k.namespace, k.name, k.first_slice_at AS "firstSliceAt",
      k.first_endpoints_at AS "firstEndpointsAt" FROM service_keys k JOIN clusters c ON c.cluster_id = k.cluster_id
      WHERE k.first_slice_at IS NOT NULL OR k.first_endpoints_at IS NOT NULL`)
  ).rows;
}

/** The highest stored id of every table in every cluster (UNION of one GROUP BY per table). */
async function storedMaxIds(client: pg.Client, tables = ID_COLUMNS) {
  const sql = tables
    .map(
      (t) =>
        `SELECT '${t.table}' AS t, cluster_id, MAX(${t.column}) AS max FROM ${t.sqlTable} GROUP BY cluster_id`,
    )
    .join(' UNION ALL ');
  const { rows } = await client.query<{ t: IdTable; cluster_id: number; max: number }>(sql);
  return rows.map((r) => ({ table: r.t, clusterId: r.cluster_id, max: r.max }));
}

async function internedRows(client: pg.Client) {
  const clusters = (
    await client.query<{ id: number; name: string }>('SELECT cluster_id AS id, name FROM clusters')
  ).rows;
  const serviceKeys = (
    await client.query<{ id: number; clusterId: number; namespace: string; name: string }>(
      'SELECT id, cluster_id AS "clusterId", namespace, name FROM service_keys',
    )
  ).rows;
  const portSets = (
    await client.query<{ id: number; clusterId: number; ports: string }>(
      'SELECT id, cluster_id AS "clusterId", ports FROM port_sets',
    )
  ).rows;
  return { clusters, serviceKeys, portSets };
}

/**
 * The PostgreSQL backend of the store: one connection, the writer's, holding the advisory lock of
 * every cluster it writes (ClusterLocks: one writer per cluster, many clusters at once). Each plan
 * is written in ONE transaction with batched statements (one `unnest` statement per table),
 * touching only the rows of the plan's clusters. Keeps the JSON of every alive object's latest
 * event in memory, so that `objectJson` answers at once as the store's seam asks.
 */
export class PostgresBackend implements StoreBackend {
  readonly synchronous = false;
  /** Latest JSON of each alive object, by its latest event's position; and that position by object. */
  private readonly latestJson = new Map<number, Buffer>();
  private readonly latestOf = new Map<number, number>();
  private counted = false;

  constructor(
    readonly client: pg.Client,
    readonly locks: ClusterLocks,
    private readonly where: string,
  ) {}

  async schemaVersion(): Promise<number> {
    return (await this.client.query<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))
      .rows[0]!.v;
  }

  async registerClusters(names: readonly string[]): Promise<{ id: number; name: string }[]> {
    const { rows } = await this.client
      .query<{ id: number; name: string }>(
        `WITH added AS (INSERT INTO clusters (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING
        RETURNING cluster_id, name)
       SELECT cluster_id AS id, name FROM added UNION SELECT cluster_id, name FROM clusters WHERE name = ANY($1)`,
        [names],
      )
      .catch((error: unknown) => {
        throw this.refused(error);
      });
    for (const c of rows) await this.locks.take(c.id, c.name);
    return rows;
  }

  async load(): Promise<StoredState> {
    const { client } = this;
    const interned = await internedRows(client);
    const clusters = (
      await client.query<{ id: number; name: string; lastObservedAt: number | null; aliveAt: number | null }>(
        `SELECT c.cluster_id AS id, c.name, k.last_observed_at AS "lastObservedAt", k.alive_at AS "aliveAt"
          FROM clusters c LEFT JOIN cluster_clocks k ON k.cluster_id = c.cluster_id`,
      )
    ).rows;
    const ids = new ClusterIds(await storedMaxIds(client));
    const cursors = (
      await client.query(`SELECT cluster_id AS "clusterId", kind, resource_version AS "resourceVersion",
        updated_at AS "updatedAt" FROM watch_cursors`)
    ).rows as StoredState['cursors'];
    const openCoverage = (
      await client.query(`SELECT cluster_id AS "clusterId", kind, MIN(started_at) AS "startedAt" FROM coverage
        WHERE ended_at IS NULL GROUP BY cluster_id, kind`)
    ).rows as StoredState['openCoverage'];
    const latest = (
      await client.query<LatestEvent>(`SELECT o.id AS "objectId", o.cluster_id AS "clusterId", o.kind, o.uid,
        o.namespace, o.name, e.position, e.type, e.resource_version AS "resourceVersion", e.hash
        FROM objects o
        JOIN (SELECT cluster_id, object_id, MAX(position) AS position FROM events GROUP BY cluster_id, object_id) last
          ON last.cluster_id = o.cluster_id AND last.object_id = o.id
        JOIN events e ON e.cluster_id = last.cluster_id AND e.position = last.position`)
    ).rows;
    this.latestJson.clear();
    this.latestOf.clear();
    const alive = latest.filter((e) => e.type !== 'DELETED');
    const jsons = await objectJsons(
      client,
      alive.map((e) => e.position),
    );
    for (const e of alive) {
      this.latestJson.set(e.position, jsons.get(e.position)!);
      this.latestOf.set(e.objectId, e.position);
    }
    const openRows: StoredRow[] = [];
    for await (const r of readRowsPg(client, 'r.valid_to = $1', [OPEN_END])) openRows.push(r);
    const marks = await marksOf(client);
    return {
      ...interned,
      clusters,
      ids,
      cursors,
      openCoverage,
      latestEvents: () => latest,
      openRows: () => openRows,
      marks: () => marks,
    };
  }

  objectJson(position: number): Buffer {
    const json = this.latestJson.get(position);
    if (json === undefined)
      throw new Error(
        `object JSON at position ${position} is not an alive object's latest (PostgreSQL keeps only those)`,
      );
    return json;
  }

  async commit(plan: WritePlan): Promise<CommitOutcome> {
    const { client } = this;
    const clusters = new Set<number>();
    for (const e of plan.events) clusters.add(clusterOfId(e.position));
    for (const c of plan.cursors) clusters.add(c.clusterId);
    for (const c of plan.coverage) clusters.add(c.clusterId);
    if (plan.alive !== null) clusters.add(plan.alive.clusterId);
    for (const id of clusters) await this.locks.take(id);
    await client.query('BEGIN');
    let refused: number[];
    try {
      refused = await writePlan(client, plan);
      await client.query(refused.length > 0 ? 'ROLLBACK' : 'COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw this.refused(error);
    }
    if (refused.length > 0) {
      const set = new Set(refused);
      return {
        committed: false,
        duplicates: plan.events
          .filter((e) => set.has(e.position))
          .map((e) => ({ objectId: e.objectId, resourceVersion: e.resourceVersion })),
      };
    }
    for (const e of plan.events) {
      const previous = this.latestOf.get(e.objectId);
      if (previous !== undefined) this.latestJson.delete(previous);
      if (e.type === 'DELETED') this.latestOf.delete(e.objectId);
      else {
        this.latestOf.set(e.objectId, e.position);
        this.latestJson.set(e.position, Buffer.from(e.json));
      }
    }
    return { committed: true };
  }

  /**
   * A rebuild of every cluster in ONE transaction: the projection tables emptied (TRUNCATE is
   * transactional), the log replayed cluster by cluster, the rows of each page of events written
   * (batched) before the next page is read. Takes every cluster's lock first: refused while any
   * recorder writes.
   */
  async rebuild<T>(replay: (session: RebuildSession) => Promise<T>): Promise<T> {
    const { client } = this;
    await this.locks.takeAll(client);
    await client.query('BEGIN');
    try {
      await client.query(`TRUNCATE ${PROJECTIONS.join(', ')}`);
      // the first-seen marks are recomputed from the log but for those before a cluster's prune
      // cutoff: the events that set them may be gone
      const floor = '(SELECT f.cutoff FROM prune_floors f WHERE f.cluster_id = service_keys.cluster_id)';
      await client.query(`UPDATE service_keys SET
        first_slice_at = CASE WHEN first_slice_at < ${floor} THEN first_slice_at END,
        first_endpoints_at = CASE WHEN first_endpoints_at < ${floor} THEN first_endpoints_at END`);
      const keptMarks = await marksOf(client);
      await client.query('DELETE FROM projection_checkpoints');
      const interned = await internedRows(client);
      const ids = new ClusterIds(
        await storedMaxIds(
          client,
          ID_COLUMNS.filter((c) => !(PROJECTIONS as readonly string[]).includes(c.table)),
        ),
      );
      const total = (await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM events')).rows[0]!.n;
      const baseline = (
        await client.query<{ projection: string; row: string }>(
          'SELECT projection, row FROM projection_baseline ORDER BY cluster_id, seq',
        )
      ).rows.map((r) => ({ projection: r.projection as never, row: JSON.parse(r.row) }));
      const floors = new Map(
        (
          await client.query<{ name: string; cutoff: number }>(
            'SELECT c.name, f.cutoff FROM prune_floors f JOIN clusters c ON c.cluster_id = f.cluster_id',
          )
        ).rows.map((r) => [r.name, r.cutoff]),
      );
      let page = new WritePlan();
      const flush = async () => {
        const rows = page;
        page = new WritePlan();
        await writeRows(client, rows);
      };
      const session: RebuildSession = {
        total,
        interned,
        ids,
        marks: () => keptMarks,
        baseline: () => baseline,
        pruneFloors: () => floors,
        events: () => allEvents(client, flush),
        cluster: () => {
          throw new Error('a rebuild never registers a cluster');
        },
        serviceKey: (k) => page.serviceKey(k),
        portSet: (p) => page.portSet(p),
        insert: (r) => page.insert(r),
        close: (c) => page.close(c),
        mark: (m) => page.mark(m),
        finish: async () => {
          await flush();
          await client.query(
            `INSERT INTO projection_checkpoints (cluster_id, name, position)
            SELECT e.cluster_id, n.name, MAX(e.position) FROM events e CROSS JOIN unnest($1::text[]) AS n(name)
            GROUP BY e.cluster_id, n.name`,
            [[...PROJECTIONS]],
          );
        },
      };
      const result = await replay(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw this.refused(error);
    }
  }

  async prune(cutoff: number): Promise<PruneResult> {
    await this.locks.takeAll(this.client);
    try {
      return await pruneBeforePg(this.client, cutoff);
    } catch (error) {
      throw this.refused(error);
    }
  }

  async reclaimSpace(onPhase: (line: string) => void): Promise<ReclaimResult> {
    const started = Date.now();
    const size = async () =>
      (await this.client.query<{ n: number }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n;
    const before = await size();
    onPhase('VACUUM (ANALYZE): the freed rows become reusable space inside the tables');
    await this.client.query('VACUUM (ANALYZE)').catch((error: unknown) => {
      throw this.refused(error);
    });
    return { before, after: await size(), elapsedMs: Date.now() - started };
  }

  /** What the database holds of a cluster already (copyHistory skips it): its events and coverage starts. */
  async heldOf(cluster: string): Promise<{ events: Set<string>; coverage: Set<string> }> {
    const id = (
      await this.client.query<{ id: number }>('SELECT cluster_id AS id FROM clusters WHERE name = $1', [
        cluster,
      ])
    ).rows[0]?.id;
    if (id === undefined) return { events: new Set(), coverage: new Set() };
    const events = await this.client.query<{ kind: string; uid: string; rv: string }>(
      `SELECT o.kind, o.uid, e.resource_version AS rv FROM events e
        JOIN objects o ON o.cluster_id = e.cluster_id AND o.id = e.object_id WHERE e.cluster_id = $1`,
      [id],
    );
    const coverage = await this.client.query<{ kind: string; started: number }>(
      'SELECT kind, started_at AS started FROM coverage WHERE cluster_id = $1',
      [id],
    );
    return {
      events: new Set(events.rows.map((r) => eventKey(r.kind, r.uid, r.rv))),
      coverage: new Set(coverage.rows.map((r) => coverageKey(r.kind, r.started))),
    };
  }

  /** Counts this store among the thread's writers (writersInThread) until it is closed. */
  countAsWriter(): void {
    if (!this.counted) writerOpened();
    this.counted = true;
  }

  async close(): Promise<void> {
    if (this.counted) writerClosed();
    this.counted = false;
    await this.client.end().catch(() => {});
  }

  /** A statement the session's role may not run, as EPH_ERR_DB_PERMISSION (see refusedByRole). */
  private refused(error: unknown): unknown {
    return refusedByRole(error, this.where, this.client.user);
  }

  get location(): string {
    return this.where;
  }
}
