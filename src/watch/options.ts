/** Timing knobs of the recorder; defaults suit a real cluster, tests shrink them. */
export interface RecorderOptions {
  /** Page size of consistent lists. */
  listLimit: number;
  /** Watch `timeoutSeconds` is drawn uniformly in this range so that streams rotate, staggered. */
  watchTimeoutSeconds: readonly [number, number];
  /** Abort a stream (or a request) that delivers no byte for this long: a half-open connection. */
  idleTimeoutMs: number;
  /** Jittered exponential backoff for network errors and 5xx. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Wait after 401/403 (and 404 on a kind the cluster does not serve) before trying again. */
  forbiddenRetryMs: number;
  /** A consistent relist this often detects silent gaps and RV resets; 0 disables it. */
  relistIntervalMs: number;
  /** A resumed stream counts as live (coverage opens) after this long without an ERROR, or at its first event. */
  resumeConfirmMs: number;
  /** A clean EOF sooner than this with no line counts as a failure (no tight re-watch loop). */
  shortWatchMs: number;
  /** After this many consecutive failed watches, relist instead of re-watching from the cursor. */
  relistAfterFailures: number;
  /**
   * Take snapshots with one WatchList stream (`sendInitialEvents=true`, KEP-3157) instead of a
   * paginated list + watch. The first 422 (server gate off) falls back to list + watch for good. Off
   * by default: the paginated list works on every server, and a server (or proxy) that ignores the
   * parameters would hold the first snapshot until the watch times out.
   */
  watchList: boolean;
  /** Writer: flush timer and batch size. */
  flushMs: number;
  maxBatch: number;
  /**
   * The recorder's heartbeat is written with every batch, and on its own after this long without one:
   * coverage left open by a crash is closed at the last heartbeat (at most this much too early).
   */
  heartbeatMs: number;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  listLimit: 500,
  watchTimeoutSeconds: [240, 360],
  idleTimeoutMs: 90_000,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  forbiddenRetryMs: 300_000,
  relistIntervalMs: 3_600_000,
  resumeConfirmMs: 1_000,
  shortWatchMs: 1_000,
  relistAfterFailures: 5,
  watchList: false,
  flushMs: 20,
  maxBatch: 500,
  heartbeatMs: 5_000,
};

/** Injected time: `sleep` resolves early (without throwing) when the signal aborts. */
export interface Clock {
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The backoff's jitter, a number in [0, 1) (default Math.random): tests pin it. */
  random?: () => number;
}

export const SYSTEM_CLOCK: Clock = {
  now: Date.now,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};
