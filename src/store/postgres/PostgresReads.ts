import type pg from 'pg';
import type { Kind, SlimObject } from '../../model/types.js';
import { ENDPOINT_MEMBERS, type MemberSource, POD_IPS } from '../../projections/index.js';
import {
  ADDRESS_COLUMNS,
  addressRow,
  columnsOf,
  flag,
  MEMBER_COLUMNS,
  memberRow,
  POD_VALUES,
  podStateRow,
  SERVICE_COLUMNS,
  serviceStateRow,
} from '../answerRows.js';
import type {
  AddressRow,
  ClusterActivityRow,
  ClusterRow,
  CoverageRow,
  HistoryReads,
  MemberRow,
  ObjectAt,
  ObjectPageKey,
  PodIpRow,
  PodMembershipRow,
  PodStateRow,
  ServiceKeyRow,
  ServiceStateRow,
} from '../HistoryReads.js';
import { MEMBER_SPANS } from '../memberSpans.js';
import { deserialise } from '../serialise.js';
import type { StoredEvent } from '../types.js';
import { writersInThread } from '../writersInThread.js';
import { CLUSTER_ID_RANGE, clusterOfId } from './ClusterIds.js';
import { EVENT_SELECT, type ObjectNames, objectJsons, type PgEventRow, storedEvent } from './pgEvents.js';

/** How long a version read stays the answer to `version()` (ms): a fraction of a request. */
const VERSION_REUSE_MS = 10;
/**
 * A service's members from one source overlapping [$4, $5] ($4 = $5: alive at that moment), one
 * bounded range of the span index per class (memberSpans.ts); $1 cluster, $2 service, $3 source.
 * `OFFSET 0` keeps the per-class subquery a loop of its own: pulled up into one scan, the planner
 * reads the interval indexes from the start of the history instead.
 */
const MEMBERS_OF = `FROM ${MEMBER_SPANS} CROSS JOIN LATERAL (SELECT * FROM endpoint_members m
    WHERE m.cluster_id = $1 AND m.service_id = $2 AND m.source = $3 AND m.span_class = s.span_class
      AND m.valid_from > $4::bigint - s.width AND m.valid_from <= $5 AND m.valid_to > $4 OFFSET 0) m
  JOIN port_sets p ON p.cluster_id = m.cluster_id AND p.id = m.port_set_id`;

const SERVICES_FROM = `FROM service_states s JOIN service_keys k ON k.cluster_id = s.cluster_id AND k.id = s.service_id
  JOIN clusters c ON c.cluster_id = s.cluster_id`;

/**
 * The read side on PostgreSQL: a pool of connections (`serve` answers several requests at once),
 * named prepared statements, every query of one cluster's rows keyed by cluster_id (an id alone names
 * its cluster: clusterOfId), so that on Citus each one is routed to a single shard. Never writes.
 */
export class PostgresReads implements HistoryReads {
  /** The last version read and when it was asked for (see `version`). */
  private lastVersion: { value: string; askedAt: number } | undefined;
  private pendingVersion: Promise<string> | undefined;

  constructor(readonly pool: pg.Pool) {}

  private async rows(name: string, text: string, values: unknown[]): Promise<unknown[][]> {
    return (await this.pool.query<unknown[]>({ name, text, values, rowMode: 'array' })).rows;
  }

  private async objects<T extends object>(name: string, text: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  }

  /**
   * The write-ahead log's insert position: it moves with every commit of the server (more often than
   * the history changes, never less). Not pg_current_wal_lsn(), the position WRITTEN so far: with
   * synchronous_commit off a commit is visible before the WAL writer catches up, and answers were
   * memoised across it. On a read replica, the position replayed.
   *
   * A round trip each time was four of the ten of an `endpoints(at)`: in a thread that writes no
   * history (`serve`, `run`'s serving thread), a version read less than VERSION_REUSE_MS ago is
   * answered again and concurrent askers share one read, so memoised answers may trail a commit by
   * that long — as if the question had come a few milliseconds earlier.
   */
  async version(): Promise<string> {
    if (writersInThread() > 0) return this.readVersion();
    const last = this.lastVersion;
    if (last !== undefined && performance.now() - last.askedAt < VERSION_REUSE_MS) return last.value;
    if (this.pendingVersion === undefined) {
      const askedAt = performance.now();
      this.pendingVersion = this.readVersion()
        .then((value) => {
          this.lastVersion = { value, askedAt };
          return value;
        })
        .finally(() => {
          this.pendingVersion = undefined;
        });
    }
    return this.pendingVersion;
  }

