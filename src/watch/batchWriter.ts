import type { Kind, Observation } from '../model/types.js';
import type { AppendResult, CoverageOp, CursorUpdate, EventStore } from '../store/types.js';

/** What one reflector hands over at once; a unit is never split across transactions. */
export interface WriteUnit {
  kind: Kind;
  observations: readonly Observation[];
  cursor?: CursorUpdate | undefined;
  coverage?: readonly CoverageOp[] | undefined;
}

export interface BatchWriterOptions {
  /**
   * Longest time a queued unit waits (freshness), default 20 ms; on an asynchronous store
   * (PostgreSQL) longer while a commit is in flight: it goes with the batch sent when that one settles.
   */
  flushMs?: number;
  /** Flush at once when this many observations are queued, default 500. */
  maxBatch?: number;
  onAppended?: (result: AppendResult, units: readonly WriteUnit[]) => void;
  /**
   * The batch was NOT committed; the kinds listed must resume from their persisted cursor. `lostSince`
   * gives, per kind, the earliest observation lost (or the time of the failed write): its coverage
   * must end there.
   */
  onError?: (error: unknown, lostSince: ReadonlyMap<Kind, number>) => void;
  /**
   * Write the recorder's heartbeat (AppendBatch.alive) for `cluster` with every batch, and on its own
   * when nothing was written for `everyMs` (see startHeartbeat).
   */
  heartbeat?: { cluster: string; everyMs: number };
  /** The recorder's clock (heartbeats, failure times); default Date.now. */
  now?: () => number;
}

/**
 * One queue for all kinds, appended to the store as ONE transaction per flush: on a short timer or
 * at `maxBatch` observations, never only on size. Units keep their order, so a kind's cursor moves
 * with exactly the events before it. `store.append` is synchronous (better-sqlite3): while it runs the
 * event loop reads no socket, so a slow store pauses every stream through TCP flow control and the
 * queue never holds more than about `maxBatch` observations plus one unit. On an asynchronous store
 * (PostgreSQL) the timer waits for the commit in flight (flushOnTimer): a slower database makes
 * batches larger, never the line of transactions longer.
 */
export class BatchWriter {
  private queue: WriteUnit[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private beat: NodeJS.Timeout | undefined;
  private lastWriteAt = 0;
  /** Coverage closes of failed batches, written with the next one: a lost close would claim coverage. */
  private retained: CoverageOp[] = [];
  /** Appends handed to an asynchronous store and not settled yet. */
  private inFlight = 0;
  /** The timer fired while a commit was in flight: flush when it settles. */
  private flushWhenSettled = false;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;

  constructor(
    private readonly store: EventStore,
    private readonly options: BatchWriterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 20;
    this.maxBatch = options.maxBatch ?? 500;
    this.now = options.now ?? Date.now;
  }

  enqueue(unit: WriteUnit): void {
    this.queue.push(unit);
    this.queued += unit.observations.length;
    if (this.queued >= this.maxBatch) this.flush();
    else if (!this.flushWhenSettled) this.timer ??= setTimeout(() => this.flushOnTimer(), this.flushMs);
  }

  /**
   * The timer's flush. On an asynchronous store (PostgreSQL) it waits while a batch is being
   * committed, and what arrived meanwhile goes in ONE transaction when that commit settles: a slow
   * commit makes the next batch larger instead of queueing a tail of small transactions behind it,
   * each paying its round trips and its WAL flush (ten recorders at 200 changes/s into one server on
   * a busy 2-core machine: median freshness 3.5 s with that line, 1.5 s without). An explicit
   * `flush()` (a relist diffing against the stored state, `maxBatch` reached) still plans at once.
   */
  private flushOnTimer(): void {
    this.timer = undefined;
    if (this.inFlight > 0) this.flushWhenSettled = true;
    else this.flush();
  }

  /** An asynchronous commit settled: flush what waited for it (flushOnTimer). */
  private settled(): void {
    this.inFlight--;
    if (this.inFlight > 0 || !this.flushWhenSettled) return;
    this.flushWhenSettled = false;
    this.flush();
  }

  /** Writes a heartbeat whenever `heartbeat.everyMs` passed without a batch, until `stopHeartbeat`. */
  startHeartbeat(): void {
    const hb = this.options.heartbeat;
    if (hb === undefined || this.beat !== undefined) return;
    this.flush(true);
    this.beat = setInterval(() => {
      if (this.now() - this.lastWriteAt >= hb.everyMs) this.flush(true);
    }, hb.everyMs);
    this.beat.unref();
  }

  stopHeartbeat(): void {
    clearInterval(this.beat);
    this.beat = undefined;
  }

  /**
   * Commits everything queued now (`beat`: also when nothing is, for the heartbeat alone). Returns
   * false when the append failed (reported via onError).
   */
  flush(beat = false): boolean {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushWhenSettled = false;
    if (this.queue.length === 0 && this.retained.length === 0 && !beat) return true;
    const units = this.queue;
    this.queue = [];
    this.queued = 0;
    const observations: Observation[] = [];
    const cursors = new Map<Kind, CursorUpdate>();
    const coverage: CoverageOp[] = this.retained;
    this.retained = [];
    for (const u of units) {
      for (const o of u.observations) observations.push(o);
      if (u.cursor !== undefined) cursors.set(u.kind, u.cursor);
      if (u.coverage !== undefined) coverage.push(...u.coverage);
    }
    const hb = this.options.heartbeat;
    const at = this.now();
    const batch = {
      observations,
      cursors: [...cursors.values()],
      coverage,
      ...(hb === undefined ? {} : { alive: { cluster: hb.cluster, at } }),
    };
    if (!this.store.synchronous) {
      // PostgreSQL: the store planned the batch (its state moved on) and commits it after the ones
      // before; a failure is reported when it comes, as a synchronous one is.
      this.lastWriteAt = at;
      this.inFlight++;
      this.store.append(batch).then(
        (result) => {
          this.options.onAppended?.(result, units);
          this.settled();
        },
        (error: unknown) => {
          this.failed(error, units, coverage, at);
          this.settled();
        },
      );
      return true;
    }
    let result: AppendResult;
    try {
      result = this.store.appendNow(batch);
      this.lastWriteAt = at;
    } catch (error) {
      this.failed(error, units, coverage, at);
      return false;
    }
    this.options.onAppended?.(result, units);
    return true;
  }

  /** A batch was not committed: its coverage closes wait for the next one, its kinds resume. */
  private failed(
    error: unknown,
    units: readonly WriteUnit[],
    coverage: CoverageOp[],
    failedAt: number,
  ): void {
    this.retained.push(...coverage.filter((op) => op.op === 'close'));
    const lostSince = new Map<Kind, number>();
    for (const u of units) {
      let at = lostSince.get(u.kind) ?? failedAt;
      for (const o of u.observations) at = Math.min(at, o.observedAt);
      lostSince.set(u.kind, at);
    }
    this.options.onError?.(error, lostSince);
  }
}
