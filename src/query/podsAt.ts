import type { SlimPod } from '../model/types.js';
import { toPod } from './podRows.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';
import type { PodOut } from './types.js';

export interface PodAtOut {
  /** The projected state (pod_states row valid at T). */
  state: PodOut;
  /** The slimmed Pod object as last recorded at or before T (labels, containers, conditions). */
  object: SlimPod;
}

/**
 * Pods alive at `at` (a pod_states row with valid_from ≤ at < valid_to), optionally in one namespace,
 * by namespace then name, each with its recorded object for labels and container details.
 */
export async function podsAt(
  ctx: QueryContext,
  cluster: ClusterRef,
  at: number,
  namespace: string | null,
): Promise<PodAtOut[]> {
  const rows = await ctx.reads.podStatesAt(cluster, namespace, at);
  const objects = new Map(
    (await ctx.reads.latestObjects<SlimPod>(cluster.id, 'Pod', at, { namespace })).map((o) => [
      o.uid,
      o.object,
    ]),
  );
  const out: PodAtOut[] = [];
  for (const r of rows) {
    const object = objects.get(r.uid);
    if (object) out.push({ object, state: toPod(r, at) });
  }
  return out;
}
