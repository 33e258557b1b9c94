import { finishSnapshot } from './finishSnapshot.js';
import { listSnapshot } from './listSnapshot.js';
import type { ReflectorState } from './reflectorState.js';
import { startSnapshot } from './startSnapshot.js';

/**
 * A relist as a consistent paginated list (listSnapshot), each page diffed against the store as it
 * arrives; resolves once the snapshot, the cursor at the list RV and (after a gap) the coverage open
 * are stored. Counted in `eph_relists_total{reason}`; a continue token that expired midway counts
 * once more as `continue-expired` and the diff starts over.
 */
export async function paginatedRelist(s: ReflectorState, reason: string, stop: AbortSignal): Promise<void> {
  const { clock, metrics, kind, cluster, namespace } = s.d;
  s.health.state = 'listing';
  s.countRelist(reason);
  const wasLive = s.live;
  const startedAt = clock.now();
  const diff = startSnapshot(s, startedAt, wasLive);
  const ac = s.request.link(stop);
  const listRv = await listSnapshot({
    http: s.d.http,
    cluster,
    kind,
    namespace,
    limit: s.d.options.listLimit,
    idleMs: s.d.options.idleTimeoutMs,
    signal: ac.signal,
    now: clock.now,
    onPage: (rv, items) => {
      diff.snapshotRv = rv;
      for (const obs of items) diff.listed(obs);
    },
    onRestart: () => {
      diff.restart();
      metrics.relists.inc({ kind, reason: 'continue-expired' });
    },
    onReject: (r, uid) => {
      metrics.eventsRejected.inc({ kind, reason: r.reason });
      if (uid !== null) diff.present(uid);
    },
  }).finally(() => s.request.unlink(stop, ac));
  finishSnapshot(s, diff, listRv, wasLive);
}
