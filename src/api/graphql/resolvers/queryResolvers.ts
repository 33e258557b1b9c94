import { ephError } from '../../../errors/index.js';
import type { ApiContext } from '../../context.js';
import { checkRange } from '../../limits.js';
import { diffModel, endpointSetModel, type ServiceModel } from '../models.js';
import { resolveRange } from '../ranges.js';

type Cluster = { cluster?: string | null };
type Maybe<T> = T | null | undefined;

/** Resolvers of `Query`: argument checks, then one call into src/query each. */
export function queryResolvers(api: ApiContext) {
  const h = api.history;
  return {
    clusters: () => h.clusters(),
    namespaces: (_: unknown, a: Cluster) => h.namespaces(a),
    endpoints: (_: unknown, a: Cluster & { namespace: string; service: string; at?: Maybe<number> }) =>
      endpointSetModel(h, h.endpointsAt(a)),
    podsByIP: (
      _: unknown,
      a: Cluster & { ip: string; at?: Maybe<number>; from?: Maybe<number>; to?: Maybe<number> },
    ) => {
      const ranged = a.from != null || a.to != null;
      if (ranged && a.at != null)
        throw ephError('EPH_ERR_BAD_ARGUMENT', 'give either at, or from/to, not both');
      if (!ranged) return h.podsByIP({ cluster: a.cluster ?? null, ip: a.ip, at: a.at ?? null });
      return h.podsByIP({ cluster: a.cluster ?? null, ip: a.ip, ...resolveRange(api.limits, api.now(), a) });
    },
    pod: (_: unknown, a: Cluster & { namespace: string; name: string; at?: Maybe<number> }) => h.podAt(a),
    service: (
      _: unknown,
      a: Cluster & { namespace: string; name: string; at?: Maybe<number> },
    ): ServiceModel | null => {
      const s = h.service(a);
      return s && { ...s, at: a.at ?? null };
    },
    services: (_: unknown, a: Cluster & { namespace?: Maybe<string>; at?: Maybe<number> }): ServiceModel[] =>
      h.servicesAt(a).map((s) => ({ ...s, at: a.at ?? null })),
    endpointsDiff: (
      _: unknown,
      a: Cluster & { namespace: string; service: string; from: number; to: number },
    ) => {
      checkRange(api.limits, a.from, a.to);
      return diffModel(h, h.endpointsDiff(a), a.cluster ?? null);
    },
    coverage: (_: unknown, a: Cluster & { from: number; to: number }) => {
      checkRange(api.limits, a.from, a.to);
      return h.coverage(a);
    },
  };
}
