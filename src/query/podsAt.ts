import type { SlimPod } from '../model/types.js';
import { latestObjects } from './latestObjects.js';
import { POD_COLUMNS, PODS_IN_NAMESPACE, type PodStateRow, toPod } from './podRows.js';
import type { QueryContext } from './QueryContext.js';
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
export function podsAt(
  ctx: QueryContext,
  cluster: { id: number; name: string },
  at: number,
  namespace: string | null,
): PodAtOut[] {
  const alive = 's.cluster_id = ? AND s.valid_from <= ? AND s.valid_to > ?';
  const rows = (
    namespace === null
      ? ctx
          .stmt(`SELECT ${POD_COLUMNS} FROM pod_states s JOIN clusters c ON c.id = s.cluster_id
            WHERE ${alive} ORDER BY s.namespace, s.name, s.valid_from`)
          .all(cluster.id, at, at)
      : ctx
          .stmt(`SELECT ${POD_COLUMNS} FROM pod_states s JOIN clusters c ON c.id = s.cluster_id
            WHERE s.uid IN (${PODS_IN_NAMESPACE}) AND ${alive} ORDER BY s.name, s.valid_from`)
          .all(cluster.id, namespace, cluster.id, at, at)
  ) as PodStateRow[];
  const objects = new Map(
    latestObjects<SlimPod>(ctx, cluster.id, 'Pod', at, { namespace }).map((o) => [o.uid, o.object]),
  );
  const out: PodAtOut[] = [];
  for (const r of rows) {
    const object = objects.get(r.uid);
    if (object) out.push({ object, state: toPod(r, at) });
  }
  return out;
}
