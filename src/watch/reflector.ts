import type { Logger } from 'pino';
import { toObservation } from '../model/index.js';
import type { Kind } from '../model/types.js';
import type { CoverageOp, CursorUpdate, EventStore } from '../store/types.js';
import { Backoff } from './backoff.js';
import type { BatchWriter } from './batchWriter.js';
import { classifyFailure } from './classifyFailure.js';
import { AbortedError, ApiStatusError, WatchErrorEvent } from './errors.js';
import { InitialEvents } from './initialEvents.js';
import { ALL_NAMESPACES, type KindCoverage, rvLessThan } from './kindCoverage.js';
import type { KubeHttp } from './kubeHttp.js';
import { listSnapshot } from './listSnapshot.js';
import type { RecorderMetrics } from './metrics.js';
import type { Clock, KindHealth, RecorderOptions } from './options.js';
import { RelistDiff } from './relistDiff.js';
import { collectionPath } from './resources.js';
import type { ProbeOutcome, WatchListGate } from './watchListGate.js';
import { type WatchStreamResult, watchStream } from './watchStream.js';

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
}

/** A WatchList request in progress: the snapshot half of a relist, streamed. */
interface StreamedList {
  reason: string;
  /** The server answered 200 (it accepted sendInitialEvents). */
  onAccepted(): void;
  /** The initial-events-end bookmark arrived and the snapshot is stored: the relist is done. */
  onListed(): void;
}

/**
 * List-then-watch for one kind in one scope, forever: see classifyFailure for the error policy and
 * DESIGN "Coverage" for what is recorded. Everything it learns goes through the shared BatchWriter,
 * events and the cursor that follows them in the same unit.
 */
export class Reflector {
  readonly health: KindHealth = {
    state: 'listing',
    lastEventAt: null,
    lastError: null,
    watchRestarts: 0,
    relists: 0,
  };
  private rv: string | null;
  private gapSince: number | null;
  private live = false;
  private lastVerifiedAt: number | null = null;
  private nextRelistAt: number;
  private current: AbortController | null = null;
  private discarding = false;
  private readonly scope: string;
  private readonly log: Logger;

  constructor(private readonly d: ReflectorDeps) {
    this.rv = d.resumeFrom;
    this.gapSince = d.gapSince;
    this.scope = d.namespace ?? ALL_NAMESPACES;
    this.nextRelistAt = d.clock.now() + d.options.relistIntervalMs;
    this.log = d.logger.child({ kind: d.kind, namespace: d.namespace ?? '*' });
  }

  /** The writer lost a batch with our events: drop what follows and resume from the persisted cursor. */
  writeFailed(): void {
    this.discarding = true;
    this.current?.abort(new AbortedError('write-failed'));
  }

  async run(stop: AbortSignal): Promise<void> {
    const { options: o, clock, metrics, kind } = this.d;
    const backoff = new Backoff({ baseMs: o.backoffBaseMs, maxMs: o.backoffMaxMs });
    let relistReason: string | null = this.rv === null ? 'initial' : null;
    let failures = 0;
    while (!stop.aborted) {
      let result: WatchStreamResult | null = null;
      const started = clock.now();
      try {
        if (relistReason === null) result = await this.watchOnce(stop);
        else {
          const reason = relistReason;
          result = await this.snapshotThenWatch(reason, stop, () => {
            relistReason = null;
          });
          if (result === null) continue;
        }
      } catch (error) {
        if (stop.aborted) break;
        if (error instanceof AbortedError && error.message === 'periodic-relist') {
          relistReason = 'periodic';
          continue;
        }
        const plan = classifyFailure(error, kind, o.forbiddenRetryMs);
        this.breakCoverage(plan.reason);
        if (this.discarding) {
          this.discarding = false;
          this.rv = this.d.store.getCursor(this.d.cluster, kind)?.resourceVersion ?? null;
        }
        failures += 1;
        if (plan.relist || this.rv === null || failures >= o.relistAfterFailures) {
          relistReason = plan.relist ? plan.reason : this.rv === null ? 'no-cursor' : 'failures';
        }
        this.health.state = plan.state;
        this.health.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.health.watchRestarts += 1;
        metrics.watchRestarts.inc({ kind, reason: plan.reason });
        const waitMs =
          plan.wait === 'backoff' || (plan.wait === 'none' && failures > 1)
            ? backoff.next()
            : plan.wait === 'none'
              ? 0
              : plan.wait.ms;
        this.log.warn({ err: this.health.lastError, reason: plan.reason, waitMs }, 'stream failed');
        if (waitMs > 0) await clock.sleep(waitMs, stop);
        continue;
      }
      // Clean end of the body: the server's timeout. Re-watch at once unless it was suspiciously short.
      this.breakCoverage('eof');
      this.health.watchRestarts += 1;
      metrics.watchRestarts.inc({ kind, reason: 'eof' });
      if (result.lines === 0 && clock.now() - started < o.shortWatchMs) {
        failures += 1;
        await clock.sleep(backoff.next(), stop);
      } else {
        failures = 0;
        backoff.reset();
      }
    }
    this.breakCoverage('shutdown');
    this.health.state = 'stopped';
  }

