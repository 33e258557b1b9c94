import type { Logger } from 'pino';
import type { KindHealth } from '../model/health.js';
import { toObservation } from '../model/index.js';
import type { Kind } from '../model/types.js';
import type { CoverageOp, CursorUpdate, EventStore } from '../store/types.js';
import { Backoff } from './backoff.js';
import type { BatchWriter } from './batchWriter.js';
import { classifyFailure } from './classifyFailure.js';
import { CurrentRequest } from './currentRequest.js';
import { AbortedError, ApiStatusError, WatchErrorEvent } from './errors.js';
import { InitialEvents } from './initialEvents.js';
import { ALL_NAMESPACES, type KindCoverage, rvLessThan } from './kindCoverage.js';
import type { KubeHttp } from './kubeHttp.js';
import { listSnapshot } from './listSnapshot.js';
import type { RecorderMetrics } from './metrics.js';
import type { Clock, RecorderOptions } from './options.js';
import type { Reachability } from './reachability.js';
import { readHead } from './readHead.js';
import type { CloseReason, OpenReason, RelistCount, RelistReason, RestartReason } from './reasons.js';
import { RelistDiff } from './relistDiff.js';
import { ReplayBoundary } from './replayBoundary.js';
import { collectionPath } from './resources.js';
import type { ProbeOutcome, WatchListGate } from './watchListGate.js';
import { type WatchHandlers, watchStream } from './watchStream.js';

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

/**
 * Whether this stream holds a live, consistent view of its scope (its part of the kind's coverage is
 * open), and whether the server has spoken since: `down` (a gap runs since `gapSince`); `quiet` (a
 * resumed watch went live by staying up, without a byte yet: after an etcd restore such a watch is
 * accepted and stays silent, so it proves nothing); `live` (a snapshot was stored, or the stream
 * brought an event or a bookmark).
 */
type View = 'down' | 'quiet' | 'live';

/** How one pass (a watch, or a relist and its watch) ended without failing. */
type PassEnd =
  /** The server ended the body cleanly (its timeout), after `lines` lines. */
  | { end: 'eof'; lines: number }
  /** The periodic relist is due: the watch was ended for it, the view is still live. */
  | { end: 'relist-due' }
  /** The server refused WatchList (or ignored it): the gate now says `list`, no failure counted. */
  | { end: 'watch-list-unsupported' };

/** A WatchList request in progress: the snapshot half of a relist, streamed. */
interface StreamedList {
  reason: RelistReason;
  /** The server answered 200 (it accepted sendInitialEvents). */
  onAccepted(): void;
  /** The initial-events-end bookmark arrived and the snapshot is stored: the relist is done. */
  onListed(): void;
}

/** How long to wait before the next pass, and whether an answer from the server ends the wait early. */
interface RetryPlan {
  waitMs: number;
  /** The server did not answer (network error, idle watchdog): wake as soon as it answers anyone. */
  untilAnswer: boolean;
}

type WatchEventType = Parameters<WatchHandlers['onEvent']>[0];

/**
 * List-then-watch for one kind in one scope, forever, as one state machine: a pass is a watch from
 * the cursor, or a relist (a consistent snapshot diffed against the store) followed by its watch;
 * `classifyFailure` is the error policy and DESIGN "Coverage" says what is recorded. Everything it
 * learns goes through the shared BatchWriter: events, then the cursor that follows them and the
 * coverage they open or close, in the same unit. All its state is private and changes only here.
 */
export class Reflector {
  readonly health: KindHealth = {
    state: 'listing',
    lastEventAt: null,
    lastError: null,
    watchRestarts: 0,
    relists: 0,
  };
  /** The resourceVersion to resume from (null: the next pass relists). */
  private cursor: string | null;
  private view: View = 'down';
  /** Start of the current gap, or of the last one (null: before recording began). */
  private gapSince: number | null;
  /** When the last snapshot completed: the window start of what a periodic relist finds. */
  private lastVerifiedAt: number | null = null;
  private nextRelistAt: number;
  /**
   * A batch of ours was lost, its first observation at `since`: enqueue nothing until the loop has
   * ended coverage there and resumes from the persisted cursor.
   */
  private lostWrite: { since: number } | null = null;
  /** Why the next pass relists; null: it watches from the cursor. */
  private relistReason: RelistReason | null;
  /** Failed or suspiciously short streams in a row. */
  private failures = 0;
  /** The server's answer count (Reachability) at the last failure. */
  private answersAtFailure: number;
  /** A 410 was retried at once and no relist has completed since: the next one backs off. */
  private retriedAtOnce = false;
  private readonly backoff: Backoff;
  private readonly request = new CurrentRequest();
  private readonly scope: string;
  private readonly path: string;
  private readonly log: Logger;

