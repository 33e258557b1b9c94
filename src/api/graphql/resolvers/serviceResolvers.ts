import { ephError } from '../../../errors/index.js';
import type { ApiContext } from '../../context.js';
import { checkRange } from '../../limits.js';
import { diffModel, endpointSetModel, type ServiceModel } from '../models.js';
import { checkPageSize, resolveRange } from '../ranges.js';

type Maybe<T> = T | null | undefined;
type Range = { from?: Maybe<number>; to?: Maybe<number> };

const id = (s: ServiceModel) => ({ cluster: s.cluster, namespace: s.namespace, service: s.name });

/** Resolvers of `Service` and `ServicePort`: the nested questions about one service. */
export function serviceResolvers(api: ApiContext) {
  const h = api.history;
  const range = (a: Range) => resolveRange(api.limits, api.now(), a);
  return {
    Service: {
      selector: (s: ServiceModel) =>
        s.selector === null
          ? null
          : Object.entries(s.selector)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, value]) => ({ key, value })),
      existsAt: (s: ServiceModel, a: { at?: Maybe<number> }) => {
        const t = a.at ?? s.at ?? api.now();
        const state = h.service({ cluster: s.cluster, namespace: s.namespace, name: s.name, at: t });
        return (
          !!state &&
          state.validFrom !== null &&
          state.validFrom <= t &&
          (state.validTo === null || t < state.validTo)
        );
      },
      endpoints: (s: ServiceModel, a: { at?: Maybe<number> }) =>
        endpointSetModel(h, h.endpointsAt({ ...id(s), at: a.at ?? s.at })),
      changes: (s: ServiceModel, a: Range & { first?: Maybe<number>; after?: Maybe<string> }) =>
        h.changes({
          ...id(s),
          ...range(a),
          first: checkPageSize(api.limits, a.first),
          after: a.after ?? null,
        }),
      readyCount: (s: ServiceModel, a: Range & { step?: Maybe<number> }) => {
        const r = range(a);
        if (a.step != null && (r.to - r.from) / a.step > api.limits.maxPoints) {
          throw ephError(
            'EPH_ERR_BAD_STEP',
            `step ${a.step} ms gives more than ${api.limits.maxPoints} points over this range`,
            {
              step: a.step,
            },
          );
        }
        return h.readyCount({ ...id(s), ...r, step: a.step ?? null });
      },
      outages: (s: ServiceModel, a: Range) => h.outages({ ...id(s), ...range(a) }),
      diff: (s: ServiceModel, a: { from: number; to: number }) =>
        diffModel(h, h.endpointsDiff({ ...id(s), ...checkRange(api.limits, a.from, a.to) }), s.cluster),
    },
    ServicePort: {
      targetPort: (p: { targetPort: number | string | null }) =>
        p.targetPort === null ? null : String(p.targetPort),
    },
  };
}
