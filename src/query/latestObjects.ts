import type { Kind, SlimObject } from '../model/types.js';
import { EventReader } from '../store/index.js';
import { deserialise } from '../store/serialise.js';
import type { QueryContext } from './QueryContext.js';

export interface ObjectAt<T extends SlimObject = SlimObject> {
  uid: string;
  namespace: string;
  name: string;
  /** Position of the event that produced this state. */
  position: number;
  object: T;
}

/**
 * Objects of `kind` that existed at `at`: for every object (optionally in one namespace, optionally of
 * one name), its last event with observed_at ≤ at, unless that event is a DELETED. Read-only; the
 * stored object is the slimmed one (whitelisted fields only).
 */
export function latestObjects<T extends SlimObject>(
  ctx: QueryContext,
  clusterId: number,
  kind: Kind,
  at: number,
  filter: { namespace?: string | null; name?: string | null } = {},
): ObjectAt<T>[] {
  const rows = ctx
    .stmt(`SELECT o.uid, o.namespace, o.name, e.position, e.type, e.resource_version FROM objects o
      JOIN events e ON e.position = (SELECT MAX(x.position) FROM events x WHERE x.object_id = o.id AND x.observed_at <= ?)
      WHERE o.cluster_id = ? AND o.kind = ? AND (? IS NULL OR o.namespace = ?) AND (? IS NULL OR o.name = ?)
      ORDER BY o.namespace, o.name, e.position`)
    .all(
      at,
      clusterId,
      kind,
      filter.namespace ?? null,
      filter.namespace ?? null,
      filter.name ?? null,
      filter.name ?? null,
    ) as {
    uid: string;
    namespace: string;
    name: string;
    position: number;
    type: string;
    resource_version: string;
  }[];
  const reader = new EventReader(ctx.db);
  return rows
    .filter((r) => r.type !== 'DELETED')
    .map((r) => ({
      uid: r.uid,
      namespace: r.namespace,
      name: r.name,
      position: r.position,
      object: deserialise(reader.objectJson(r.position), r.resource_version) as T,
    }));
}