  constructor(private readonly d: ReflectorDeps) {
    const { clock, options: o } = d;
    this.cursor = d.resumeFrom;
    this.gapSince = d.gapSince;
    this.scope = d.namespace ?? ALL_NAMESPACES;
    this.path = collectionPath(d.kind, d.namespace);
    this.nextRelistAt = clock.now() + o.relistIntervalMs;
    this.log = d.logger.child({ kind: d.kind, namespace: d.namespace ?? '*' });
    this.relistReason = this.cursor === null ? 'initial' : null;
    this.answersAtFailure = d.reachability.answers;
    this.backoff = new Backoff({
      baseMs: o.backoffBaseMs,
      maxMs: o.backoffMaxMs,
      ...(clock.random === undefined ? {} : { random: clock.random }),
    });
  }

  /**
   * The writer lost a batch with our events, the first observed at `lostSince`: drop what follows,
   * end coverage there, and resume from the persisted cursor.
   */
  writeFailed(lostSince: number): void {
    this.lostWrite = { since: Math.min(this.lostWrite?.since ?? lostSince, lostSince) };
    this.request.abort(new AbortedError('write-failed'));
  }

  /**
   * Relists when there is no cursor, then watches, re-watches and relists as classifyFailure and the
   * periodic relist decide, until `stop` fires; the coverage is then closed with `shutdown`.
   */
  async run(stop: AbortSignal): Promise<void> {
    const { clock, options: o } = this.d;
    while (!stop.aborted) {
      // A write of ours failed while no request was in flight (during a wait): nothing aborted, so
      // handle it here, or every later event would be dropped unseen.
      if (this.lostWrite !== null) {
        await this.wait(this.failed(new AbortedError('write-failed')), stop);
        continue;
      }
      const started = clock.now();
      let pass: PassEnd;
      try {
        pass =
          this.relistReason === null ? await this.watch(stop) : await this.relist(this.relistReason, stop);
      } catch (error) {
        if (stop.aborted) break;
        await this.wait(this.failed(error), stop);
        continue;
      }
      if (pass.end === 'watch-list-unsupported') continue;
      if (pass.end === 'relist-due') {
        this.relistReason = 'periodic';
        continue;
      }
      // Clean end of the body: the server's timeout. Re-watch at once unless it was suspiciously short.
      this.breakCoverage('eof');
      this.countRestart('eof');
      if (pass.lines === 0 && clock.now() - started < o.shortWatchMs) {
        this.failures += 1;
        await clock.sleep(this.backoff.next(), stop);
      } else {
        this.failures = 0;
        this.retriedAtOnce = false;
        this.backoff.reset();
      }
    }
    this.breakCoverage('shutdown');
    this.health.state = 'stopped';
  }

  // ── relists ────────────────────────────────────────────────────────────────────────────────────

