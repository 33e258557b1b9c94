import type { Database } from 'better-sqlite3';
import type { FoldState } from '../foldState.js';
import { joinKey, serviceKey } from '../keys.js';

/** Registers in the fold state the first-seen marks (service + source) the store holds. */
export function loadMarks(db: Database, state: FoldState): void {
  const marks = db
    .prepare(`SELECT c.name AS cluster, k.namespace, k.name, k.first_slice_at, k.first_endpoints_at
      FROM service_keys k JOIN clusters c ON c.id = k.cluster_id
      WHERE k.first_slice_at IS NOT NULL OR k.first_endpoints_at IS NOT NULL`)
    .all() as Record<string, unknown>[];
  for (const r of marks) {
    const sk = serviceKey({
      cluster: r.cluster as string,
      namespace: r.namespace as string,
      name: r.name as string,
    });
    if (r.first_slice_at !== null) state.marked.add(joinKey(sk, 'EndpointSlice'));
    if (r.first_endpoints_at !== null) state.marked.add(joinKey(sk, 'Endpoints'));
  }
}
