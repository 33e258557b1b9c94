import type { Backoff } from './backoff.js';
import { classifyFailure } from './classifyFailure.js';
import { ApiStatusError } from './errors.js';
import type { ReflectorState } from './reflectorState.js';

/** Where the run loop stands between requests. */
export interface LoopState {
  /** Why the next pass relists; null: it watches from the cursor. */
  relistReason: string | null;
  /** Failed or suspiciously short streams in a row. */
  failures: number;
  /** The server's answer count (Reachability) at the last failure. */
  answersAtFailure: number;
  /** A 410 was retried at once and no relist has completed since: the next one backs off. */
  retriedAtOnce: boolean;
}

/** How long to wait before the next pass, and whether an answer from the server ends the wait early. */
export interface RetryPlan {
  waitMs: number;
  /** The server did not answer (network error, idle watchdog): wake as soon as it answers anyone. */
  untilAnswer: boolean;
}

/**
 * A request failed with `error` (classifyFailure is the policy): breaks coverage, drops the cursor
 * back to the persisted one after a lost write, decides whether the next pass relists (the policy
 * says so, a resumed watch never said a word before the watchdog fired, no cursor, or
 * `relistAfterFailures` in a row), updates health, counts `eph_watch_restarts_total{reason}` and logs.
 *
 * The wait: any HTTP answer from the server since the last failure (this one included: a 410, a
 * 500 is an answer) resets the backoff, which thus grows only while the server does not answer (or
 * while our own writes fail). A
 * 410 relists at once (again only after a relist has completed, so a server answering 410 to every
 * watch is not hit in a loop); otherwise the plan's own wait or the jittered backoff.
 */
export function recordFailure(
  s: ReflectorState,
  error: unknown,
  loop: LoopState,
  backoff: Backoff,
): RetryPlan {
  const { options: o, kind, reachability } = s.d;
  const plan = classifyFailure(error, kind, o.forbiddenRetryMs);
  // A resumed watch that stayed silent until the watchdog, without even a bookmark, is what a
  // server restored to an older resourceVersion gives (reference §1.5): only a list can tell.
  const silent = plan.reason === 'idle' && s.live && !s.heard;
  // After a lost write the close must reach the store (the writer keeps it until a write succeeds),
  // dated at the first lost observation: what we saw since is not recorded.
  if (s.discarding) {
    s.discarding = false;
    s.rv = persistedCursor(s);
  }
  s.breakCoverage(plan.reason, s.lostSince ?? undefined);
  s.lostSince = null;
  loop.failures += 1;
  const answered = error instanceof ApiStatusError || reachability.answers > loop.answersAtFailure;
  loop.answersAtFailure = reachability.answers;
  // A store that cannot write (a full disk) is our own trouble: keep backing off however well the
  // server answers.
  if (answered && plan.reason !== 'write-failed') backoff.reset();
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
  let waitMs: number;
  if (plan.wait === 'none') {
    waitMs = loop.retriedAtOnce ? backoff.next() : 0;
    loop.retriedAtOnce = true;
  } else waitMs = plan.wait === 'backoff' ? backoff.next() : plan.wait.ms;
  const untilAnswer =
    !(error instanceof ApiStatusError) && (plan.reason === 'network' || plan.reason === 'idle');
  s.log.warn({ err: s.health.lastError, reason: plan.reason, waitMs }, 'stream failed');
  return { waitMs, untilAnswer };
}

/** The cursor as stored; null (the next pass relists) when even reading it fails. */
function persistedCursor(s: ReflectorState): string | null {
  try {
    return s.d.store.getCursor(s.d.cluster, s.d.kind)?.resourceVersion ?? null;
  } catch (error) {
    s.log.error({ err: error }, 'cannot read the stored cursor; relisting');
    return null;
  }
}