  private async readVersion(): Promise<string> {
    const r = await this.rows(
      'eph_version',
      'SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END)::text',
      [],
    );
    return String(r[0]![0]);
  }

  async clusters(): Promise<ClusterRow[]> {
    return this.objects(
      'eph_clusters',
      'SELECT cluster_id AS id, name FROM clusters ORDER BY cluster_id',
      [],
    );
  }

  async clusterActivity(): Promise<ClusterActivityRow[]> {
    return this.objects(
      'eph_cluster_activity',
      `SELECT c.cluster_id AS id, k.last_observed_at AS "lastObservedAt", k.alive_at AS "aliveAt"
        FROM clusters c LEFT JOIN cluster_clocks k ON k.cluster_id = c.cluster_id ORDER BY c.cluster_id`,
      [],
    );
  }

  async serviceKey(clusterId: number, namespace: string, name: string): Promise<ServiceKeyRow | null> {
    const r = await this.objects<{
      id: number;
      firstSliceAt: number | null;
      firstEndpointsAt: number | null;
    }>(
      'eph_service_key',
      `SELECT id, first_slice_at AS "firstSliceAt", first_endpoints_at AS "firstEndpointsAt" FROM service_keys
        WHERE cluster_id = $1 AND namespace = $2 AND name = $3`,
      [clusterId, namespace, name],
    );
    const k = r[0];
    return k
      ? { id: k.id, namespace, name, firstSliceAt: k.firstSliceAt, firstEndpointsAt: k.firstEndpointsAt }
      : null;
  }

  async serviceNames(
    clusterId: number,
    namespace: string | null,
  ): Promise<{ namespace: string; name: string }[]> {
    return this.objects(
      'eph_service_names',
      `SELECT namespace, name FROM service_keys WHERE cluster_id = $1 AND ($2::text IS NULL OR namespace = $2)
        ORDER BY namespace, name`,
      [clusterId, namespace],
    );
  }

  async coverage(clusterId: number, kind: Kind): Promise<CoverageRow[]> {
    return this.objects(
      'eph_coverage',
      `SELECT started_at AS "startedAt", ended_at AS "endedAt", start_reason AS "startReason", end_reason AS "endReason"
        FROM coverage WHERE cluster_id = $1 AND kind = $2 ORDER BY started_at, id`,
      [clusterId, kind],
    );
  }

  async membersAt(serviceId: number, source: MemberSource, at: number): Promise<AddressRow[]> {
    const rows = await this.rows('eph_members_at', `SELECT ${ADDRESS_COLUMNS} ${MEMBERS_OF}`, [
      clusterOfId(serviceId),
      serviceId,
      source,
      at,
      at,
    ]);
    return rows.map(addressRow);
  }

  async membersOverlapping(
    serviceId: number,
    source: MemberSource,
    from: number,
    to: number,
  ): Promise<MemberRow[]> {
    const rows = await this.rows(
      'eph_members_overlapping',
      `SELECT ${MEMBER_COLUMNS} ${MEMBERS_OF} ORDER BY m.valid_from, m.id`,
      [clusterOfId(serviceId), serviceId, source, from, to],
    );
    return rows.map(memberRow);
  }

  async lastMemberChange(serviceId: number, source: MemberSource, at: number): Promise<number | null> {
    const r = await this.rows(
      'eph_last_member_change',
      `SELECT GREATEST(
        (SELECT MAX(valid_from) FROM endpoint_members WHERE cluster_id = $1 AND service_id = $2 AND source = $3 AND valid_from <= $4),
        COALESCE((SELECT MAX(valid_to) FROM endpoint_members WHERE cluster_id = $1 AND service_id = $2 AND source = $3 AND valid_to <= $4), 0))`,
      [clusterOfId(serviceId), serviceId, source, at],
    );
    return (r[0]![0] as number | null) ?? null;
  }

  async podMembership(
    clusterId: number,
    podUid: string,
    from: number,
    to: number,
  ): Promise<PodMembershipRow[]> {
    const m = columnsOf(ENDPOINT_MEMBERS, 'm', ['source', 'ip', 'ready', 'serving', 'terminating']);
    const rows = await this.rows(
      'eph_pod_membership',
      `SELECT k.namespace, k.name, ${m}, m.valid_from, m.valid_to
        FROM endpoint_members m JOIN service_keys k ON k.cluster_id = m.cluster_id AND k.id = m.service_id
        WHERE m.cluster_id = $4 AND m.target_uid = $1 AND m.valid_from <= $2 AND m.valid_to > $3
        ORDER BY m.valid_from, m.id`,
      [podUid, to, from, clusterId],
    );
    return rows.map((a) => ({
      namespace: a[0] as string,
      service: a[1] as string,
      source: a[2] as MemberSource,
      ip: a[3] as string,
      ready: flag(a[4]),
      serving: flag(a[5]),
      terminating: flag(a[6]),
      validFrom: a[7] as number,
      validTo: a[8] as number,
    }));
  }

