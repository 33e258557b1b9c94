import type { GraphQLResolveInfo } from 'graphql';
import { ephError } from '../../../errors/index.js';
import type { TimeInput } from '../../../util/time.js';
import type { ApiContext } from '../../context.js';
import { checkRange } from '../../limits.js';
import { diffModel, endpointSetModel, type ServiceModel } from '../models.js';
import { checkPageSize } from '../ranges.js';
import { requestTimes, type TimeRangeArgs } from '../requestTimes.js';
import { selectsPods } from '../selectsPods.js';

type Maybe<T> = T | null | undefined;

const id = (s: ServiceModel) => ({ cluster: s.cluster, namespace: s.namespace, service: s.name });

/** Resolvers of `Service` and `ServicePort`: the nested questions about one service. */
export function serviceResolvers(api: ApiContext) {
  const h = api.history;
  /** The moment a nested field asks about: its own `at`, else the service's, else the request's now. */
  const atOf = (s: ServiceModel, at: Maybe<TimeInput>, ctx: object): number => {
    const times = requestTimes(api, ctx);
    return times.time(at) ?? s.at ?? times.now;
  };
  const range = (a: TimeRangeArgs, ctx: object) => requestTimes(api, ctx).range(a);
  return {
    Service: {
      selector: (s: ServiceModel) =>
        s.selector === null
          ? null
          : Object.entries(s.selector)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, value]) => ({ key, value })),
      existsAt: (s: ServiceModel, a: { at?: Maybe<TimeInput> }, ctx: object) =>
        h.serviceExistsAt({
          cluster: s.cluster,
          namespace: s.namespace,
          name: s.name,
          at: atOf(s, a.at, ctx),
        }),
      endpoints: (s: ServiceModel, a: { at?: Maybe<TimeInput> }, ctx: object, info: GraphQLResolveInfo) => {
        const podDetails = selectsPods(info, ['addresses', 'notReadyAddresses']);
        return endpointSetModel(
          h,
          h.endpointsAt({ ...id(s), at: atOf(s, a.at, ctx), podDetails }),
          podDetails,
        );
      },
      changes: (
        s: ServiceModel,
        a: TimeRangeArgs & { first?: Maybe<number>; after?: Maybe<string> },
        ctx: object,
      ) =>
        h.changes({
          ...id(s),
          ...range(a, ctx),
          first: checkPageSize(api.limits, a.first),
          after: a.after ?? null,
        }),
      readyCount: (s: ServiceModel, a: TimeRangeArgs & { step?: Maybe<number> }, ctx: object) => {
        const r = range(a, ctx);
        if (a.step != null && a.step > api.limits.maxRangeMs) {
          throw ephError(
            'EPH_ERR_BAD_STEP',
            `step ${a.step} ms is longer than the longest range a query may cover (${api.limits.maxRangeMs} ms)`,
            { step: a.step },
          );
        }
        if (a.step != null && (r.to - r.from) / a.step > api.limits.maxPoints) {
          throw ephError(
            'EPH_ERR_BAD_STEP',
            `step ${a.step} ms gives more than ${api.limits.maxPoints} points over this range`,
            { step: a.step },
          );
        }
        return h.readyCount({ ...id(s), ...r, step: a.step ?? null });
      },
      outages: (s: ServiceModel, a: TimeRangeArgs, ctx: object) => h.outages({ ...id(s), ...range(a, ctx) }),
      diff: (
        s: ServiceModel,
        a: { from: TimeInput; to: TimeInput },
        ctx: object,
        info: GraphQLResolveInfo,
      ) => {
        const times = requestTimes(api, ctx);
        const r = checkRange(api.limits, times.at(a.from), times.at(a.to));
        const podDetails = selectsPods(info, ['added', 'removed']);
        return diffModel(h, h.endpointsDiff({ ...id(s), ...r, podDetails }), s.cluster, podDetails);
      },
    },
    ServicePort: {
      targetPort: (p: { targetPort: number | string | null }) =>
        p.targetPort === null ? null : String(p.targetPort),
    },
  };
}
