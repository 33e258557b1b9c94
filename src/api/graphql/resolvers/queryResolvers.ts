import type { GraphQLResolveInfo } from 'graphql';
import { ephError } from '../../../errors/index.js';
import type { TimeInput } from '../../../util/time.js';
import type { ApiContext } from '../../context.js';
import { checkRange } from '../../limits.js';
import { diffModel, endpointSetModel, type ServiceModel } from '../models.js';
import { requestTimes } from '../requestTimes.js';
import { selectsPods } from '../selectsPods.js';

type Cluster = { cluster?: string | null };
type Maybe<T> = T | null | undefined;
type Time = Maybe<TimeInput>;
type IpArgs = Cluster & { ip: string; at?: Time; from?: Time; to?: Time };

/** Resolvers of `Query`: argument checks, then one call into src/query each. */
export function queryResolvers(api: ApiContext) {
  const h = api.history;
  /** A moment (`at`, default now) or a range (`from`/`to`, defaulted as every range), not both. */
  const ipQuestion = (a: IpArgs, ctx: object) => {
    const times = requestTimes(api, ctx);
    const ranged = a.from != null || a.to != null;
    if (ranged && a.at != null)
      throw ephError('EPH_ERR_BAD_ARGUMENT', 'give either at, or from/to, not both');
    const when = ranged ? times.range(a) : { at: times.at(a.at) };
    return { cluster: a.cluster ?? null, ip: a.ip, ...when };
  };
  return {
    clusters: () => h.clusters(),
    fleet: (_: unknown, a: Cluster) => h.clusterSummaries(a),
    namespaces: (_: unknown, a: Cluster) => h.namespaces(a),
    endpoints: (
      _: unknown,
      a: Cluster & { namespace: string; service: string; at?: Time },
      ctx: object,
      info: GraphQLResolveInfo,
    ) => {
      const podDetails = selectsPods(info, ['addresses', 'notReadyAddresses']);
      return endpointSetModel(
        h,
        h.endpointsAt({ ...a, at: requestTimes(api, ctx).at(a.at), podDetails }),
        podDetails,
      );
    },
    podsByIP: (_: unknown, a: IpArgs, ctx: object) => h.podsByIP(ipQuestion(a, ctx)),
    ipHolders: (_: unknown, a: IpArgs, ctx: object) => h.ipHolders(ipQuestion(a, ctx)),
    pod: (_: unknown, a: Cluster & { namespace: string; name: string; at?: Time }, ctx: object) =>
      h.podAt({ ...a, at: requestTimes(api, ctx).at(a.at) }),
    service: async (
      _: unknown,
      a: Cluster & { namespace: string; name: string; at?: Time },
      ctx: object,
    ): Promise<ServiceModel | null> => {
      const times = requestTimes(api, ctx);
      const s = await h.service({ ...a, at: times.at(a.at) });
      return s && { ...s, at: times.time(a.at) };
    },
    services: async (
      _: unknown,
      a: Cluster & { namespace?: Maybe<string>; at?: Time },
      ctx: object,
    ): Promise<ServiceModel[]> => {
      const times = requestTimes(api, ctx);
      return (await h.servicesAt({ ...a, at: times.at(a.at) })).map((s) => ({ ...s, at: times.time(a.at) }));
    },
    endpointsDiff: (
      _: unknown,
      a: Cluster & { namespace: string; service: string; from: TimeInput; to: TimeInput },
      ctx: object,
      info: GraphQLResolveInfo,
    ) => {
      const times = requestTimes(api, ctx);
      const range = checkRange(api.limits, times.at(a.from), times.at(a.to));
      const podDetails = selectsPods(info, ['added', 'removed']);
      return diffModel(h, h.endpointsDiff({ ...a, ...range, podDetails }), a.cluster ?? null, podDetails);
    },
    coverage: (_: unknown, a: Cluster & { from: TimeInput; to: TimeInput }, ctx: object) => {
      const times = requestTimes(api, ctx);
      return h.coverage({ ...a, ...checkRange(api.limits, times.at(a.from), times.at(a.to)) });
    },
  };
}
