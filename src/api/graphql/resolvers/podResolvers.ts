import type { PodOut } from '../../../query/index.js';
import type { ApiContext } from '../../context.js';
import { requestTimes, type TimeRangeArgs } from '../requestTimes.js';

/** Resolvers of `Pod`: its own history and the services it backed, over a range. */
export function podResolvers(api: ApiContext) {
  const h = api.history;
  /** By default from the pod's creation, at most the maximum range before `to`. */
  const range = (p: PodOut, a: TimeRangeArgs, ctx: object) =>
    requestTimes(api, ctx).range(a, (to) => Math.max(p.createdAt ?? p.validFrom, to - api.limits.maxRangeMs));
  return {
    Pod: {
      history: (p: PodOut, a: TimeRangeArgs, ctx: object) =>
        h.podHistory({ cluster: p.cluster, namespace: p.namespace, name: p.name, ...range(p, a, ctx) }),
      endpoints: (p: PodOut, a: TimeRangeArgs, ctx: object) =>
        h.podMembership({ cluster: p.cluster, podUid: p.uid, ...range(p, a, ctx) }),
    },
  };
}
