import type { Database, Statement } from 'better-sqlite3';
import type { Kind, SlimObject } from '../../model/types.js';
import { ENDPOINT_MEMBERS, type MemberSource, POD_IPS } from '../../projections/index.js';
import { getOrCreate } from '../../util/getOrCreate.js';
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
import { EventReader } from './eventReader.js';

/** `?, ?, …`: one placeholder per kind. */
const kindList = (kinds: readonly Kind[]): string => kinds.map(() => '?').join(', ');

/**
 * A service's members from one source overlapping [from, to] (from = to: alive at that moment),
 * one bounded range of the span index per class (memberSpans.ts); params service, source, from, to,
 * from.
 */
const MEMBERS_OF = `FROM ${MEMBER_SPANS} CROSS JOIN endpoint_members m JOIN port_sets p ON p.id = m.port_set_id
  WHERE m.service_id = ? AND m.source = ? AND m.span_class = s.span_class
    AND m.valid_from > ? - s.width AND m.valid_from <= ? AND m.valid_to > ?`;

/**
 * Pod uids by name, as SQL subqueries (parameters: cluster id, namespace[, name]). The objects table
 * indexes names; pod_states only uids, since an index over every state row would cost the write path
 * a page per pod change. A name can have had several pods (incarnations): all their uids.
 */
const PODS_NAMED = `SELECT uid FROM objects WHERE cluster_id = ? AND kind = 'Pod' AND namespace = ? AND name = ?`;
const PODS_IN_NAMESPACE = `SELECT uid FROM objects WHERE cluster_id = ? AND kind = 'Pod' AND namespace = ?`;

const SERVICES_FROM = `FROM service_states s JOIN service_keys k ON k.id = s.service_id JOIN clusters c ON c.id = k.cluster_id`;

/** An object and its latest event at some moment, as the object reads select them. */
interface ObjectEventRow {
  uid: string;
  namespace: string;
  name: string;
  position: number;
  resource_version: string;
}

/**
 * The read side on SQLite: one connection (read-only for `serve` and every query command; the
 * recorder thread's own for the store's tests), statements prepared once. Rows leave SQLite as ONE
 * JSON text where a question reads many (`arrays`): better-sqlite3 builds each row object through
 * V8's C++ API at ≈ 0.3 µs a column, which made moving rows the largest cost of `endpoints(at)`;
 * `json_group_array` plus one `JSON.parse` cost about a quarter of that.
 */
export class SqliteReads implements HistoryReads {
  private readonly statements = new Map<string, Statement>();
  private readonly reader: EventReader;
  /** A connection that cannot write (read-only or query-only) never changes `total_changes()`. */
  private readonly writes: boolean;
  private turnVersion: string | undefined;

  constructor(readonly db: Database) {
    this.reader = new EventReader(db);
    this.writes = !db.readonly && db.pragma('query_only', { simple: true }) !== 1;
  }

  private stmt(sql: string): Statement {
    return getOrCreate(this.statements, sql, () => this.db.prepare(sql));
  }

  /**
   * The rows of `SELECT ${columns} ${rest}` as arrays of their values in column order (`orderBy`
   * sorts them), moved out as one JSON text. Columns must not be BLOBs.
   */
  private arrays(columns: string, rest: string, params: readonly unknown[], orderBy?: string): unknown[][] {
    const order = orderBy === undefined ? '' : ` ORDER BY ${orderBy}`;
    const json = this.stmt(`SELECT json_group_array(json_array(${columns})${order}) ${rest}`)
      .pluck()
      .get(...params) as string;
    return JSON.parse(json) as unknown[][];
  }

  /**
   * `PRAGMA data_version` moves when another connection commits, `total_changes()` when this one does.
   * A read-only connection in a thread that writes no history (`serve`, the serving thread of `run`)
   * reads it once per turn of the event loop: every request of that turn shares the figure (another
   * thread's commit is seen on the next turn), where each memoised read used to ask again.
   */
  async version(): Promise<string> {
    if (this.writes) {
      const dataVersion = this.stmt('PRAGMA data_version').pluck().get() as number;
      return `${dataVersion}/${this.stmt('SELECT total_changes()').pluck().get()}`;
    }
    if (writersInThread() > 0) return String(this.stmt('PRAGMA data_version').pluck().get());
    if (this.turnVersion === undefined) {
      this.turnVersion = String(this.stmt('PRAGMA data_version').pluck().get());
      setImmediate(() => {
        this.turnVersion = undefined;
      });
    }
    return this.turnVersion;
  }

  async clusters(): Promise<ClusterRow[]> {
    return this.stmt('SELECT id, name FROM clusters ORDER BY id').all() as ClusterRow[];
  }

