import type { Kind, SlimObject } from '../model/types.js';
import {
  type ClusterRow,
  connectReads,
  type HistoryReads,
  type ObjectPageKey,
  openReads,
} from '../store/index.js';
import { type ChangesArgs, changes, membershipChanges } from './changes.js';
import { clusterSummaries } from './clusterSummaries.js';
import { coverage, coverageAt } from './coverage.js';
import { type EndpointsAtArgs, endpointsAt } from './endpointsAt.js';
import { endpointsDiff } from './endpointsDiff.js';
import { type EndpointsObjectsArgs, endpointsObjects } from './endpointsObjects.js';
import { evidencePack } from './evidencePack.js';
import {
  kindChangesAfter,
  kindsHeadAt,
  objectBefore,
  observedAtPosition,
  stillRecording,
} from './kindChanges.js';
import { memberIntervals } from './memberIntervals.js';
import { outages } from './outages.js';
import { podMembership } from './podMembership.js';
import {
  ipHolders,
  type PodAtArgs,
  type PodsByIpArgs,
  podAt,
  podHistory,
  podsByIP,
  podsByUidAt,
} from './pods.js';
import { podsAt } from './podsAt.js';
import { QueryContext } from './QueryContext.js';
import { type ReadyCountArgs, readyCount } from './readyCount.js';
import type { ServiceRangeArgs } from './serviceRange.js';
import { namespaces, serviceAt, serviceExistsAt, serviceNames, servicesAt } from './services.js';
import { serviceTimeline } from './serviceTimeline.js';
import { serviceUnknownSpans } from './serviceUnknownSpans.js';

/**
 * The read side in one object, and the only way to ask: every point-in-time and range question
 * about one history, each answered asynchronously (whatever the backend: SQLite answers at once,
 * another over the network). Read-only by construction (src/query never writes).
 */
export class History {
  private readonly ctx: QueryContext;

  /** Opens an existing SQLite history for reading (read-only); refuses a missing one. */
  static open(location: string, options: { now?: () => number } = {}): History {
    return new History(openReads(location), options.now);
  }

  /** Opens an existing history for reading, whatever its backend (a SQLite file or a PostgreSQL URL). */
  static async connect(location: string, options: { now?: () => number } = {}): Promise<History> {
    return new History(await connectReads(location), options.now);
  }

  constructor(
    readonly reads: HistoryReads,
    now: () => number = Date.now,
  ) {
    this.ctx = new QueryContext(reads, now);
  }

  now(): number {
    return this.ctx.now();
  }

  clusters(): Promise<string[]> {
    return this.ctx.clusterNames();
  }

  /** The recorded clusters (or the named one) with their coverage per kind and heartbeat. */
  clusterSummaries(args: { cluster?: string | null } = {}) {
    return clusterSummaries(this.ctx, args.cluster);
  }

  endpointsAt(args: EndpointsAtArgs) {
    return endpointsAt(this.ctx, args);
  }

  /** The Endpoints objects at T, as `kubectl get endpoints` lists them (see endpointsObjects). */
  endpointsObjects(args: EndpointsObjectsArgs) {
    return endpointsObjects(this.ctx, args);
  }

  endpointsDiff(args: ServiceRangeArgs & { podDetails?: boolean }) {
    return endpointsDiff(this.ctx, args);
  }

  readyCount(args: ReadyCountArgs) {
    return readyCount(this.ctx, args);
  }

  outages(args: ServiceRangeArgs) {
    return outages(this.ctx, args);
  }

  /** Where a service's endpoint answers over [from, to] are unknown (merged [start, end) spans). */
  unknownSpans(args: ServiceRangeArgs) {
    return serviceUnknownSpans(this.ctx, args);
  }

  changes(args: ChangesArgs) {
    return changes(this.ctx, args);
  }

  /** Every change `changes` would page through, in one list. */
  membershipChanges(args: ServiceRangeArgs) {
    return membershipChanges(this.ctx, args);
  }

  /** The membership over [from, to] as each endpoint's intervals (see memberIntervals). */
  memberIntervals(args: ServiceRangeArgs) {
    return memberIntervals(this.ctx, args);
  }

  /** Everything that happened to a service's endpoints in [from, to] (see serviceTimeline). */
  serviceTimeline(args: ServiceRangeArgs) {
    return serviceTimeline(this.ctx, args);
  }

  /** The postmortem evidence for one service over [from, to] (see evidencePack). */
  evidencePack(args: ServiceRangeArgs & { now: number }) {
    return evidencePack(this.ctx, args);
  }

  podsByIP(args: PodsByIpArgs) {
    return podsByIP(this.ctx, args);
  }

  /** `podsByIP` with the Pod kind's completeness and gaps over the question. */
  ipHolders(args: PodsByIpArgs) {
    return ipHolders(this.ctx, args);
  }

  podAt(args: PodAtArgs) {
    return podAt(this.ctx, args);
  }

  /** Pods alive at `at` with their recorded objects (see podsAt). */
  async podsAt(args: { cluster?: string | null; namespace: string | null; at: number }) {
    return podsAt(this.ctx, await this.ctx.cluster(args.cluster), args.at, args.namespace);
  }

