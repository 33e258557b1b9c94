import type { SlimPod } from '../../model/types.js';
import type { PodOut, QueryContext } from '../../query/index.js';
import { latestObjects } from './latestObjects.js';

export interface PodAtOut {
  /** The projected state (pod_states row valid at T). */
  state: PodOut;
  /** The slimmed Pod object as last recorded at or before T (labels, containers, conditions). */
  object: SlimPod;
}

interface Row {
  uid: string;
  namespace: string;
  name: string;
  phase: string | null;
  ready: number;
  node_name: string | null;
  ips: string;
  owner_kind: string | null;
  owner_name: string | null;
  created_at: number | null;
  deleting_at: number | null;
  restarts: number;
  valid_from: number;
  valid_to: number;
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
  const rows = ctx
    .stmt(`SELECT uid, namespace, name, phase, ready, node_name, ips, owner_kind, owner_name, created_at, deleting_at,
      restarts, valid_from, valid_to FROM pod_states
      WHERE cluster_id = ? AND (? IS NULL OR namespace = ?) AND valid_from <= ? AND valid_to > ?
      ORDER BY namespace, name, valid_from`)
    .all(cluster.id, namespace, namespace, at, at) as Row[];
  const objects = new Map(
    latestObjects<SlimPod>(ctx, cluster.id, 'Pod', at, { namespace }).map((o) => [o.uid, o.object]),
  );
  const out: PodAtOut[] = [];
  for (const r of rows) {
    const object = objects.get(r.uid);
    if (!object) continue;
    const ips = JSON.parse(r.ips) as string[];
    out.push({
      object,
      state: {
        cluster: cluster.name,
        namespace: r.namespace,
        name: r.name,
        uid: r.uid,
        ip: ips[0] ?? null,
        ips,
        nodeName: r.node_name,
        phase: r.phase,
        ready: r.ready === 1,
        restarts: r.restarts,
        createdAt: r.created_at,
        deletedAt: r.deleting_at,
        ownerKind: r.owner_kind,
        ownerName: r.owner_name,
        validFrom: r.valid_from,
        validTo: r.valid_to >= Number.MAX_SAFE_INTEGER ? null : r.valid_to,
      },
    });
  }
  return out;
}
