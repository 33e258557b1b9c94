import type { ClusterSummaryOut } from '../../../query/index.js';
import type { ApiContext } from '../../context.js';
import { requestTimes, type TimeRangeArgs } from '../requestTimes.js';

/** Resolvers of `Cluster`: its coverage over a range (to now, from 24 hours before by default). */
export function clusterResolvers(api: ApiContext) {
  const h = api.history;
  return {
    Cluster: {
      coverage: (c: ClusterSummaryOut, a: TimeRangeArgs, ctx: object) =>
        h.coverage({ cluster: c.name, ...requestTimes(api, ctx).range(a) }),
    },
  };
}
