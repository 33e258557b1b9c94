import type { PodOut } from '../../../query/index.js';
import type { ApiContext } from '../../context.js';
import { resolveRange } from '../ranges.js';

type Range = { from?: number | null; to?: number | null };

/** Resolvers of `Pod`: its own history and the services it backed, over a range. */
export function podResolvers(api: ApiContext) {
  const h = api.history;
  /** By default from the pod's creation, at most the maximum range before `to`. */
  const range = (p: PodOut, a: Range) =>
    resolveRange(api.limits, api.now(), a, (to) =>
      Math.max(p.createdAt ?? p.validFrom, to - api.limits.maxRangeMs),
    );
  return {
    Pod: {
      history: (p: PodOut, a: Range) =>
        h.podHistory({ cluster: p.cluster, namespace: p.namespace, name: p.name, ...range(p, a) }),
      endpoints: (p: PodOut, a: Range) => h.podMembership({ podUid: p.uid, ...range(p, a) }),
    },
  };
}
