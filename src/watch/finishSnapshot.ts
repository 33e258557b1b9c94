import { AbortedError } from './errors.js';
import { rvLessThan } from './kindCoverage.js';
import type { ReflectorState } from './reflectorState.js';
import type { RelistDiff } from './relistDiff.js';

/**
 * The snapshot at `listRv` is complete: deletions of stored objects it lacks, then the cursor moves
 * to `listRv` and coverage opens (unless a periodic relist found us live already), in the last unit,
 * so they commit only once every change of the snapshot is stored. Should the relist fail before
 * this, the changes already stored stay: each is true of the snapshot, re-delivery is idempotent and
 * the next relist diffs again, while cursor and coverage were not moved. Throws `write-failed` when a
 * unit of ours was lost; on success the next periodic relist is due one interval from now.
 */
export function finishSnapshot(s: ReflectorState, diff: RelistDiff, listRv: string, wasLive: boolean): void {
  const { clock, metrics, kind } = s.d;
  if (s.discarding) throw new AbortedError('write-failed');
  const cursorBefore = s.rv;
  const observedAt = clock.now();
  if (cursorBefore !== null && rvLessThan(listRv, cursorBefore)) {
    metrics.relists.inc({ kind, reason: 'rv-reset' });
    s.log.warn({ listRv, cursor: cursorBefore }, 'resourceVersion went backwards');
  }
  const last = diff.finish(listRv, observedAt);
  if (wasLive && diff.changes > 0) {
    s.log.warn({ changes: diff.changes }, 'periodic relist found changes the watch did not deliver');
  }
  s.rv = listRv;
  const coverage = wasLive ? [] : s.openCoverage(observedAt, 'list');
  s.enqueue(last, s.d.coverage.cursor(s.scope, listRv), coverage);
  if (!s.d.writer.flush() || s.discarding) throw new AbortedError('write-failed');
  s.lastVerifiedAt = observedAt;
  s.nextRelistAt = observedAt + s.d.options.relistIntervalMs;
}
