import type { Kind, SlimObject } from '../model/types.js';
import { EventReader } from '../store/eventReader.js';
import { deserialise } from '../store/serialise.js';
import type { ObjectAt } from './latestObjects.js';
import type { QueryContext } from './QueryContext.js';

/** Where a page starts: strictly after this object in (namespace, name, uid) order. */
export interface PageKey {
  namespace: string;
  name: string;
  uid: string;
}

/**
 * One page of `latestObjects`: the objects of `kind` that existed at `at` (their last event with
 * observed_at ≤ at is not a deletion), optionally in one namespace, in (namespace, name, uid) order,
 * starting strictly after `after`, at most `limit`. The order follows the objects' name index, so a
 * page reads about `limit` objects however many there are (a list paged by kubectl's `limit=500`
 * over 50,000 pods does not read all of them for every page).
 */
export function latestObjectsPage<T extends SlimObject>(
  ctx: QueryContext,
  clusterId: number,
  kind: Kind,
  at: number,
  options: { namespace: string | null; after: PageKey | null; limit: number },
): ObjectAt<T>[] {
  const a = options.after;
  const rows = ctx
    .stmt(`SELECT o.uid, o.namespace, o.name, e.position, e.resource_version FROM objects o
      JOIN events e ON e.position = (SELECT MAX(x.position) FROM events x WHERE x.object_id = o.id AND x.observed_at <= ?)
      WHERE o.cluster_id = ? AND o.kind = ? AND (? IS NULL OR o.namespace = ?)
        AND (? IS NULL OR (o.namespace, o.name, o.uid) > (?, ?, ?))
        AND e.type <> 'DELETED'
      ORDER BY o.namespace, o.name, o.uid
      LIMIT ?`)
    .all(
      at,
      clusterId,
      kind,
      options.namespace,
      options.namespace,
      a === null ? null : 1,
      a?.namespace ?? null,
      a?.name ?? null,
      a?.uid ?? null,
      options.limit,
    ) as { uid: string; namespace: string; name: string; position: number; resource_version: string }[];
  const reader = new EventReader(ctx.db);
  return rows.map((r) => ({
    uid: r.uid,
    namespace: r.namespace,
    name: r.name,
    position: r.position,
    object: deserialise(reader.objectJson(r.position), r.resource_version) as T,
  }));
}
