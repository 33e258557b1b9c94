import type { PodStateRow } from '../store/index.js';
import { openEnd } from './memberRows.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';
import type { PodOut } from './types.js';

/**
 * The pod as a row describes it. `deletedAt` is when the pod was gone — its DELETED event was
 * observed — if that is not after `asOf` (no future leaks into the past); `deletionRequestedAt` is
 * its metadata.deletionTimestamp once it is terminating (the moment the API server was asked to have
 * it gone by: the request plus the grace period), which a pod often beats and can outlive.
 */
export function toPod(r: PodStateRow, asOf: number): PodOut {
  const ips = JSON.parse(r.ips) as string[];
  const deletedObserved = r.endedByDelete && r.validTo <= asOf ? r.validTo : null;
  return {
    cluster: r.cluster,
    namespace: r.namespace,
    name: r.name,
    uid: r.uid,
    ip: ips[0] ?? null,
    ips,
    nodeName: r.nodeName,
    phase: r.phase,
    ready: r.ready,
    restarts: r.restarts,
    createdAt: r.createdAt,
    deletedAt: deletedObserved,
    deletionRequestedAt: r.deletingAt,
    ownerKind: r.ownerKind,
    ownerName: r.ownerName,
    validFrom: r.validFrom,
    validTo: openEnd(r.validTo),
  };
}

/**
 * The latest state of each pod uid that began at or before `at` (so a pod deleted before `at` comes
 * back as its last state: callers decide whether that counts), read together.
 */
export async function latestPodStates(
  ctx: QueryContext,
  cluster: ClusterRef,
  uids: readonly string[],
  at: number,
): Promise<Map<string, PodStateRow>> {
  const out = new Map<string, PodStateRow>();
  for (const r of await ctx.reads.latestPodStates(cluster, uids, at)) out.set(r.uid, r);
  return out;
}
