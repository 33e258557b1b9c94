import type { Database } from 'better-sqlite3';
import type { Kind } from '../model/types.js';
import { openDatabase } from '../store/index.js';
import { type ChangesArgs, changes, membershipChanges } from './changes.js';
import { coverage, coverageAt } from './coverage.js';
import { type EndpointsAtArgs, endpointsAt } from './endpointsAt.js';
import { endpointsDiff } from './endpointsDiff.js';
import { eventLogHead, eventsAt, observedSince } from './eventLog.js';
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
import { QueryContext } from './QueryContext.js';
import { type ReadyCountArgs, readyCount } from './readyCount.js';
import type { ServiceRangeArgs } from './serviceRange.js';
import { namespaces, serviceAt, serviceNames, servicesAt } from './services.js';
import { serviceUnknownSpans } from './serviceUnknownSpans.js';

/**
 * The read side in one object: every point-in-time and range question, over one connection.
 * Read-only by construction (src/query never writes).
 */
export class History {
  readonly ctx: QueryContext;

  /** Opens an existing database for reading; refuses a missing file. */
  static open(path: string, options: { now?: () => number } = {}): History {
    return new History(openDatabase(path, { readonly: true }), options.now);
  }

  constructor(db: Database, now: () => number = Date.now) {
    this.ctx = new QueryContext(db, now);
  }

  now(): number {
    return this.ctx.now();
  }

  clusters(): string[] {
    return this.ctx.clusterNames();
  }

  endpointsAt(args: EndpointsAtArgs) {
    return endpointsAt(this.ctx, args);
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

  podsByUidAt(cluster: string | null | undefined, uids: readonly string[], at: number) {
    return podsByUidAt(this.ctx, cluster, uids, at);
  }

  podHistory(args: { cluster?: string | null; namespace: string; name: string; from: number; to: number }) {
    return podHistory(this.ctx, args);
  }

  podMembership(args: { podUid: string; from: number; to: number }) {
    return podMembership(this.ctx, args);
  }

  servicesAt(args: { cluster?: string | null; namespace?: string | null; at?: number | null }) {
    return servicesAt(this.ctx, args);
  }

  service(args: { cluster?: string | null; namespace: string; name: string; at?: number | null }) {
    return serviceAt(this.ctx, args);
  }

  namespaces(args: { cluster?: string | null } = {}) {
    return namespaces(this.ctx, args);
  }

  serviceNames(args: { cluster?: string | null; namespace?: string | null } = {}) {
    return serviceNames(this.ctx, args);
  }

  coverage(args: { cluster?: string | null; from: number; to: number; kinds?: readonly Kind[] }) {
    return coverage(this.ctx, this.ctx.cluster(args.cluster), args.from, args.to, args.kinds);
  }

  /** Whether `at` was covered for every one of `kinds`, and the gap of each kind that was not. */
  coverageAt(args: { cluster?: string | null; kinds: readonly Kind[]; at: number }) {
    return coverageAt(this.ctx, this.ctx.cluster(args.cluster), args.kinds, args.at);
  }

  /** The newest event position (what a live subscriber has seen up to). */
  eventLogHead(): number {
    return eventLogHead(this.ctx);
  }

  observedSince(position: number) {
    return observedSince(this.ctx, position);
  }

  /** Raw events by position, to trace an answer back to the log. */
  events(positions: readonly number[]) {
    return eventsAt(this.ctx, positions);
  }

  close(): void {
    if (this.ctx.db.open) this.ctx.db.close();
  }
}
