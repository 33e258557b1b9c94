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
  /** Longest time a queued unit waits (freshness), default 20 ms. */
  flushMs?: number;
  /** Flush at once when this many observations are queued, default 500. */
  maxBatch?: number;
  onAppended?: (result: AppendResult, units: readonly WriteUnit[]) => void;
  /** The batch was NOT committed; the kinds listed must resume from their persisted cursor. */
  onError?: (error: unknown, kinds: ReadonlySet<Kind>) => void;
  /**
   * Write the recorder's heartbeat (AppendBatch.alive) for `cluster` with every batch, and on its own
   * when nothing was written for `everyMs` (see startHeartbeat).
   */
  heartbeat?: { cluster: string; everyMs: number; now: () => number };
}

/**
 * One queue for all kinds, appended to the store as ONE transaction per flush: on a short timer or
 * at `maxBatch` observations, never only on size. Units keep their order, so a kind's cursor moves
 * with exactly the events before it. `store.append` is synchronous (better-sqlite3): while it runs the
 * event loop reads no socket, so a slow store pauses every stream through TCP flow control and the
 * queue never holds more than about `maxBatch` observations plus one unit.
 */
export class BatchWriter {
  private queue: WriteUnit[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private beat: NodeJS.Timeout | undefined;
  private lastWriteAt = 0;
  private readonly flushMs: number;
  private readonly maxBatch: number;

  constructor(
    private readonly store: EventStore,
    private readonly options: BatchWriterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 20;
    this.maxBatch = options.maxBatch ?? 500;
  }

  enqueue(unit: WriteUnit): void {
    this.queue.push(unit);
    this.queued += unit.observations.length;
    if (this.queued >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Writes a heartbeat whenever `heartbeat.everyMs` passed without a batch, until `stopHeartbeat`. */
  startHeartbeat(): void {
    const hb = this.options.heartbeat;
    if (hb === undefined || this.beat !== undefined) return;
    this.flush(true);
    this.beat = setInterval(() => {
      if (hb.now() - this.lastWriteAt >= hb.everyMs) this.flush(true);
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
    if (this.queue.length === 0 && !beat) return true;
    const units = this.queue;
    this.queue = [];
    this.queued = 0;
    const observations: Observation[] = [];
    const cursors = new Map<Kind, CursorUpdate>();
    const coverage: CoverageOp[] = [];
    for (const u of units) {
      for (const o of u.observations) observations.push(o);
      if (u.cursor !== undefined) cursors.set(u.kind, u.cursor);
      if (u.coverage !== undefined) coverage.push(...u.coverage);
    }
    const hb = this.options.heartbeat;
    const at = hb?.now();
    let result: AppendResult;
    try {
      result = this.store.append({
        observations,
        cursors: [...cursors.values()],
        coverage,
        ...(hb === undefined || at === undefined ? {} : { alive: { cluster: hb.cluster, at } }),
      });
      if (at !== undefined) this.lastWriteAt = at;
    } catch (error) {
      this.options.onError?.(error, new Set(units.map((u) => u.kind)));
      return false;
    }
    this.options.onAppended?.(result, units);
    return true;
  }
}