  async servicesAt(clusterId: number, namespace: string | null, at: number): Promise<ServiceStateRow[]> {
    const rows = await this.rows(
      'eph_services_at',
      `SELECT ${SERVICE_COLUMNS} ${SERVICES_FROM}
        WHERE s.cluster_id = $1 AND ($2::text IS NULL OR k.namespace = $2) AND s.valid_from <= $3 AND s.valid_to > $3
        ORDER BY k.namespace, k.name`,
      [clusterId, namespace, at],
    );
    return rows.map(serviceStateRow);
  }

  async serviceStateAt(serviceId: number, at: number): Promise<ServiceStateRow | null> {
    const rows = await this.rows(
      'eph_service_state_at',
      `SELECT ${SERVICE_COLUMNS} ${SERVICES_FROM} WHERE s.cluster_id = $1 AND s.service_id = $2 AND s.valid_from <= $3
        ORDER BY s.valid_from DESC, s.id DESC LIMIT 1`,
      [clusterOfId(serviceId), serviceId, at],
    );
    return rows[0] ? serviceStateRow(rows[0]) : null;
  }

  async serviceStates(serviceId: number): Promise<{ validFrom: number; validTo: number }[]> {
    return this.objects(
      'eph_service_states',
      `SELECT valid_from AS "validFrom", valid_to AS "validTo" FROM service_states
        WHERE cluster_id = $1 AND service_id = $2 ORDER BY valid_from, id`,
      [clusterOfId(serviceId), serviceId],
    );
  }

  async podStateNamedAt(
    cluster: ClusterRow,
    namespace: string,
    name: string,
    at: number,
  ): Promise<PodStateRow | null> {
    const rows = await this.rows(
      'eph_pod_state_named_at',
      `SELECT ${POD_VALUES} FROM pod_states s
        WHERE s.cluster_id = $1 AND s.uid IN (SELECT uid FROM objects WHERE cluster_id = $1 AND kind = 'Pod'
          AND namespace = $2 AND name = $3) AND s.valid_from <= $4
        ORDER BY s.valid_from DESC, s.id DESC LIMIT 1`,
      [cluster.id, namespace, name, at],
    );
    return rows[0] ? podStateRow(cluster.name, rows[0]) : null;
  }

  async latestPodStates(cluster: ClusterRow, uids: readonly string[], at: number): Promise<PodStateRow[]> {
    if (uids.length === 0) return [];
    const rows = await this.rows(
      'eph_latest_pod_states',
      `SELECT ${POD_VALUES} FROM unnest($2::text[]) AS j(uid) JOIN LATERAL (
          SELECT * FROM pod_states x WHERE x.cluster_id = $1 AND x.uid = j.uid AND x.valid_from <= $3
          ORDER BY x.valid_from DESC, x.id DESC LIMIT 1) s ON true`,
      [cluster.id, [...new Set(uids)], at],
    );
    return rows.map((a) => podStateRow(cluster.name, a));
  }

  async podStatesNamed(
    cluster: ClusterRow,
    namespace: string,
    name: string,
    from: number,
    to: number,
  ): Promise<PodStateRow[]> {
    const rows = await this.rows(
      'eph_pod_states_named',
      `SELECT ${POD_VALUES} FROM pod_states s
        WHERE s.cluster_id = $1 AND s.uid IN (SELECT uid FROM objects WHERE cluster_id = $1 AND kind = 'Pod'
          AND namespace = $2 AND name = $3) AND s.valid_from <= $4 AND s.valid_to > $5
        ORDER BY s.valid_from, s.id`,
      [cluster.id, namespace, name, to, from],
    );
    return rows.map((a) => podStateRow(cluster.name, a));
  }

  async podStatesAt(cluster: ClusterRow, namespace: string | null, at: number): Promise<PodStateRow[]> {
    const rows =
      namespace === null
        ? await this.rows(
            'eph_pod_states_at',
            `SELECT ${POD_VALUES} FROM pod_states s WHERE s.cluster_id = $1 AND s.valid_from <= $2 AND s.valid_to > $2
              ORDER BY s.namespace, s.name, s.valid_from`,
            [cluster.id, at],
          )
        : await this.rows(
            'eph_pod_states_at_ns',
            `SELECT ${POD_VALUES} FROM pod_states s WHERE s.cluster_id = $1
              AND s.uid IN (SELECT uid FROM objects WHERE cluster_id = $1 AND kind = 'Pod' AND namespace = $2)
              AND s.valid_from <= $3 AND s.valid_to > $3 ORDER BY s.name, s.valid_from`,
            [cluster.id, namespace, at],
          );
    return rows.map((a) => podStateRow(cluster.name, a));
  }