  /**
   * A relist followed by its watch: one WatchList stream when the server serves it (its state part is
   * the snapshot, the rest is the watch), else a paginated list then a watch from the list RV.
   * `onListed` runs once the snapshot is stored. Resolves null when WatchList turned out unsupported
   * (HTTP 422, or a stream that ended without the initial-events-end bookmark): the caller loops and
   * the gate now says `list`, without a failure counted.
   */
  private async snapshotThenWatch(
    reason: string,
    stop: AbortSignal,
    onListed: () => void,
  ): Promise<WatchStreamResult | null> {
    const gate = this.d.watchList;
    const { mode, probing } = await gate.acquire(stop);
    if (stop.aborted) throw new AbortedError('stopped');
    if (mode === 'list') {
      await this.relist(reason, stop);
      onListed();
      return await this.watchOnce(stop);
    }
    let reported = !probing;
    const report = (outcome: ProbeOutcome): void => {
      if (!reported || outcome === 'unsupported') gate.settle(outcome);
      reported = true;
    };
    let listed = false;
    let outcome: ProbeOutcome = 'inconclusive';
    try {
      const result = await this.watchOnce(stop, {
        reason,
        onAccepted: () => report('supported'),
        onListed: () => {
          listed = true;
          onListed();
        },
      });
      if (listed) return result;
      outcome = 'unsupported';
      this.log.warn('WatchList stream ended before its initial-events-end bookmark; falling back to list');
    } catch (error) {
      const rejected =
        !listed &&
        error instanceof ApiStatusError &&
        !(error instanceof WatchErrorEvent) &&
        error.status === 422;
      if (!rejected) throw error;
      outcome = 'unsupported';
      this.log.warn({ err: error.message }, 'WatchList rejected (422); falling back to list + watch');
    } finally {
      report(outcome);
    }
    this.d.metrics.relists.inc({ kind: this.d.kind, reason: 'watch-list-unsupported' });
    return null;
  }

  private async relist(reason: string, stop: AbortSignal): Promise<void> {
    const { clock, metrics, kind, cluster, namespace } = this.d;
    this.health.state = 'listing';
    this.health.relists += 1;
    metrics.relists.inc({ kind, reason });
    const wasLive = this.live;
    const startedAt = clock.now();
    const diff = this.startSnapshot(startedAt, wasLive);
    const ac = this.link(stop);
    const listRv = await listSnapshot({
      http: this.d.http,
      cluster,
      kind,
      namespace,
      limit: this.d.options.listLimit,
      idleMs: this.d.options.idleTimeoutMs,
      signal: ac.signal,
      now: clock.now,
      onPage: (rv, items) => {
        diff.snapshotRv = rv;
        for (const obs of items) diff.listed(obs);
      },
      onRestart: () => {
        diff.restart();
        metrics.relists.inc({ kind, reason: 'continue-expired' });
      },
      onReject: (r) => metrics.eventsRejected.inc({ kind, reason: r.reason }),
    }).finally(() => this.unlink(stop, ac));
    this.finishSnapshot(diff, listRv, wasLive);
  }