  async clusterActivity(): Promise<ClusterActivityRow[]> {
    return this.stmt(
      'SELECT id, last_observed_at AS lastObservedAt, alive_at AS aliveAt FROM clusters ORDER BY id',
    ).all() as ClusterActivityRow[];
  }

  async serviceKey(clusterId: number, namespace: string, name: string): Promise<ServiceKeyRow | null> {
    const r = this.stmt(
      'SELECT id, first_slice_at, first_endpoints_at FROM service_keys WHERE cluster_id = ? AND namespace = ? AND name = ?',
    ).get(clusterId, namespace, name) as
      | { id: number; first_slice_at: number | null; first_endpoints_at: number | null }
      | undefined;
    return r
      ? { id: r.id, namespace, name, firstSliceAt: r.first_slice_at, firstEndpointsAt: r.first_endpoints_at }
      : null;
  }

  async serviceNames(
    clusterId: number,
    namespace: string | null,
  ): Promise<{ namespace: string; name: string }[]> {
    return this.stmt(
      'SELECT namespace, name FROM service_keys WHERE cluster_id = ? AND (? IS NULL OR namespace = ?) ORDER BY namespace, name',
    ).all(clusterId, namespace, namespace) as { namespace: string; name: string }[];
  }

  async coverage(clusterId: number, kind: Kind): Promise<CoverageRow[]> {
    return this.stmt(`SELECT started_at AS startedAt, ended_at AS endedAt, start_reason AS startReason,
      end_reason AS endReason FROM coverage WHERE cluster_id = ? AND kind = ? ORDER BY started_at, id`).all(
      clusterId,
      kind,
    ) as CoverageRow[];
  }

  async membersAt(serviceId: number, source: MemberSource, at: number): Promise<AddressRow[]> {
    return this.arrays(ADDRESS_COLUMNS, MEMBERS_OF, [serviceId, source, at, at, at]).map(addressRow);
  }

  async membersOverlapping(
    serviceId: number,
    source: MemberSource,
    from: number,
    to: number,
  ): Promise<MemberRow[]> {
    return this.arrays(
      MEMBER_COLUMNS,
      MEMBERS_OF,
      [serviceId, source, from, to, from],
      'm.valid_from, m.id',
    ).map(memberRow);
  }

  async lastMemberChange(serviceId: number, source: MemberSource, at: number): Promise<number | null> {
    return this.stmt(`SELECT MAX(
        (SELECT MAX(valid_from) FROM endpoint_members WHERE service_id = @id AND source = @source AND valid_from <= @at),
        COALESCE((SELECT MAX(valid_to) FROM endpoint_members WHERE service_id = @id AND source = @source AND valid_to <= @at), 0))`)
      .pluck()
      .get({ id: serviceId, source, at }) as number | null;
  }

  async podMembership(
    clusterId: number,
    podUid: string,
    from: number,
    to: number,
  ): Promise<PodMembershipRow[]> {
    const m = columnsOf(ENDPOINT_MEMBERS, 'm', ['source', 'ip', 'ready', 'serving', 'terminating']);
    const rows = this.stmt(`SELECT k.namespace, k.name, ${m}, m.valid_from, m.valid_to
      FROM endpoint_members m JOIN service_keys k ON k.id = m.service_id
      WHERE m.target_uid = ? AND k.cluster_id = ? AND m.valid_from <= ? AND m.valid_to > ?
      ORDER BY m.valid_from, m.id`)
      .raw()
      .all(podUid, clusterId, to, from) as unknown[][];
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
    const rows = this.stmt(`SELECT ${SERVICE_COLUMNS} ${SERVICES_FROM}
      WHERE k.cluster_id = ? AND (? IS NULL OR k.namespace = ?) AND s.valid_from <= ? AND s.valid_to > ?
      ORDER BY k.namespace, k.name`)
      .raw()
      .all(clusterId, namespace, namespace, at, at) as unknown[][];
    return rows.map(serviceStateRow);
  }

  async serviceStateAt(serviceId: number, at: number): Promise<ServiceStateRow | null> {
    const r =
      this.stmt(`SELECT ${SERVICE_COLUMNS} ${SERVICES_FROM} WHERE s.service_id = ? AND s.valid_from <= ?
      ORDER BY s.valid_from DESC, s.id DESC LIMIT 1`)
        .raw()
        .get(serviceId, at) as unknown[] | undefined;
    return r ? serviceStateRow(r) : null;
  }

  async serviceStates(serviceId: number): Promise<{ validFrom: number; validTo: number }[]> {
    return this.stmt(
      'SELECT valid_from AS validFrom, valid_to AS validTo FROM service_states WHERE service_id = ? ORDER BY valid_from, id',
    ).all(serviceId) as { validFrom: number; validTo: number }[];
  }

