import type { Kind, SlimObject } from '../model/types.js';
import { EventReader } from '../store/eventReader.js';
import type { StoredEvent } from '../store/types.js';
import { coverageTimeline } from './coverage.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';

const kindList = (kinds: readonly Kind[]): string => kinds.map(() => '?').join(', ');

/**
 * The log position of the last change to any object of `kinds` in the cluster observed at or before
 * `at` (0 when there is none): every change of those kinds after it was observed after `at`, so a
 * replay of the changes "after T" starts there.
 */
export function kindsHeadAt(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  at: number,
): number {
  if (kinds.length === 0) return 0;
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
