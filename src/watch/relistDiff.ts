import type { Kind, Observation } from '../model/types.js';
import type { CurrentObject } from '../store/types.js';
import { rvLessThan } from './kindCoverage.js';

export interface RelistDiffInput {
  cluster: string;
  kind: Kind;
  /** Listed objects, slimmed, keyed by uid (their `type`, `source`, `notBefore` are ignored). */
  listed: Map<string, Observation>;
  /** What the store holds as alive, already restricted to the namespaces this list covered. */
  current: Map<string, CurrentObject>;
  /** The list's resourceVersion: stamped on inferred deletions, which have no RV of their own. */
  listResourceVersion: string;
  observedAt: number;
  /** Start of the window in which each inferred change happened (null = before recording began). */
  notBefore: (listedRv: string | null) => number | null;
}

/**
 * The changes a consistent list implies against stored state, all with source `relist`:
 * - a uid absent from the store → ADDED;
 * - a uid whose RV and content hash both differ → MODIFIED (an RV bump with equal content is a no-op);
 * - a stored uid absent from the list → DELETED, carrying the last stored object and the LIST's
 *   resourceVersion (the deletion RV is unknowable; the list RV keeps (uid, rv) unique and is the
 *   first revision at which we know the object was gone).
 * After an RV reset (etcd restore) the list RV can be numerically at or below the object's own last RV
 * and would collide with a stored (uid, rv); such a deletion gets `<listRv>-relist-<observedAt>`.
 * Deletions come first, so that a name re-created with a new uid ends up alive.
 */
export function relistDiff(input: RelistDiffInput): Observation[] {
  const out: Observation[] = [];
  for (const [uid, cur] of input.current) {
    if (input.listed.has(uid)) continue;
    out.push({
      cluster: input.cluster,
      kind: input.kind,
      type: 'DELETED',
      source: 'relist',
      uid,
      namespace: cur.namespace,
      name: cur.name,
      resourceVersion: deletionRv(input.listResourceVersion, cur.resourceVersion, input.observedAt),
      observedAt: input.observedAt,
      notBefore: input.notBefore(null),
      occurredAt: null,
      // contentHash ignores meta.resourceVersion, so the stored hash still matches this body.
      object: {
        ...cur.object,
        meta: {
          ...cur.object.meta,
          resourceVersion: deletionRv(input.listResourceVersion, cur.resourceVersion, input.observedAt),
        },
      },
      hash: cur.hash,
    });
  }
  for (const [uid, obs] of input.listed) {
    const cur = input.current.get(uid);
    if (cur !== undefined && (cur.resourceVersion === obs.resourceVersion || cur.hash === obs.hash)) continue;
    out.push({
      ...obs,
      type: cur === undefined ? 'ADDED' : 'MODIFIED',
      source: 'relist',
      observedAt: input.observedAt,
      notBefore: input.notBefore(obs.resourceVersion),
    });
  }
  return out;
}

function deletionRv(listRv: string, lastRv: string, observedAt: number): string {
  const numeric = /^\d+$/.test(listRv) && /^\d+$/.test(lastRv);
  const collides = numeric ? !rvLessThan(lastRv, listRv) : listRv === lastRv;
  return collides ? `${listRv}-relist-${observedAt}` : listRv;
}
