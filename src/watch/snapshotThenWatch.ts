import { AbortedError, ApiStatusError, WatchErrorEvent } from './errors.js';
import { paginatedRelist } from './paginatedRelist.js';
import type { ReflectorState } from './reflectorState.js';
import type { ProbeOutcome } from './watchListGate.js';
import { watchOnce } from './watchOnce.js';
import type { WatchStreamResult } from './watchStream.js';

/**
 * A relist followed by its watch: one WatchList stream when the server serves it (its state part is
 * the snapshot, the rest is the watch), else a paginated list then a watch from the list RV.
 * `onListed` runs once the snapshot is stored. Resolves null when WatchList turned out unsupported
 * (HTTP 422, or a stream that ended without the initial-events-end bookmark): the caller loops and
 * the gate now says `list`, without a failure counted.
 */
export async function snapshotThenWatch(
  s: ReflectorState,
  reason: string,
  stop: AbortSignal,
  onListed: () => void,
): Promise<WatchStreamResult | null> {
  const gate = s.d.watchList;
  const { mode, probing } = await gate.acquire(stop);
  if (stop.aborted) throw new AbortedError('stopped');
  if (mode === 'list') {
    await paginatedRelist(s, reason, stop);
    onListed();
    return await watchOnce(s, stop);
  }
  let reported = !probing;
  const report = (outcome: ProbeOutcome): void => {
    if (!reported || outcome === 'unsupported') gate.settle(outcome);
    reported = true;
  };
  let listed = false;
  let outcome: ProbeOutcome = 'inconclusive';
  try {
    const result = await watchOnce(s, stop, {
      reason,
      onAccepted: () => report('supported'),
      onListed: () => {
        listed = true;
        onListed();
      },
    });
    if (listed) return result;
    outcome = 'unsupported';
    s.log.warn('WatchList stream ended before its initial-events-end bookmark; falling back to list');
  } catch (error) {
    const rejected =
      !listed &&
      error instanceof ApiStatusError &&
      !(error instanceof WatchErrorEvent) &&
      error.status === 422;
    if (!rejected) throw error;
    outcome = 'unsupported';
    s.log.warn({ err: error.message }, 'WatchList rejected (422); falling back to list + watch');
  } finally {
    report(outcome);
  }
  s.d.metrics.relists.inc({ kind: s.d.kind, reason: 'watch-list-unsupported' });
  return null;
}
