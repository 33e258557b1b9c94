import type { Logger } from 'pino';
import type { KindHealth } from '../model/health.js';
import type { Kind } from '../model/types.js';
import type { CoverageOp, CursorUpdate, EventStore } from '../store/types.js';
import type { BatchWriter } from './batchWriter.js';
import { CurrentRequest } from './currentRequest.js';
import { ALL_NAMESPACES, type KindCoverage } from './kindCoverage.js';
import type { KubeHttp } from './kubeHttp.js';
import type { RecorderMetrics } from './metrics.js';
import type { Clock, RecorderOptions } from './options.js';
import type { Reachability } from './reachability.js';
import type { WatchListGate } from './watchListGate.js';

export interface ReflectorDeps {
  http: KubeHttp;
  writer: BatchWriter;
  store: EventStore;
  cluster: string;
  kind: Kind;
  /** One namespace, or null for all namespaces. */
  namespace: string | null;
  coverage: KindCoverage;
  clock: Clock;
  options: RecorderOptions;
  logger: Logger;
  metrics: RecorderMetrics;
  /** Start of the gap we start in (crash or shutdown time), null when this kind was never recorded. */
  gapSince: number | null;
  /** Persisted cursor to resume from; null lists first. */
  resumeFrom: string | null;
  /** Whether this server serves WatchList; shared by every reflector of the recorder. */
  watchList: WatchListGate;
  /** Whether the server answers anyone; shared by every reflector of the recorder. */
  reachability: Reachability;
}

/** Observations as the BatchWriter takes them: the cursor travels beside them, not inside. */
export type CursorlessObservations = Parameters<BatchWriter['enqueue']>[0]['observations'];

/**
 * What one reflector (one kind, one scope) knows between requests: its cursor, whether its stream is
 * live, where the current gap began; plus the bookkeeping that turns these into coverage ops and
 * writer units. Shared by the run loop, the relists and the watch requests.
 */
export class ReflectorState {
  readonly health: KindHealth = {
    state: 'listing',
    lastEventAt: null,
    lastError: null,
    watchRestarts: 0,
    relists: 0,
  };
  rv: string | null;
  gapSince: number | null;
  live = false;
  /** The live stream has brought data (an event or a bookmark), or went live by a snapshot. */
  heard = false;
  lastVerifiedAt: number | null = null;
  nextRelistAt: number;
  /** A batch of ours was lost: enqueue nothing until the loop resumes from the persisted cursor. */
  discarding = false;
  /** The earliest observation of ours a failed write lost: coverage must end there. */
  lostSince: number | null = null;
  readonly request = new CurrentRequest();
  readonly scope: string;
  readonly log: Logger;

  constructor(readonly d: ReflectorDeps) {
    this.rv = d.resumeFrom;
    this.gapSince = d.gapSince;
    this.scope = d.namespace ?? ALL_NAMESPACES;
    this.nextRelistAt = d.clock.now() + d.options.relistIntervalMs;
    this.log = d.logger.child({ kind: d.kind, namespace: d.namespace ?? '*' });
  }

  /** Counts a relist in health and in eph_relists_total together. */
  countRelist(reason: string): void {
    this.health.relists += 1;
    this.d.metrics.relists.inc({ kind: this.d.kind, reason });
  }

  /** Counts a watch restart in health and in eph_watch_restarts_total together. */
  countRestart(reason: string): void {
    this.health.watchRestarts += 1;
    this.d.metrics.watchRestarts.inc({ kind: this.d.kind, reason });
  }

  /** Marks this stream live at `at` and counts the gap it ends; returns the kind's open op, if any. */
  openCoverage(at: number, reason: string): CoverageOp[] {
    this.live = true;
    this.heard = reason === 'list';
    if (this.gapSince !== null && at > this.gapSince)
      this.d.metrics.gapSeconds.inc({ kind: this.d.kind }, (at - this.gapSince) / 1000);
    return this.d.coverage.open(this.scope, at, reason);
  }

  /**
   * A live stream broke for `reason`: a gap starts now (or at `until`, when what we saw since then was
   * lost) and the kind's close op is enqueued. A stream
   * that went live by staying quiet after a resume and never brought a byte proved nothing (a watch
   * from a resourceVersion the server no longer reaches, after an etcd restore, is accepted and
   * stays silent): the gap is still the one before it, and keeps its start.
   */
  breakCoverage(reason: string, until?: number): void {
    if (!this.live) return;
    this.live = false;
    const now = this.d.clock.now();
    const at = until === undefined ? now : Math.min(until, now);
    if (this.heard || this.gapSince === null) this.gapSince = at;
    this.enqueue([], undefined, this.d.coverage.close(this.scope, at, reason));
  }

  /** One writer unit (events, then the cursor and coverage that follow them); empty units are skipped. */
  enqueue(observations: CursorlessObservations, cursor?: CursorUpdate, coverage?: CoverageOp[]): void {
    if (this.discarding) return;
    if (observations.length === 0 && cursor === undefined && (coverage?.length ?? 0) === 0) return;
    this.d.writer.enqueue({ kind: this.d.kind, observations, cursor, coverage });
  }
}
