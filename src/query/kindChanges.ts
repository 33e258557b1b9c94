import type { Kind, SlimObject } from '../model/types.js';
import { EventReader } from '../store/eventReader.js';
import type { StoredEvent } from '../store/types.js';
import { coverageTimeline } from './coverage.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';

const kindList = (kinds: readonly Kind[]): string => kinds.map(() => '?').join(', ');

/**
 * The last log position observed at or before `at` in a database that holds only this cluster, found
 * by bisection (observed_at never goes backwards within a cluster, and positions follow appends): a
 * few index seeks instead of reading every event. Null when the database holds other clusters too,
 * whose events interleave.
 */
function singleClusterHeadAt(ctx: QueryContext, at: number): number | null {
  if ((ctx.stmt('SELECT COUNT(*) FROM clusters').pluck().get() as number) !== 1) return null;
  const next = ctx.stmt(
    'SELECT position, observed_at FROM events WHERE position >= ? ORDER BY position LIMIT 1',
  );
  const first = next.get(0) as { position: number; observed_at: number } | undefined;
  if (first === undefined || first.observed_at > at) return 0;
  const last = ctx.stmt('SELECT MAX(position) FROM events').pluck().get() as number;
  // lo: a position observed at or before `at`; every position from hi on was observed after it
  let lo = first.position;
  let hi = last + 1;
  while (lo + 1 < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const r = next.get(mid) as { position: number; observed_at: number } | undefined;
    if (r === undefined || r.position >= hi) hi = mid;
    else if (r.observed_at <= at) lo = r.position;
    else hi = r.position;
  }
  return lo;
}

/**
 * A log position P that splits the changes to `kinds` in the cluster at `at`: every one observed at
 * or before `at` is at or before P, every one after P was observed after `at` (0 when nothing was
 * observed by then). A replay of the changes "after T" starts there. In a single-cluster database it
 * is the log's last position at `at` (found by bisection), else the last change of `kinds`.
 */
export function kindsHeadAt(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  at: number,
): number {
  if (kinds.length === 0) return 0;
  const head = singleClusterHeadAt(ctx, at);
  if (head !== null) return head;
  return ctx
    .stmt(`SELECT COALESCE(MAX(e.position), 0) FROM objects o JOIN events e ON e.object_id = o.id
      WHERE o.cluster_id = ? AND o.kind IN (${kindList(kinds)}) AND e.observed_at <= ?`)
    .pluck()
    .get(cluster.id, ...kinds, at) as number;
}

/**
 * The stored changes to objects of `kinds` in the cluster with a position after `afterPosition`, in
 * log order, at most `limit` of them (decoded: slim objects, the recorded resourceVersion).
 */
export function kindChangesAfter(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  afterPosition: number,
  limit: number,
): StoredEvent[] {
  if (kinds.length === 0) return [];
  const positions = ctx
    .stmt(`SELECT e.position FROM events e JOIN objects o ON o.id = e.object_id
      WHERE e.position > ? AND o.cluster_id = ? AND o.kind IN (${kindList(kinds)})
      ORDER BY e.position LIMIT ?`)
    .pluck()
    .all(afterPosition, cluster.id, ...kinds, limit) as number[];
  const reader = new EventReader(ctx.db);
  return positions.map((p) => reader.event(p)).filter((e): e is StoredEvent => e !== null);
}

/**
 * The state of one object (cluster, kind, uid) just before the change at `position`: the object of
 * its last earlier change, or null when it did not exist then (no earlier change, or a deletion).
 */
export function objectBefore(
  ctx: QueryContext,
  cluster: ClusterRef,
  kind: Kind,
  uid: string,
  position: number,
): SlimObject | null {
  const p = ctx
    .stmt(`SELECT MAX(e.position) FROM objects o JOIN events e ON e.object_id = o.id
      WHERE o.cluster_id = ? AND o.kind = ? AND o.uid = ? AND e.position < ?`)
    .pluck()
    .get(cluster.id, kind, uid, position) as number | null;
  if (p === null) return null;
  const event = new EventReader(ctx.db).event(p);
  return event === null || event.type === 'DELETED' ? null : event.object;
}

/** When the change at `position` was observed (epoch ms); null for a position not in the log. */
export function observedAtPosition(ctx: QueryContext, position: number): number | null {
  const at = ctx.stmt('SELECT observed_at FROM events WHERE position = ?').pluck().get(position);
  return typeof at === 'number' ? at : null;
}

/**
 * Whether the recorder still holds a live view of any of `kinds` (an open coverage interval): then
 * changes after the last stored one may still come. False once every kind's recording has ended
 * (the recorder stopped, or never watched the kind).
 */
export function stillRecording(ctx: QueryContext, cluster: ClusterRef, kinds: readonly Kind[]): boolean {
  return kinds.some((kind) => {
    const timeline = coverageTimeline(ctx, cluster, kind);
    const last = timeline[timeline.length - 1];
    return last?.covered === true && last.to === null;
  });
}