  async podStateNamedAt(
    cluster: ClusterRow,
    namespace: string,
    name: string,
    at: number,
  ): Promise<PodStateRow | null> {
    const r = this.stmt(`SELECT ${POD_VALUES} FROM pod_states s
      WHERE s.uid IN (${PODS_NAMED}) AND s.cluster_id = ? AND s.valid_from <= ?
      ORDER BY s.valid_from DESC, s.id DESC LIMIT 1`)
      .raw()
      .get(cluster.id, namespace, name, cluster.id, at) as unknown[] | undefined;
    return r ? podStateRow(cluster.name, r) : null;
  }

  /**
   * Batched in one statement: one index probe per uid, newest first (the index ends with the row id,
   * so ties on valid_from go to the last row written).
   */
  async latestPodStates(cluster: ClusterRow, uids: readonly string[], at: number): Promise<PodStateRow[]> {
    if (uids.length === 0) return [];
    return this.arrays(
      POD_VALUES,
      `FROM json_each(?) j JOIN pod_states s ON s.id = (SELECT id FROM pod_states
        WHERE uid = j.value AND cluster_id = ? AND valid_from <= ? ORDER BY valid_from DESC, id DESC LIMIT 1)`,
      [JSON.stringify([...new Set(uids)]), cluster.id, at],
    ).map((a) => podStateRow(cluster.name, a));
  }

  async podStatesNamed(
    cluster: ClusterRow,
    namespace: string,
    name: string,
    from: number,
    to: number,
  ): Promise<PodStateRow[]> {
    const rows = this.stmt(`SELECT ${POD_VALUES} FROM pod_states s
      WHERE s.uid IN (${PODS_NAMED}) AND s.cluster_id = ? AND s.valid_from <= ? AND s.valid_to > ?
      ORDER BY s.valid_from, s.id`)
      .raw()
      .all(cluster.id, namespace, name, cluster.id, to, from) as unknown[][];
    return rows.map((a) => podStateRow(cluster.name, a));
  }

  async podStatesAt(cluster: ClusterRow, namespace: string | null, at: number): Promise<PodStateRow[]> {
    const alive = 's.cluster_id = ? AND s.valid_from <= ? AND s.valid_to > ?';
    const rows = (
      namespace === null
        ? this.stmt(
            `SELECT ${POD_VALUES} FROM pod_states s WHERE ${alive} ORDER BY s.namespace, s.name, s.valid_from`,
          )
            .raw()
            .all(cluster.id, at, at)
        : this.stmt(`SELECT ${POD_VALUES} FROM pod_states s
            WHERE s.uid IN (${PODS_IN_NAMESPACE}) AND ${alive} ORDER BY s.name, s.valid_from`)
            .raw()
            .all(cluster.id, namespace, cluster.id, at, at)
    ) as unknown[][];
    return rows.map((a) => podStateRow(cluster.name, a));
  }

  async podIps(clusterId: number, ip: string, from: number, to: number): Promise<PodIpRow[]> {
    const c = columnsOf(POD_IPS, 'i', ['podUid', 'ip']);
    const rows =
      this.stmt(`SELECT ${c}, i.valid_from, i.valid_to FROM pod_ips i WHERE i.ip = ? AND i.cluster_id = ?
      AND i.valid_from <= ? AND i.valid_to > ? ORDER BY i.valid_from, i.id`)
        .raw()
        .all(ip, clusterId, to, from) as unknown[][];
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
    const rows =
      this.stmt(`SELECT o.uid, o.namespace, o.name, e.position, e.type, e.resource_version FROM objects o
      JOIN events e ON e.position = (SELECT MAX(x.position) FROM events x WHERE x.object_id = o.id AND x.observed_at <= ?)
      WHERE o.cluster_id = ? AND o.kind = ? AND (? IS NULL OR o.namespace = ?) AND (? IS NULL OR o.name = ?)
      ORDER BY o.namespace, o.name, e.position`).all(
        at,
        clusterId,
        kind,
        filter.namespace ?? null,
        filter.namespace ?? null,
        filter.name ?? null,
        filter.name ?? null,
      ) as (ObjectEventRow & { type: string })[];
    return rows.filter((r) => r.type !== 'DELETED').map((r) => this.objectAt<T>(r));
  }

