import type { KindState } from '../model/health.js';
import type { Kind } from '../model/types.js';
import { AbortedError, ApiStatusError, IdleTimeoutError, ProtocolError, WatchErrorEvent } from './errors.js';
import type { RelistingFailure, RewatchingFailure } from './reasons.js';

/**
 * What a reflector does after a failed list or watch: relist (a view we can no longer trust) or
 * re-watch from the cursor; `reason` labels eph_watch_restarts_total, the coverage close and logs.
 */
export type FailurePlan = {
  /** How long to wait: a fixed time, the jittered backoff, or none. */
  wait: { ms: number } | 'backoff' | 'none';
  state: KindState;
} & ({ reason: RelistingFailure; relist: true } | { reason: RewatchingFailure; relist: false });

/**
 * The recorder's error policy in one table. 410 (in-band Expired/Gone or HTTP) → relist at once;
 * other in-band ERRORs (500, 504 TooLarge) → backoff then relist; 401/403 → long wait, health shows
 * `forbidden`; 404 on EndpointSlices → the cluster does not serve them, `unavailable`, long wait;
 * 429 → Retry-After; 5xx and network errors/idle watchdog → backoff, re-watch from the cursor; a
 * malformed line → backoff then relist (an event may be lost).
 */
export function classifyFailure(error: unknown, kind: Kind, longWaitMs: number): FailurePlan {
  if (error instanceof AbortedError)
    return { reason: error.reason, relist: false, wait: 'backoff', state: 'backoff' };
  // 410 in-band (a WatchErrorEvent is an ApiStatusError) or over HTTP
  if (error instanceof ApiStatusError && error.status === 410)
    return { reason: 'expired', relist: true, wait: 'none', state: 'listing' };
  if (error instanceof WatchErrorEvent) {
    const wait = error.retryAfterMs === null ? 'backoff' : { ms: error.retryAfterMs };
    return { reason: 'error-event', relist: true, wait, state: 'backoff' };
  }
  if (error instanceof ApiStatusError) {
    const s = error.status;
    if (s === 401 || s === 403)
      return { reason: 'forbidden', relist: false, wait: { ms: longWaitMs }, state: 'forbidden' };
    if (s === 404 && kind === 'EndpointSlice') {
      return { reason: 'unavailable', relist: true, wait: { ms: longWaitMs }, state: 'unavailable' };
    }
    if (s === 429) {
      const wait = error.retryAfterMs === null ? 'backoff' : { ms: error.retryAfterMs };
      return { reason: 'throttled', relist: false, wait, state: 'backoff' };
    }
    if (s >= 500) return { reason: 'server-error', relist: false, wait: 'backoff', state: 'backoff' };
    return { reason: `http-${s}`, relist: true, wait: 'backoff', state: 'backoff' };
  }
  if (error instanceof ProtocolError)
    return { reason: 'protocol', relist: true, wait: 'backoff', state: 'backoff' };
  if (error instanceof IdleTimeoutError)
    return { reason: 'idle', relist: false, wait: 'backoff', state: 'backoff' };
  return { reason: 'network', relist: false, wait: 'backoff', state: 'backoff' };
}
