import type { Kind, SlimObject } from '../model/types.js';
import type { MemberSource, PodStateAttrs } from '../projections/index.js';
import type { StoredEvent } from './types.js';

export interface ClusterRow {
  id: number;
  name: string;
}

/** What the recorder of a cluster last wrote: its newest event and its heartbeat. */
export interface ClusterActivityRow {
  id: number;
  /** observed_at of the cluster's newest event; null before its first. */
  lastObservedAt: number | null;
  /** The recorder's last heartbeat (every batch, and every few seconds while idle); null if never. */
  aliveAt: number | null;
}

/** A service's key and when it first had rows from each source (what decides the source at T). */
export interface ServiceKeyRow {
  id: number;
  namespace: string;
  name: string;
  firstSliceAt: number | null;
  firstEndpointsAt: number | null;
}

export interface CoverageRow {
  startedAt: number;
  endedAt: number | null;
  startReason: string;
  endReason: string | null;
}

/** An endpoint_members row as the questions read it (its port set's JSON in place of the id). */
export interface MemberRow {
  ip: string;
  targetUid: string | null;
  targetKind: string | null;
  targetNamespace: string | null;
  targetName: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName: string | null;
  zone: string | null;
  hostname: string | null;
  ports: string;
  validFrom: number;
  validTo: number;
  fromPosition: number;
  toPosition: number | null;
}

/** What an address at one moment needs of its row. */
export type AddressRow = Omit<MemberRow, 'validTo' | 'fromPosition' | 'toPosition'>;

/** A pod_states row as the questions read it: the fold's attributes plus how and when it was valid. */
export interface PodStateRow extends PodStateAttrs {
  endedByDelete: boolean;
  validFrom: number;
  validTo: number;
}

export interface PodIpRow {
  podUid: string;
  ip: string;
  validFrom: number;
  validTo: number;
}

export interface ServiceStateRow {
  cluster: string;
  namespace: string;
  name: string;
  uid: string;
  type: string;
  clusterIp: string | null;
  /** JSON of the selector; null for a selector-less service. */
  selector: string | null;
  /** JSON of spec.ports. */
  ports: string;
  publishNotReady: boolean;
  validFrom: number;
  validTo: number;
}

/** A pod's membership of a service over one interval. */
export interface PodMembershipRow {
  namespace: string;
  service: string;
  source: MemberSource;
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  validFrom: number;
  validTo: number;
}

/** An object as its last event at or before a moment recorded it. */
export interface ObjectAt<T extends SlimObject = SlimObject> {
  uid: string;
  namespace: string;
  name: string;
  /** Position of the event that produced this state. */
  position: number;
  object: T;
}

/** Where a page of objects starts: strictly after this object in (namespace, name, uid) order. */
export interface ObjectPageKey {
  namespace: string;
  name: string;
  uid: string;
}

/**
 * The read side's seam: the rows the questions of src/query are answered from, each method one
 * read. Every method is asynchronous, whatever the backend: SQLite answers at once (better-sqlite3
 * is synchronous), PostgreSQL over the network. Intervals are half-open [validFrom, validTo), an
 * open one ending at OPEN_END. Never writes. Implemented for SQLite by src/store/sqlite/SqliteReads.
 */