  /**
   * The diff a snapshot streams into (relistDiff): its changes are enqueued as they are found, each
   * with no cursor. Compares against the stored versions only (uid → RV, hash, name), never decoded
   * objects. Flushes first so our own queued events are part of the stored state.
   */
  private startSnapshot(startedAt: number, wasLive: boolean): RelistDiff {
    const { cluster, kind, namespace, store } = this.d;
    if (!this.d.writer.flush()) throw new AbortedError('write-failed');
    const cursorBefore = this.rv;
    const stored = store.currentVersions(cluster, kind);
    if (namespace !== null) for (const [uid, v] of stored) if (v.namespace !== namespace) stored.delete(uid);
    // While live (periodic relist) a change newer than our cursor happened during this list; anything
    // else slipped past the watch since the last verified list. After a gap it happened in the gap.
    const windowStart = wasLive ? this.lastVerifiedAt : this.gapSince;
    const notBefore = (rv: string | null): number | null =>
      wasLive && rv !== null && cursorBefore !== null && rvLessThan(cursorBefore, rv)
        ? startedAt
        : windowStart;
    return new RelistDiff({
      cluster,
      kind,
      stored,
      storedObject: (uid) => store.currentObject(cluster, kind, uid),
      notBefore,
      now: this.d.clock.now,
      emit: (observations) => this.enqueue(observations),
      settle: () => {
        if (!this.d.writer.flush() || this.discarding) throw new AbortedError('write-failed');
      },
    });
  }

  /**
   * The snapshot at `listRv` is complete: deletions of stored objects it lacks, then the cursor moves
   * to `listRv` and coverage opens (unless a periodic relist found us live already), in the last unit,
   * so they commit only once every change of the snapshot is stored. Should the relist fail before
   * this, the changes already stored stay: each is true of the snapshot, re-delivery is idempotent and
   * the next relist diffs again, while cursor and coverage were not moved.
   */
  private finishSnapshot(diff: RelistDiff, listRv: string, wasLive: boolean): void {
    const { clock, metrics, kind } = this.d;
    if (this.discarding) throw new AbortedError('write-failed');
    const cursorBefore = this.rv;
    const observedAt = clock.now();
    if (cursorBefore !== null && rvLessThan(listRv, cursorBefore)) {
      metrics.relists.inc({ kind, reason: 'rv-reset' });
      this.log.warn({ listRv, cursor: cursorBefore }, 'resourceVersion went backwards');
    }
    const last = diff.finish(listRv, observedAt);
    if (wasLive && diff.changes > 0) {
      this.log.warn({ changes: diff.changes }, 'periodic relist found changes the watch did not deliver');
    }
    this.rv = listRv;
    const coverage = wasLive ? [] : this.openCoverage(observedAt, 'list');
    this.enqueue(last, this.d.coverage.cursor(this.scope, listRv), coverage);
    if (!this.d.writer.flush() || this.discarding) throw new AbortedError('write-failed');
    this.lastVerifiedAt = observedAt;
    this.nextRelistAt = observedAt + this.d.options.relistIntervalMs;
  }

