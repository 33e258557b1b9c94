import { openEnd } from './memberRows.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';
import type { PodOut } from './types.js';

export interface PodStateRow {
  cluster: string;
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
  ended_by_delete: number;
  valid_from: number;
  valid_to: number;
}

/**
 * Pod uids by name, as SQL subqueries (parameters: cluster id, namespace[, name]). The objects table
 * indexes names; pod_states only uids, since an index over every state row would cost the write path
 * a page per pod change. A name can have had several pods (incarnations): all their uids.
 */
export const PODS_NAMED = `SELECT uid FROM objects WHERE cluster_id = ? AND kind = 'Pod' AND namespace = ? AND name = ?`;
export const PODS_IN_NAMESPACE = `SELECT uid FROM objects WHERE cluster_id = ? AND kind = 'Pod' AND namespace = ?`;

export const POD_COLUMNS = `c.name AS cluster, s.uid, s.namespace, s.name, s.phase, s.ready, s.node_name, s.ips,
  s.owner_kind, s.owner_name, s.created_at, s.deleting_at, s.restarts, s.ended_by_delete, s.valid_from, s.valid_to`;

/** POD_COLUMNS but the cluster, as values for `QueryContext.arrays`, read back by `podStateRow`. */
const POD_VALUES = POD_COLUMNS.replace('c.name AS cluster, ', '');

const podStateRow = (cluster: string, a: unknown[]): PodStateRow =>
  ({
    cluster,
    uid: a[0],
    namespace: a[1],
    name: a[2],
    phase: a[3],
    ready: a[4],
    node_name: a[5],
    ips: a[6],
    owner_kind: a[7],
    owner_name: a[8],
    created_at: a[9],
    deleting_at: a[10],
    restarts: a[11],
    ended_by_delete: a[12],
    valid_from: a[13],
    valid_to: a[14],
  }) as PodStateRow;

/**
 * The pod as a row describes it. `deletedAt` is when the pod was gone — its DELETED event was
 * observed — if that is not after `asOf` (no future leaks into the past); `deletionRequestedAt` is
 * its metadata.deletionTimestamp once it is terminating (the moment the API server was asked to have
 * it gone by: the request plus the grace period), which a pod often beats and can outlive.
 */
export function toPod(r: PodStateRow, asOf: number): PodOut {
  const ips = JSON.parse(r.ips) as string[];
  const deletedObserved = r.ended_by_delete === 1 && r.valid_to <= asOf ? r.valid_to : null;
  return {
    cluster: r.cluster,
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
    deletedAt: deletedObserved,
    deletionRequestedAt: r.deleting_at,
    ownerKind: r.owner_kind,
    ownerName: r.owner_name,
    validFrom: r.valid_from,
    validTo: openEnd(r.valid_to),
  };
}

/**
 * The latest state of each pod uid that began at or before `at` (so a pod deleted before `at` comes
 * back as its last state: callers decide whether that counts), batched in one statement: one index
 * probe per uid, newest first (the index ends with the row id, so ties on valid_from go to the last
 * row written).
 */
export function latestPodStates(
  ctx: QueryContext,
  cluster: ClusterRef,
  uids: readonly string[],
  at: number,
): Map<string, PodStateRow> {
  const out = new Map<string, PodStateRow>();
  if (uids.length === 0) return out;
  const rows = ctx.arrays(
    POD_VALUES,
    `FROM json_each(?) j JOIN pod_states s ON s.id = (SELECT id FROM pod_states
        WHERE uid = j.value AND cluster_id = ? AND valid_from <= ? ORDER BY valid_from DESC, id DESC LIMIT 1)`,
    [JSON.stringify([...new Set(uids)]), cluster.id, at],
  );
  for (const a of rows) {
    const r = podStateRow(cluster.name, a);
    out.set(r.uid, r);
  }
  return out;
}