  async latestObjectsPage<T extends SlimObject>(
    clusterId: number,
    kind: Kind,
    at: number,
    options: { namespace: string | null; after: ObjectPageKey | null; limit: number },
  ): Promise<ObjectAt<T>[]> {
    const a = options.after;
    // ordered by the objects' (cluster_id, kind, namespace, name, uid) index: a page reads about `limit` objects
    const rows = this.stmt(`SELECT o.uid, o.namespace, o.name, e.position, e.resource_version FROM objects o
      JOIN events e ON e.position = (SELECT MAX(x.position) FROM events x WHERE x.object_id = o.id AND x.observed_at <= ?)
      WHERE o.cluster_id = ? AND o.kind = ? AND (? IS NULL OR o.namespace = ?)
        AND (? IS NULL OR (o.namespace, o.name, o.uid) > (?, ?, ?))
        AND e.type <> 'DELETED'
      ORDER BY o.namespace, o.name, o.uid
      LIMIT ?`).all(
      at,
      clusterId,
      kind,
      options.namespace,
      options.namespace,
      a === null ? null : 1,
      a?.namespace ?? null,
      a?.name ?? null,
      a?.uid ?? null,
      options.limit,
    ) as ObjectEventRow[];
    return rows.map((r) => this.objectAt<T>(r));
  }

  /** An object's row (its latest event at some moment) with that event's object. */
  private objectAt<T extends SlimObject>(r: ObjectEventRow): ObjectAt<T> {
    return {
      uid: r.uid,
      namespace: r.namespace,
      name: r.name,
      position: r.position,
      object: deserialise(this.reader.objectJson(r.position), r.resource_version) as T,
    };
  }

  async kindsPositionAt(clusterId: number, kinds: readonly Kind[], at: number): Promise<number> {
    if (kinds.length === 0) return 0;
    const head = this.singleClusterPositionAt(at);
    if (head !== null) return head;
    return this.stmt(`SELECT COALESCE(MAX(e.position), 0) FROM objects o JOIN events e ON e.object_id = o.id
      WHERE o.cluster_id = ? AND o.kind IN (${kindList(kinds)}) AND e.observed_at <= ?`)
      .pluck()
      .get(clusterId, ...kinds, at) as number;
  }

  /**
   * The last log position observed at or before `at` in a database that holds only one cluster,
   * found by bisection (observed_at never goes backwards within a cluster, and positions follow
   * appends): a few index seeks instead of reading every event. Null when the database holds other
   * clusters too, whose events interleave.
   */
  private singleClusterPositionAt(at: number): number | null {
    if ((this.stmt('SELECT COUNT(*) FROM clusters').pluck().get() as number) !== 1) return null;
    const next = this.stmt(
      'SELECT position, observed_at FROM events WHERE position >= ? ORDER BY position LIMIT 1',
    );
    const first = next.get(0) as { position: number; observed_at: number } | undefined;
    if (first === undefined || first.observed_at > at) return 0;
    const last = this.stmt('SELECT MAX(position) FROM events').pluck().get() as number;
    // lo: a position observed at or before `at`; every position from hi on was observed after it
    let lo = first.position;
    let hi = last + 1;
    while (lo + 1 < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const r = next.get(mid) as { position: number; observed_at: number } | undefined;
      if (r === undefined || r.position >= hi) hi = mid;
      else if (r.observed_at <= at) lo = r.position;
      else hi = r.position;
    }
    return lo;
  }

  async kindChangesAfter(
    clusterId: number,
    kinds: readonly Kind[],
    afterPosition: number,
    limit: number,
  ): Promise<StoredEvent[]> {
    if (kinds.length === 0) return [];
    const positions = this.stmt(`SELECT e.position FROM events e JOIN objects o ON o.id = e.object_id
      WHERE e.position > ? AND o.cluster_id = ? AND o.kind IN (${kindList(kinds)})
      ORDER BY e.position LIMIT ?`)
      .pluck()
      .all(afterPosition, clusterId, ...kinds, limit) as number[];
    return this.events(positions);
  }

  async objectEventBefore(
    clusterId: number,
    kind: Kind,
    uid: string,
    position: number,
  ): Promise<StoredEvent | null> {
    const p = this.stmt(`SELECT MAX(e.position) FROM objects o JOIN events e ON e.object_id = o.id
      WHERE o.cluster_id = ? AND o.kind = ? AND o.uid = ? AND e.position < ?`)
      .pluck()
      .get(clusterId, kind, uid, position) as number | null;
    return p === null ? null : this.reader.event(p);
  }

  async eventLogHead(): Promise<number> {
    return this.stmt('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number;
  }

  async observedSince(position: number): Promise<{ min: number; max: number; head: number } | null> {
    const r = this.stmt(
      'SELECT MIN(observed_at) AS min, MAX(observed_at) AS max, MAX(position) AS head FROM events WHERE position > ?',
    ).get(position) as { min: number | null; max: number | null; head: number | null };
    return r.head === null ? null : { min: r.min!, max: r.max!, head: r.head };
  }

  async events(positions: readonly number[]): Promise<StoredEvent[]> {
    return positions.map((p) => this.reader.event(p)).filter((e): e is StoredEvent => e !== null);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
