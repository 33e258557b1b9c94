import { AbortedError } from './errors.js';
import { rvLessThan } from './kindCoverage.js';
import type { ReflectorState } from './reflectorState.js';
import { RelistDiff } from './relistDiff.js';

/**
 * The diff a snapshot streams into (relistDiff): its changes are enqueued as they are found, each
 * with no cursor. Compares against the stored versions only (uid → RV, hash, name), never decoded
 * objects. Flushes first so our own queued events are part of the stored state. `wasLive`: the stream
 * was live when the relist began (a periodic relist), which decides each change's `not_before`.
 */
export function startSnapshot(s: ReflectorState, startedAt: number, wasLive: boolean): RelistDiff {
  const { cluster, kind, namespace, store } = s.d;
  if (!s.d.writer.flush()) throw new AbortedError('write-failed');
  const cursorBefore = s.rv;
  const stored = store.currentVersions(cluster, kind);
  if (namespace !== null) for (const [uid, v] of stored) if (v.namespace !== namespace) stored.delete(uid);
  // While live (periodic relist) a change newer than our cursor happened during this list; anything
  // else slipped past the watch since the last verified list. After a gap it happened in the gap.
  const windowStart = wasLive ? s.lastVerifiedAt : s.gapSince;
  const notBefore = (rv: string | null): number | null =>
    wasLive && rv !== null && cursorBefore !== null && rvLessThan(cursorBefore, rv) ? startedAt : windowStart;
  return new RelistDiff({
    cluster,
    kind,
    stored,
    storedObject: (uid) => store.currentObject(cluster, kind, uid),
    notBefore,
    now: s.d.clock.now,
    emit: (observations) => s.enqueue(observations),
    settle: () => {
      if (!s.d.writer.flush() || s.discarding) throw new AbortedError('write-failed');
    },
  });
}