export interface HistoryReads {
  /** A value that changes whenever the stored history does: memoised answers are kept until it moves. */
  version(): Promise<string>;
  /** Every recorded cluster, by id. */
  clusters(): Promise<ClusterRow[]>;
  /** Every recorded cluster's newest event and heartbeat, by id. */
  clusterActivity(): Promise<ClusterActivityRow[]>;
  serviceKey(clusterId: number, namespace: string, name: string): Promise<ServiceKeyRow | null>;
  /** Services ever recorded in the cluster (in one namespace, or all), by namespace then name. */
  serviceNames(clusterId: number, namespace: string | null): Promise<{ namespace: string; name: string }[]>;
  /** A (cluster, kind)'s recording intervals, by start. */
  coverage(clusterId: number, kind: Kind): Promise<CoverageRow[]>;
  /** A service's member rows from `source` valid at `at` (validFrom ≤ at < validTo). */
  membersAt(serviceId: number, source: MemberSource, at: number): Promise<AddressRow[]>;
  /** A service's member rows from `source` overlapping [from, to] (validFrom ≤ to, validTo > from), by validFrom. */
  membersOverlapping(serviceId: number, source: MemberSource, from: number, to: number): Promise<MemberRow[]>;
  /** The last moment at or before `at` a member row of the service and source opened or closed. */
  lastMemberChange(serviceId: number, source: MemberSource, at: number): Promise<number | null>;
  /** The services of the cluster a pod (by uid) backed over [from, to], by validFrom. */
  podMembership(clusterId: number, podUid: string, from: number, to: number): Promise<PodMembershipRow[]>;
  /** Services whose Service object existed at `at`, by namespace then name. */
  servicesAt(clusterId: number, namespace: string | null, at: number): Promise<ServiceStateRow[]>;
  /** The service's latest state that began at or before `at`, or null. */
  serviceStateAt(serviceId: number, at: number): Promise<ServiceStateRow | null>;
  /** Every state of a service, by validFrom. */
  serviceStates(serviceId: number): Promise<{ validFrom: number; validTo: number }[]>;
  /** The latest state, begun at or before `at`, of any pod (incarnation) named namespace/name. */
  podStateNamedAt(
    cluster: ClusterRow,
    namespace: string,
    name: string,
    at: number,
  ): Promise<PodStateRow | null>;
  /** The latest state begun at or before `at` of each of these pods (by uid), alive or not. */
  latestPodStates(cluster: ClusterRow, uids: readonly string[], at: number): Promise<PodStateRow[]>;
  /** Every state of the pods named namespace/name overlapping [from, to], by validFrom. */
  podStatesNamed(
    cluster: ClusterRow,
    namespace: string,
    name: string,
    from: number,
    to: number,
  ): Promise<PodStateRow[]>;
  /** Pod states valid at `at` (in one namespace, or all), by namespace, name and validFrom. */
  podStatesAt(cluster: ClusterRow, namespace: string | null, at: number): Promise<PodStateRow[]>;
  /** Which pods held `ip` at some moment of [from, to], by validFrom. */
  podIps(clusterId: number, ip: string, from: number, to: number): Promise<PodIpRow[]>;
  /**
   * Objects of `kind` that existed at `at` (their last event at or before it is not a DELETED),
   * optionally in one namespace and of one name, by namespace, name and position.
   */
  latestObjects<T extends SlimObject>(
    clusterId: number,
    kind: Kind,
    at: number,
    filter: { namespace?: string | null; name?: string | null },
  ): Promise<ObjectAt<T>[]>;
  /**
   * One page of `latestObjects` (no name filter): the objects of `kind` that existed at `at`,
   * optionally in one namespace, in (namespace, name, uid) order, strictly after `after`, at most
   * `limit`. Read in the order of an index, so a page costs about its size however many objects
   * there are (the kube API's `limit`/`continue`).
   */
  latestObjectsPage<T extends SlimObject>(
    clusterId: number,
    kind: Kind,
    at: number,
    options: { namespace: string | null; after: ObjectPageKey | null; limit: number },
  ): Promise<ObjectAt<T>[]>;
  /**
   * A log position P that splits the cluster's changes to `kinds` at `at`: every one observed at or
   * before `at` is at or before P, every one after P was observed after `at` (0 when nothing was by
   * then; 0 for no kinds). Any such P is right: the newest change of `kinds` observed by `at`, or (in
   * a one-cluster log, where observed_at never goes back) the log's last position observed by `at`.
   */
  kindsPositionAt(clusterId: number, kinds: readonly Kind[], at: number): Promise<number>;
  /** The cluster's stored events of `kinds` after `afterPosition`, in log order, at most `limit` ([] for no kinds). */
  kindChangesAfter(
    clusterId: number,
    kinds: readonly Kind[],
    afterPosition: number,
    limit: number,
  ): Promise<StoredEvent[]>;
  /** The last stored event of one object (cluster, kind, uid) before log position `position`, or null. */
  objectEventBefore(
    clusterId: number,
    kind: Kind,
    uid: string,
    position: number,
  ): Promise<StoredEvent | null>;
  /**
   * The newest event position (0 when empty): every change up to it is readable. With `clusterId`,
   * a head good for that cluster's events: a backend that numbers positions per cluster
   * (PostgreSQL) answers the cluster's newest (its range's floor when it has none); SQLite's
   * positions are one sequence for every cluster, so it answers the global head.
   */
  eventLogHead(clusterId?: number): Promise<number>;
  /**
   * The observed_at span of the events after `position` (of cluster `clusterId` where positions are
   * per cluster; at least those), and the new head; null when there are none.
   */
  observedSince(
    position: number,
    clusterId?: number,
  ): Promise<{ min: number; max: number; head: number } | null>;
  /** The stored events at these positions, in the order given; missing ones left out. */
  events(positions: readonly number[]): Promise<StoredEvent[]>;
  close(): void;
}