  async podIps(clusterId: number, ip: string, from: number, to: number): Promise<PodIpRow[]> {
    const c = columnsOf(POD_IPS, 'i', ['podUid', 'ip']);
    const rows = await this.rows(
      'eph_pod_ips',
      `SELECT ${c}, i.valid_from, i.valid_to FROM pod_ips i WHERE i.cluster_id = $1 AND i.ip = $2
        AND i.valid_from <= $3 AND i.valid_to > $4 ORDER BY i.valid_from, i.id`,
      [clusterId, ip, to, from],
    );
    return rows.map((a) => ({
      podUid: a[0] as string,
      ip: a[1] as string,
      validFrom: a[2] as number,
      validTo: a[3] as number,
    }));
  }

  async latestObjects<T extends SlimObject>(
    clusterId: number,
    kind: Kind,
    at: number,
    filter: { namespace?: string | null; name?: string | null },
  ): Promise<ObjectAt<T>[]> {
    const rows = await this.objects<{
      uid: string;
      namespace: string;
      name: string;
      position: number;
      type: string;
      resource_version: string;
    }>(
      'eph_latest_objects',
      `SELECT o.uid, o.namespace, o.name, e.position, e.type, e.resource_version FROM objects o
        JOIN LATERAL (SELECT x.position FROM events x WHERE x.cluster_id = o.cluster_id AND x.object_id = o.id
          AND x.observed_at <= $1 ORDER BY x.position DESC LIMIT 1) last ON true
        JOIN events e ON e.cluster_id = o.cluster_id AND e.position = last.position
        WHERE o.cluster_id = $2 AND o.kind = $3 AND ($4::text IS NULL OR o.namespace = $4) AND ($5::text IS NULL OR o.name = $5)
        ORDER BY o.namespace, o.name, e.position`,
      [at, clusterId, kind, filter.namespace ?? null, filter.name ?? null],
    );
    return this.withObjects<T>(rows.filter((r) => r.type !== 'DELETED'));
  }

  async latestObjectsPage<T extends SlimObject>(
    clusterId: number,
    kind: Kind,
    at: number,
    options: { namespace: string | null; after: ObjectPageKey | null; limit: number },
  ): Promise<ObjectAt<T>[]> {
    const a = options.after;
    // in the objects' (cluster_id, kind, namespace, name, uid) order, deleted ones skipped in SQL so a
    // page holds `limit` alive objects
    const rows = await this.objects<{
      uid: string;
      namespace: string;
      name: string;
      position: number;
      resource_version: string;
    }>(
      'eph_latest_objects_page',
      `SELECT o.uid, o.namespace, o.name, e.position, e.resource_version FROM objects o
        JOIN LATERAL (SELECT x.position FROM events x WHERE x.cluster_id = o.cluster_id AND x.object_id = o.id
          AND x.observed_at <= $1 ORDER BY x.position DESC LIMIT 1) last ON true
        JOIN events e ON e.cluster_id = o.cluster_id AND e.position = last.position
        WHERE o.cluster_id = $2 AND o.kind = $3 AND ($4::text IS NULL OR o.namespace = $4)
          AND ($5::text IS NULL OR (o.namespace, o.name, o.uid) > ($5, $6::text, $7::text))
          AND e.type <> 'DELETED'
        ORDER BY o.namespace, o.name, o.uid
        LIMIT $8`,
      [
        at,
        clusterId,
        kind,
        options.namespace,
        a?.namespace ?? null,
        a?.name ?? null,
        a?.uid ?? null,
        options.limit,
      ],
    );
    return this.withObjects<T>(rows);
  }

  /** Objects' rows (each its latest event at some moment) with those events' objects, read together. */
  private async withObjects<T extends SlimObject>(
    rows: readonly {
      uid: string;
      namespace: string;
      name: string;
      position: number;
      resource_version: string;
    }[],
  ): Promise<ObjectAt<T>[]> {
    const jsons = await objectJsons(
      this.pool,
      rows.map((r) => r.position),
    );
    return rows.map((r) => ({
      uid: r.uid,
      namespace: r.namespace,
      name: r.name,
      position: r.position,
      object: deserialise(jsons.get(r.position)!, r.resource_version) as T,
    }));
  }

