import type { Backoff } from './backoff.js';
import { classifyFailure } from './classifyFailure.js';
import type { ReflectorState } from './reflectorState.js';

/** Where the run loop stands between requests. */
export interface LoopState {
  /** Why the next pass relists; null: it watches from the cursor. */
  relistReason: string | null;
  /** Failed or suspiciously short streams in a row. */
  failures: number;
}

/**
 * A request failed with `error` (classifyFailure is the policy): breaks coverage, drops the cursor
 * back to the persisted one after a lost write, decides whether the next pass relists (the policy
 * says so, a resumed watch never said a word before the watchdog fired, no cursor, or
 * `relistAfterFailures` in a row), updates health, counts
 * `eph_watch_restarts_total{reason}` and logs. Returns the milliseconds to wait before the next pass:
 * the plan's own wait, else the jittered backoff (also for an immediate retry that is not the first).
 */
export function recordFailure(s: ReflectorState, error: unknown, loop: LoopState, backoff: Backoff): number {
  const { options: o, kind } = s.d;
  const plan = classifyFailure(error, kind, o.forbiddenRetryMs);
  // A resumed watch that stayed silent until the watchdog, without even a bookmark, is what a
  // server restored to an older resourceVersion gives (reference §1.5): only a list can tell.
  const silent = plan.reason === 'idle' && s.live && !s.heard;
  s.breakCoverage(plan.reason);
  if (s.discarding) {
    s.discarding = false;
    s.rv = s.d.store.getCursor(s.d.cluster, kind)?.resourceVersion ?? null;
  }
  loop.failures += 1;
  const relistReason = plan.relist
    ? plan.reason
    : silent
      ? 'silent'
      : s.rv === null
        ? 'no-cursor'
        : loop.failures >= o.relistAfterFailures
          ? 'failures'
          : null;
  if (relistReason !== null) loop.relistReason = relistReason;
  s.health.state = plan.state;
  s.health.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  s.countRestart(plan.reason);
  const waitMs =
    plan.wait === 'backoff' || (plan.wait === 'none' && loop.failures > 1)
      ? backoff.next()
      : plan.wait === 'none'
        ? 0
        : plan.wait.ms;
  s.log.warn({ err: s.health.lastError, reason: plan.reason, waitMs }, 'stream failed');
  return waitMs;
}