  /**
   * One watch request to its end. With `list` it is a WatchList (RV unset: a consistent state): the
   * events before the initial-events-end bookmark are the snapshot, diffed as they arrive exactly as a
   * paginated list's pages; at the bookmark the deletions follow, the cursor = bookmark RV and coverage
   * opens, then the same stream goes on as the watch.
   */
  private async watchOnce(stop: AbortSignal, list?: StreamedList): Promise<WatchStreamResult> {
    const { clock, options: o, kind, cluster, metrics } = this.d;
    const resumed = !this.live && list === undefined;
    const wasLive = this.live;
    const startedAt = clock.now();
    const diff = list === undefined ? null : this.startSnapshot(startedAt, wasLive);
    const ac = this.link(stop);
    let initial =
      diff === null
        ? null
        : new InitialEvents({
            cluster,
            kind,
            now: clock.now,
            sink: diff,
            onReject: (r) => metrics.eventsRejected.inc({ kind, reason: r.reason }),
          });
    let acceptedAt = startedAt;
    let lastDataAt = acceptedAt;
    let burst = resumed;
    let confirm: NodeJS.Timeout | undefined;
    let periodic: NodeJS.Timeout | undefined;
    // A streamed relist arms the periodic timer only once its snapshot is stored.
    const armPeriodic = (): void => {
      if (o.relistIntervalMs <= 0) return;
      periodic = setTimeout(
        () => ac.abort(new AbortedError('periodic-relist')),
        Math.max(0, this.nextRelistAt - clock.now()),
      );
    };
    if (list === undefined) armPeriodic();
    else this.health.state = 'listing';
    const confirmLive = (): void => {
      clearTimeout(confirm);
      if (!this.live) this.enqueue([], undefined, this.openCoverage(acceptedAt, 'resume'));
    };
    const seen = (): number => {
      const t = clock.now();
      if (burst && t - lastDataAt > o.burstQuietMs) burst = false;
      lastDataAt = t;
      this.health.lastEventAt = t;
      if (initial === null) confirmLive();
      return t;
    };
    const timeoutSeconds =
      o.watchTimeoutSeconds[0] + Math.random() * (o.watchTimeoutSeconds[1] - o.watchTimeoutSeconds[0]);
    const query =
      list === undefined
        ? { resourceVersion: this.rv ?? undefined }
        : { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan' };
    try {
      return await watchStream(
        this.d.http,
        collectionPath(kind, this.d.namespace),
        { ...query, allowWatchBookmarks: 'true', timeoutSeconds: String(Math.round(timeoutSeconds)) },
        ac.signal,
        o.idleTimeoutMs,
        clock.now,
        {
          onAccepted: (at) => {
            acceptedAt = at;
            lastDataAt = at;
            if (list !== undefined) {
              this.health.relists += 1;
              metrics.relists.inc({ kind, reason: list.reason });
              list.onAccepted();
              return;
            }
            this.health.state = 'watching';
            if (resumed) confirm = setTimeout(confirmLive, o.resumeConfirmMs);
          },
          onBookmark: (rv, initialEventsEnd) => {
            seen();
            if (initial !== null) {
              if (!initialEventsEnd) return;
              initial = null;
              this.finishSnapshot(diff!, rv, wasLive);
              this.health.state = 'watching';
              list?.onListed();
              armPeriodic();
              return;
            }
            this.rv = rv;
            this.enqueue([], this.d.coverage.cursor(this.scope, rv));
          },
          onEvent: (type, raw, bytes) => {
            const t = seen();
            if (initial !== null) {
              initial.add(type, raw, bytes);
              return;
            }
            const r = toObservation({
              cluster,
              kind,
              type,
              source: 'watch',
              raw,
              rawBytes: bytes,
              observedAt: t,
              notBefore: burst ? this.gapSince : null,
            });
            const meta = raw.metadata as { resourceVersion?: unknown } | undefined;
            if (!r.ok) {
              metrics.eventsRejected.inc({ kind, reason: r.reason });
              this.log.warn({ reason: r.reason, detail: r.detail }, 'object rejected');
              if (typeof meta?.resourceVersion !== 'string') return;
              this.rv = meta.resourceVersion;
              this.enqueue([], this.d.coverage.cursor(this.scope, this.rv));
              return;
            }
            const obs = r.observation;
            if (obs.occurredAt !== null && t >= obs.occurredAt)
              metrics.watchLag.observe((t - obs.occurredAt) / 1000);
            this.rv = obs.resourceVersion;
            this.enqueue([obs], this.d.coverage.cursor(this.scope, obs.resourceVersion));
          },
        },
      );
    } finally {
      clearTimeout(confirm);
      clearTimeout(periodic);
      this.unlink(stop, ac);
    }
  }

  private openCoverage(at: number, reason: string): CoverageOp[] {
    this.live = true;
    if (this.gapSince !== null && at > this.gapSince)
      this.d.metrics.gapSeconds.inc({ kind: this.d.kind }, (at - this.gapSince) / 1000);
    return this.d.coverage.open(this.scope, at, reason);
  }

  private breakCoverage(reason: string): void {
    if (!this.live) return;
    this.live = false;
    const at = this.d.clock.now();
    this.gapSince = at;
    this.enqueue([], undefined, this.d.coverage.close(this.scope, at, reason));
  }

  private enqueue(
    observations: CursorlessObservations,
    cursor?: CursorUpdate,
    coverage?: CoverageOp[],
  ): void {
    if (this.discarding) return;
    if (observations.length === 0 && cursor === undefined && (coverage?.length ?? 0) === 0) return;
    this.d.writer.enqueue({ kind: this.d.kind, observations, cursor, coverage });
  }

  private link(stop: AbortSignal): AbortController {
    const ac = new AbortController();
    this.current = ac;
    const onStop = (): void => ac.abort(new AbortedError('stopped'));
    this.stopListeners.set(ac, onStop);
    stop.addEventListener('abort', onStop, { once: true });
    return ac;
  }

  private unlink(stop: AbortSignal, ac: AbortController): void {
    const onStop = this.stopListeners.get(ac);
    if (onStop !== undefined) stop.removeEventListener('abort', onStop);
    this.stopListeners.delete(ac);
    if (this.current === ac) this.current = null;
  }

  private readonly stopListeners = new Map<AbortController, () => void>();
}

type CursorlessObservations = Parameters<BatchWriter['enqueue']>[0]['observations'];