  /** The newest change of `kinds` observed by `at` (positions are per cluster: no bisection of a shared log). */
  async kindsPositionAt(clusterId: number, kinds: readonly Kind[], at: number): Promise<number> {
    if (kinds.length === 0) return 0;
    const r = await this.rows(
      'eph_kinds_position_at',
      `SELECT COALESCE(MAX(e.position), 0) FROM events e
        JOIN objects o ON o.cluster_id = e.cluster_id AND o.id = e.object_id
        WHERE e.cluster_id = $1 AND o.kind = ANY($2::text[]) AND e.observed_at <= $3`,
      [clusterId, [...kinds], at],
    );
    return r[0]![0] as number;
  }

  async kindChangesAfter(
    clusterId: number,
    kinds: readonly Kind[],
    afterPosition: number,
    limit: number,
  ): Promise<StoredEvent[]> {
    if (kinds.length === 0) return [];
    const r = await this.rows(
      'eph_kind_changes_after',
      `SELECT e.position FROM events e
        JOIN objects o ON o.cluster_id = e.cluster_id AND o.id = e.object_id
        WHERE e.cluster_id = $1 AND e.position > $2 AND o.kind = ANY($3::text[])
        ORDER BY e.position LIMIT $4`,
      [clusterId, afterPosition, [...kinds], limit],
    );
    return this.events(r.map((row) => row[0] as number));
  }

  async objectEventBefore(
    clusterId: number,
    kind: Kind,
    uid: string,
    position: number,
  ): Promise<StoredEvent | null> {
    const r = await this.rows(
      'eph_object_event_before',
      `SELECT MAX(e.position) FROM objects o
        JOIN events e ON e.cluster_id = o.cluster_id AND e.object_id = o.id
        WHERE o.cluster_id = $1 AND o.kind = $2 AND o.uid = $3 AND e.position < $4`,
      [clusterId, kind, uid, position],
    );
    const p = r[0]![0] as number | null;
    return p === null ? null : ((await this.events([p]))[0] ?? null);
  }

  /** Positions are per cluster (ClusterIds): a head compares only with its own cluster's positions. */
  async eventLogHead(clusterId?: number): Promise<number> {
    if (clusterId === undefined) {
      const r = await this.rows('eph_head', 'SELECT COALESCE(MAX(position), 0) FROM events', []);
      return r[0]![0] as number;
    }
    const r = await this.rows(
      'eph_cluster_head',
      'SELECT COALESCE(MAX(position), $2) FROM events WHERE cluster_id = $1',
      [clusterId, clusterId * CLUSTER_ID_RANGE],
    );
    return r[0]![0] as number;
  }

  async observedSince(
    position: number,
    clusterId = clusterOfId(position),
  ): Promise<{ min: number; max: number; head: number } | null> {
    const r = await this.rows(
      'eph_observed_since',
      'SELECT MIN(observed_at), MAX(observed_at), MAX(position) FROM events WHERE cluster_id = $1 AND position > $2',
      [clusterId, position],
    );
    const [min, max, head] = r[0]! as (number | null)[];
    return head === null || head === undefined ? null : { min: min!, max: max!, head };
  }

  async events(positions: readonly number[]): Promise<StoredEvent[]> {
    if (positions.length === 0) return [];
    const rows = (
      await this.pool.query<PgEventRow & ObjectNames & { object_name: string }>({
        name: 'eph_events_at',
        text: `SELECT e.*, c.name AS cluster, o.kind, o.uid, o.namespace, o.name AS object_name
          FROM (${EVENT_SELECT} WHERE (cluster_id, position) IN (SELECT * FROM unnest($1::bigint[], $2::bigint[]))) e
          JOIN objects o ON o.cluster_id = e.cluster_id AND o.id = e.object_id
          JOIN clusters c ON c.cluster_id = e.cluster_id`,
        values: [positions.map(clusterOfId), positions],
      })
    ).rows;
    const jsons = await objectJsons(
      this.pool,
      rows.map((r) => r.position),
    );
    const byPosition = new Map(
      rows.map((r) => [
        r.position,
        storedEvent(
          r,
          { cluster: r.cluster, kind: r.kind, uid: r.uid, namespace: r.namespace, name: r.object_name },
          jsons.get(r.position)!,
        ),
      ]),
    );
    return positions.map((p) => byPosition.get(p)).filter((e): e is StoredEvent => e !== undefined);
  }

  close(): void {
    void this.pool.end().catch(() => {});
  }
}
