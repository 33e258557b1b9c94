import type pg from 'pg';
import { ephError } from '../../errors/index.js';

/** The first key of our advisory locks ("EPH\x01"); the second is the cluster's id. */
export const CLUSTER_LOCK_CLASS = 0x45504801;

/**
 * The writer locks of a PostgreSQL store: one session-level advisory lock per cluster
 * (pg_try_advisory_lock(CLUSTER_LOCK_CLASS, cluster_id)) held by the writer's connection. A second
 * writer of the same cluster is refused (EPH_ERR_DB_LOCKED, naming the holder from
 * pg_stat_activity); writers of different clusters never wait for each other; the lock dies with
 * the connection (a crashed recorder's lock is gone when its session is).
 */
export class ClusterLocks {
  private readonly held = new Set<number>();

  constructor(
    private readonly client: pg.Client,
    private readonly where: string,
  ) {}

  /** Takes cluster `id`'s lock unless this connection holds it already; refuses when another does. */
  async take(id: number, name?: string): Promise<void> {
    if (this.held.has(id)) return;
    const { rows } = await this.client.query<{ ok: boolean }>({
      name: 'eph_lock',
      text: 'SELECT pg_try_advisory_lock($1::int, $2::int) AS ok',
      values: [CLUSTER_LOCK_CLASS, id],
    });
    if (rows[0]!.ok) {
      this.held.add(id);
      return;
    }
    const clusterName =
      name ??
      (await this.client.query<{ name: string }>('SELECT name FROM clusters WHERE cluster_id = $1', [id]))
        .rows[0]?.name ??
      String(id);
    const holder = (
      await this.client.query<{ pid: number; app: string; addr: string | null; since: Date }>(
        `SELECT a.pid, a.application_name AS app, a.client_addr::text AS addr, a.backend_start AS since
          FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = $1 AND l.objid::bigint = $2`,
        [CLUSTER_LOCK_CLASS, id],
      )
    ).rows[0];
    const who =
      holder === undefined
        ? 'another session'
        : `${holder.app === '' ? 'another session' : `\`${holder.app}\``} (server pid ${holder.pid}${holder.addr ? ` from ${holder.addr}` : ''}, since ${holder.since.toISOString()})`;
    throw ephError(
      'EPH_ERR_DB_LOCKED',
      `cluster ${clusterName} in ${this.where} is being written by ${who}: one writer per cluster; stop it first or record another --cluster-name`,
      { path: this.where, cluster: clusterName, holder: holder ?? null },
    );
  }

  /** Takes the lock of every cluster in the database (rebuild and prune write them all). */
  async takeAll(client: pg.Client): Promise<void> {
    const { rows } = await client.query<{ id: number; name: string }>(
      'SELECT cluster_id AS id, name FROM clusters',
    );
    for (const c of rows) await this.take(c.id, c.name);
  }
}
