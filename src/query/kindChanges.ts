import type { Kind, SlimObject } from '../model/types.js';
import type { StoredEvent } from '../store/index.js';
import { coverageTimeline } from './coverage.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';

/**
 * A log position P that splits the changes to `kinds` in the cluster at `at`: every one observed at
 * or before `at` is at or before P, every one after P was observed after `at` (0 when nothing was
 * observed by then). A replay of the changes "after T" starts there.
 */
export function kindsHeadAt(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  at: number,
): Promise<number> {
  return ctx.reads.kindsPositionAt(cluster.id, kinds, at);
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
): Promise<StoredEvent[]> {
  return ctx.reads.kindChangesAfter(cluster.id, kinds, afterPosition, limit);
}

/**
 * The state of one object (cluster, kind, uid) just before the change at `position`: the object of
 * its last earlier change, or null when it did not exist then (no earlier change, or a deletion).
 */
export async function objectBefore(
  ctx: QueryContext,
  cluster: ClusterRef,
  kind: Kind,
  uid: string,
  position: number,
): Promise<SlimObject | null> {
  const event = await ctx.reads.objectEventBefore(cluster.id, kind, uid, position);
  return event === null || event.type === 'DELETED' ? null : event.object;
}

/** When the change at `position` was observed (epoch ms); null for a position not in the log. */
export async function observedAtPosition(ctx: QueryContext, position: number): Promise<number | null> {
  const [event] = await ctx.reads.events([position]);
  return event?.observedAt ?? null;
}

/**
 * Whether the recorder still holds a live view of any of `kinds` (an open coverage interval, which
 * the timeline shows as covered up to now and `future` after it): then changes after the last stored
 * one may still come. False once every kind's recording has ended (the recorder stopped, or never
 * watched the kind).
 */
export async function stillRecording(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
): Promise<boolean> {
  for (const kind of kinds) {
    const timeline = await coverageTimeline(ctx, cluster, kind);
    const last = timeline[timeline.length - 1];
    if (last !== undefined && last.to === null && (last.covered || last.reason === 'future')) return true;
  }
  return false;
}