  /**
   * A relist followed by its watch: one WatchList stream when the server serves it (its state part is
   * the snapshot, the rest is the watch), else a paginated list then a watch from the list RV. Ends
   * `watch-list-unsupported` when WatchList turned out unsupported (HTTP 422, or a stream that ended
   * without the initial-events-end bookmark): the next pass lists, without a failure counted.
   */
  private async relist(reason: RelistReason, stop: AbortSignal): Promise<PassEnd> {
    const gate = this.d.watchList;
    const { mode, probing } = await gate.acquire(stop);
    if (stop.aborted) throw new AbortedError('stopped');
    if (mode === 'list') {
      await this.paginatedRelist(reason, stop);
      this.listed();
      return await this.watch(stop);
    }
    let reported = !probing;
    const report = (outcome: ProbeOutcome): void => {
      if (!reported || outcome === 'unsupported') gate.settle(outcome);
      reported = true;
    };
    let listed = false;
    let outcome: ProbeOutcome = 'inconclusive';
    try {
      const end = await this.watch(stop, {
        reason,
        onAccepted: () => report('supported'),
        onListed: () => {
          listed = true;
          this.listed();
        },
      });
      if (listed) return end;
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
    this.countRelistWork('watch-list-unsupported');
    return { end: 'watch-list-unsupported' };
  }

  /** A snapshot is stored: the next pass watches, and a 410 may again be retried at once. */
  private listed(): void {
    this.relistReason = null;
    this.retriedAtOnce = false;
  }

  /**
   * A relist as a consistent paginated list (listSnapshot), each page diffed against the store as it
   * arrives; resolves once the snapshot, the cursor at the list RV and (after a gap) the coverage open
   * are stored. A continue token that expired midway counts once more as `continue-expired` and the
   * diff starts over.
   */
  private async paginatedRelist(reason: RelistReason, stop: AbortSignal): Promise<void> {
    const { clock, metrics, kind, cluster, namespace, options: o } = this.d;
    this.health.state = 'listing';
    this.countRelist(reason);
    const wasLive = this.view !== 'down';
    const diff = this.startSnapshot(clock.now(), wasLive);
    const ac = this.request.link(stop);
    const listRv = await listSnapshot({
      http: this.d.http,
      cluster,
      kind,
      namespace,
      limit: o.listLimit,
      idleMs: o.idleTimeoutMs,
      signal: ac.signal,
      now: clock.now,
      onPage: (rv, items) => {
        diff.snapshotRv = rv;
        for (const obs of items) diff.listed(obs);
      },
      onRestart: () => {
        diff.restart();
        this.countRelistWork('continue-expired');
      },
      onReject: (r, uid) => {
        metrics.eventsRejected.inc({ kind, reason: r.reason });
        if (uid !== null) diff.present(uid);
      },
    }).finally(() => this.request.unlink(stop, ac));
    this.finishSnapshot(diff, listRv, wasLive);
  }

  /**
   * The diff a snapshot streams into (RelistDiff): its changes are enqueued as they are found, each
   * with no cursor. Compares against the stored versions only (uid → RV, hash, name), never decoded
   * objects. Flushes first so our own queued events are part of the stored state. `wasLive`: the stream
   * was live when the relist began (a periodic relist), which decides each change's `not_before`.
   */
  private startSnapshot(startedAt: number, wasLive: boolean): RelistDiff {
    const { cluster, kind, namespace, store, writer, clock } = this.d;
    if (!writer.flush()) throw new AbortedError('write-failed');
    const cursorBefore = this.cursor;
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
      now: clock.now,
      emit: (observations) => this.enqueue(observations),
      settle: () => {
        if (!writer.flush() || this.lostWrite !== null) throw new AbortedError('write-failed');
      },
    });
  }

  /**
   * The snapshot at `listRv` is complete: deletions of stored objects it lacks, then the cursor moves
   * to `listRv` and coverage opens (unless a periodic relist found us live already), in the last unit,
   * so they commit only once every change of the snapshot is stored. Should the relist fail before
   * this, the changes already stored stay: each is true of the snapshot, re-delivery is idempotent and
   * the next relist diffs again, while cursor and coverage were not moved. Throws `write-failed` when a
   * unit of ours was lost; on success the next periodic relist is due one interval from now.
   */
  private finishSnapshot(diff: RelistDiff, listRv: string, wasLive: boolean): void {
    const { clock, writer, options: o } = this.d;
    if (this.lostWrite !== null) throw new AbortedError('write-failed');
    const cursorBefore = this.cursor;
    const observedAt = clock.now();
    if (cursorBefore !== null && rvLessThan(listRv, cursorBefore)) {
      this.countRelistWork('rv-reset');
      this.log.warn({ listRv, cursor: cursorBefore }, 'resourceVersion went backwards');
    }
    const last = diff.finish(listRv, observedAt);
    if (wasLive && diff.changes > 0) {
      this.log.warn({ changes: diff.changes }, 'periodic relist found changes the watch did not deliver');
    }
    this.cursor = listRv;
    const coverage = wasLive ? [] : this.openCoverage(observedAt, 'list');
    this.enqueue(last, this.d.coverage.cursor(this.scope, listRv), coverage);
    if (!writer.flush() || this.lostWrite !== null) throw new AbortedError('write-failed');
    this.lastVerifiedAt = observedAt;
    this.nextRelistAt = observedAt + o.relistIntervalMs;
  }

  // ── watches ────────────────────────────────────────────────────────────────────────────────────

  /**
   * One watch request to its end. Without `list` it watches from the cursor with bookmarks; a resumed
   * stream (not live before) first reads the server's head resourceVersion (readHead): the events up to
   * it are the replay of the gap (`not_before` = the gap's start, see ReplayBoundary), the later ones
   * live; it opens coverage on its first data or once it has stayed up for `resumeConfirmMs`. With
   * `list` it is a WatchList (RV unset: a consistent state): the events before the initial-events-end
   * bookmark are the snapshot, diffed as they arrive exactly as a paginated list's pages; at the
   * bookmark the deletions follow, the cursor = bookmark RV and coverage opens, then the same stream
   * goes on as the watch. Either way the stream is ended (`relist-due`) when the next periodic relist
   * is due. Resolves on a clean end of the body; rejects as watchStream.
   */
  private async watch(stop: AbortSignal, list?: StreamedList): Promise<PassEnd> {
    const { clock, options: o, kind, cluster, metrics } = this.d;
    const resumed = this.view === 'down' && list === undefined;
    const wasLive = this.view !== 'down';
    const startedAt = clock.now();
    const diff = list === undefined ? null : this.startSnapshot(startedAt, wasLive);
    const ac = this.request.link(stop);
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
    let replay: ReplayBoundary | null = null;
    let confirm: NodeJS.Timeout | undefined;
    let periodic: NodeJS.Timeout | undefined;
    let relistDue = false;
    // A streamed relist arms the periodic timer only once its snapshot is stored.
    const armPeriodic = (): void => {
      if (o.relistIntervalMs <= 0) return;
      periodic = setTimeout(
        () => {
          relistDue = true;
          ac.abort();
        },
        Math.max(0, this.nextRelistAt - clock.now()),
      );
    };
    if (list === undefined) armPeriodic();
    else this.health.state = 'listing';
    const confirmLive = (): void => {
      clearTimeout(confirm);
      if (this.view === 'down') this.enqueue([], undefined, this.openCoverage(acceptedAt, 'resume'));
    };
    const seen = (): number => {
      const t = clock.now();
      this.health.lastEventAt = t;
      if (initial === null) {
        confirmLive();
        this.view = 'live';
      }
      return t;
    };
    const timeoutSeconds =
      o.watchTimeoutSeconds[0] + Math.random() * (o.watchTimeoutSeconds[1] - o.watchTimeoutSeconds[0]);
    const query =
      list === undefined
        ? { resourceVersion: this.cursor ?? undefined }
        : { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan' };
    try {
      if (resumed)
        replay = new ReplayBoundary(await readHead(this.d.http, this.path, ac.signal, o.idleTimeoutMs));
      const { lines } = await watchStream(
        this.d.http,
        this.path,
        { ...query, allowWatchBookmarks: 'true', timeoutSeconds: String(Math.round(timeoutSeconds)) },
        ac.signal,
        o.idleTimeoutMs,
        clock.now,
        {
          onAccepted: (at) => {
            acceptedAt = at;
            if (list !== undefined) {
              this.countRelist(list.reason);
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
            this.cursor = rv;
            this.enqueue([], this.d.coverage.cursor(this.scope, rv));
          },
          onEvent: (type, raw, bytes) => {
            const t = seen();
            if (initial !== null) {
              initial.add(type, raw, bytes);
              return;
            }
            this.applyEvent(type, raw, bytes, t, replay);
          },
        },
      );
      return { end: 'eof', lines };
    } catch (error) {
      if (relistDue && !stop.aborted) return { end: 'relist-due' };
      throw error;
    } finally {
      clearTimeout(confirm);
      clearTimeout(periodic);
      this.request.unlink(stop, ac);
    }
  }

  /**
   * Enqueues one watch event observed at `t` with the cursor at its RV. An event the stream's
   * `replay` boundary counts as replayed after a resume may have happened anywhere in the gap
   * (`not_before` = gap start); a live one gets none. An object that cannot be slimmed is counted and
   * logged, and still moves the cursor past it when it carries a resourceVersion.
   */
  private applyEvent(
    type: WatchEventType,
    raw: Record<string, unknown>,
    bytes: number,
    t: number,
    replay: ReplayBoundary | null,
  ): void {
    const { cluster, kind, metrics } = this.d;
    const meta = raw.metadata as { resourceVersion?: unknown } | undefined;
    const rv = typeof meta?.resourceVersion === 'string' ? meta.resourceVersion : null;
    const replayed = replay !== null && rv !== null && replay.isReplay(rv);
    const r = toObservation({
      cluster,
      kind,
      type,
      source: 'watch',
      raw,
      rawBytes: bytes,
      observedAt: t,
      notBefore: replayed ? this.gapSince : null,
    });
    if (!r.ok) {
      metrics.eventsRejected.inc({ kind, reason: r.reason });
      this.log.warn({ reason: r.reason, detail: r.detail }, 'object rejected');
      if (rv === null) return;
      this.cursor = rv;
      this.enqueue([], this.d.coverage.cursor(this.scope, rv));
      return;
    }
    const obs = r.observation;
    if (obs.occurredAt !== null && t >= obs.occurredAt) metrics.watchLag.observe((t - obs.occurredAt) / 1000);
    this.cursor = obs.resourceVersion;
    this.enqueue([obs], this.d.coverage.cursor(this.scope, obs.resourceVersion));
  }

  // ── failures ───────────────────────────────────────────────────────────────────────────────────

  /**
   * A request failed with `error` (classifyFailure is the policy): breaks coverage, drops the cursor
   * back to the persisted one after a lost write, decides whether the next pass relists (the policy
   * says so, a resumed watch never said a word before the watchdog fired, no cursor, or
   * `relistAfterFailures` in a row), updates health, counts `eph_watch_restarts_total{reason}` and logs.
   *
   * The wait: any HTTP answer from the server since the last failure (this one included: a 410, a
   * 500 is an answer) resets the backoff, which thus grows only while the server does not answer (or
   * while our own writes fail). A 410 relists at once (again only after a relist has completed, so a
   * server answering 410 to every watch is not hit in a loop); otherwise the plan's own wait or the
   * jittered backoff.
   */
  private failed(error: unknown): RetryPlan {
    const { options: o, kind, reachability } = this.d;
    const plan = classifyFailure(error, kind, o.forbiddenRetryMs);
    // A resumed watch that stayed silent until the watchdog, without even a bookmark, is what a
    // server restored to an older resourceVersion gives (it accepts a watch from a revision it has
    // not reached and sends nothing): only a list can tell.
    const silent = plan.reason === 'idle' && this.view === 'quiet';
    // After a lost write the close must reach the store (the writer keeps it until a write succeeds),
    // dated at the first lost observation: what we saw since is not recorded.
    const lost = this.lostWrite;
    if (lost !== null) {
      this.lostWrite = null;
      this.cursor = this.persistedCursor();
    }
    this.breakCoverage(plan.reason, lost?.since);
    this.failures += 1;
    const answered = error instanceof ApiStatusError || reachability.answers > this.answersAtFailure;
    this.answersAtFailure = reachability.answers;
    // A store that cannot write (a full disk) is our own trouble: keep backing off however well the
    // server answers.
    if (answered && plan.reason !== 'write-failed') this.backoff.reset();
    const relistReason: RelistReason | null = plan.relist
      ? plan.reason
      : silent
        ? 'silent'
        : this.cursor === null
          ? 'no-cursor'
          : this.failures >= o.relistAfterFailures
            ? 'failures'
            : null;
    if (relistReason !== null) this.relistReason = relistReason;
    this.health.state = plan.state;
    this.health.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.countRestart(plan.reason);
    let waitMs: number;
    if (plan.wait === 'none') {
      waitMs = this.retriedAtOnce ? this.backoff.next() : 0;
      this.retriedAtOnce = true;
    } else waitMs = plan.wait === 'backoff' ? this.backoff.next() : plan.wait.ms;
    const untilAnswer =
      !(error instanceof ApiStatusError) && (plan.reason === 'network' || plan.reason === 'idle');
    this.log.warn({ err: this.health.lastError, reason: plan.reason, waitMs }, 'stream failed');
    return { waitMs, untilAnswer };
  }

  /** The cursor as stored; null (the next pass relists) when even reading it fails. */
  private persistedCursor(): string | null {
    try {
      return this.d.store.getCursor(this.d.cluster, this.d.kind)?.resourceVersion ?? null;
    } catch (error) {
      this.log.error({ err: error }, 'cannot read the stored cursor; relisting');
      return null;
    }
  }

  /** Sleeps out a retry wait; one that waits for an unreachable server ends when the server answers anyone. */
  private async wait(retry: RetryPlan, stop: AbortSignal): Promise<void> {
    const { clock, reachability } = this.d;
    if (retry.waitMs <= 0) return;
    if (!retry.untilAnswer) {
      await clock.sleep(retry.waitMs, stop);
      return;
    }
    const early = reachability.untilAnswer(stop);
    try {
      await clock.sleep(retry.waitMs, early.signal);
    } finally {
      early.dispose();
    }
  }

  // ── coverage, cursor and counters ──────────────────────────────────────────────────────────────

  /** Marks this stream live at `at` and counts the gap it ends; returns the kind's open op, if any. */
  private openCoverage(at: number, reason: OpenReason): CoverageOp[] {
    this.view = reason === 'list' ? 'live' : 'quiet';
    if (this.gapSince !== null && at > this.gapSince)
      this.d.metrics.gapSeconds.inc({ kind: this.d.kind }, (at - this.gapSince) / 1000);
    return this.d.coverage.open(this.scope, at, reason);
  }

  /**
   * A live stream broke for `reason`: a gap starts now (or at `until`, when what we saw since then was
   * lost) and the kind's close op is enqueued. A `quiet` stream proved nothing: the gap is still the
   * one before it, and keeps its start.
   */
  private breakCoverage(reason: CloseReason, until?: number): void {
    if (this.view === 'down') return;
    const heard = this.view === 'live';
    this.view = 'down';
    const now = this.d.clock.now();
    const at = until === undefined ? now : Math.min(until, now);
    if (heard || this.gapSince === null) this.gapSince = at;
    this.enqueue([], undefined, this.d.coverage.close(this.scope, at, reason));
  }

  /** One writer unit (events, then the cursor and coverage that follow them); empty units are skipped. */
  private enqueue(
    observations: Parameters<BatchWriter['enqueue']>[0]['observations'],
    cursor?: CursorUpdate,
    coverage?: CoverageOp[],
  ): void {
    if (this.lostWrite !== null) return;
    if (observations.length === 0 && cursor === undefined && (coverage?.length ?? 0) === 0) return;
    this.d.writer.enqueue({ kind: this.d.kind, observations, cursor, coverage });
  }

  /** Counts a relist in health and in eph_relists_total together. */
  private countRelist(reason: RelistReason): void {
    this.health.relists += 1;
    this.countRelistWork(reason);
  }

  /** Counts in eph_relists_total only (work inside a relist, not one more relist in health). */
  private countRelistWork(reason: RelistCount): void {
    this.d.metrics.relists.inc({ kind: this.d.kind, reason });
  }

  /** Counts a watch restart in health and in eph_watch_restarts_total together. */
  private countRestart(reason: RestartReason): void {
    this.health.watchRestarts += 1;
    this.d.metrics.watchRestarts.inc({ kind: this.d.kind, reason });
  }
}