  podsByUidAt(cluster: string | null | undefined, uids: readonly string[], at: number) {
    return podsByUidAt(this.ctx, cluster, uids, at);
  }

  podHistory(args: { cluster?: string | null; namespace: string; name: string; from: number; to: number }) {
    return podHistory(this.ctx, args);
  }

  podMembership(args: { cluster?: string | null; podUid: string; from: number; to: number }) {
    return podMembership(this.ctx, args);
  }

  servicesAt(args: { cluster?: string | null; namespace?: string | null; at?: number | null }) {
    return servicesAt(this.ctx, args);
  }

  service(args: { cluster?: string | null; namespace: string; name: string; at?: number | null }) {
    return serviceAt(this.ctx, args);
  }

  /** Whether the service's Service object existed at `at`. */
  serviceExistsAt(args: { cluster?: string | null; namespace: string; name: string; at: number }) {
    return serviceExistsAt(this.ctx, args);
  }

  namespaces(args: { cluster?: string | null } = {}) {
    return namespaces(this.ctx, args);
  }

  serviceNames(args: { cluster?: string | null; namespace?: string | null } = {}) {
    return serviceNames(this.ctx, args);
  }

  async coverage(args: { cluster?: string | null; from: number; to: number; kinds?: readonly Kind[] }) {
    return coverage(this.ctx, await this.ctx.cluster(args.cluster), args.from, args.to, args.kinds);
  }

  /** Whether `at` was covered for every one of `kinds`, and the gap of each kind that was not. */
  async coverageAt(args: { cluster?: string | null; kinds: readonly Kind[]; at: number }) {
    return coverageAt(this.ctx, await this.ctx.cluster(args.cluster), args.kinds, args.at);
  }

  /** The named cluster (or the only one when none is named); throws EPH_ERR_UNKNOWN_CLUSTER or _AMBIGUOUS_CLUSTER. */
  cluster(name?: string | null): Promise<ClusterRow> {
    return this.ctx.cluster(name);
  }

  /** The stored objects of `kind` that existed at `at` (optionally one namespace, one name), by namespace and name. */
  async objectsAt<T extends SlimObject>(args: {
    cluster?: string | null;
    kind: Kind;
    at: number;
    namespace?: string | null;
    name?: string | null;
  }) {
    const cluster = await this.ctx.cluster(args.cluster);
    return this.reads.latestObjects<T>(cluster.id, args.kind, args.at, args);
  }

  /** One page of `objectsAt` in (namespace, name, uid) order, after `after`, at most `limit` (the kube API's paging). */
  async objectsPage<T extends SlimObject>(args: {
    cluster?: string | null;
    kind: Kind;
    at: number;
    namespace: string | null;
    after: ObjectPageKey | null;
    limit: number;
  }) {
    const cluster = await this.ctx.cluster(args.cluster);
    return this.reads.latestObjectsPage<T>(cluster.id, args.kind, args.at, args);
  }

  /** The log position a replay of the changes to `kinds` after `at` starts after (see kindsHeadAt). */
  async kindsHeadAt(args: { cluster?: string | null; kinds: readonly Kind[]; at: number }) {
    return kindsHeadAt(this.ctx, await this.ctx.cluster(args.cluster), args.kinds, args.at);
  }

  /** The stored changes to `kinds` after a log position, in log order, at most `limit`. */
  async kindChangesAfter(args: {
    cluster?: string | null;
    kinds: readonly Kind[];
    afterPosition: number;
    limit: number;
  }) {
    const cluster = await this.ctx.cluster(args.cluster);
    return kindChangesAfter(this.ctx, cluster, args.kinds, args.afterPosition, args.limit);
  }

  /** One object's state just before the change at `position`; null when it did not exist then. */
  async objectBefore(args: { cluster?: string | null; kind: Kind; uid: string; position: number }) {
    const cluster = await this.ctx.cluster(args.cluster);
    return objectBefore(this.ctx, cluster, args.kind, args.uid, args.position);
  }

  /** When the change at a log position was observed; null for a position not in the log. */
  observedAtPosition(position: number) {
    return observedAtPosition(this.ctx, position);
  }

  /** Whether changes of any of `kinds` may still come (a live recording of one of them). */
  async stillRecording(args: { cluster?: string | null; kinds: readonly Kind[] }) {
    return stillRecording(this.ctx, await this.ctx.cluster(args.cluster), args.kinds);
  }

  /**
   * The newest event position of the cluster (named, or the only one): what a live subscriber to one
   * of its services has seen up to. Positions are compared within a cluster only (PostgreSQL numbers
   * each cluster's events in a range of its own).
   */
  async eventLogHead(cluster?: string | null): Promise<number> {
    return this.reads.eventLogHead((await this.ctx.cluster(cluster)).id);
  }

  /** The observed_at span of the cluster's events after `position`, and its new head (see eventLogHead). */
  async observedSince(position: number, cluster?: string | null) {
    return this.reads.observedSince(position, (await this.ctx.cluster(cluster)).id);
  }

  /** Raw events by position, to trace an answer back to the log. */
  events(positions: readonly number[]) {
    return this.reads.events(positions);
  }

  close(): void {
    this.reads.close();
  }
}
