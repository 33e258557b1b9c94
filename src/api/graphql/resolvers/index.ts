import type { IResolvers } from 'mercurius';
import type { ApiContext } from '../../context.js';
import type { AddressModel } from '../models.js';
import { dateTimeScalar, durationScalar } from '../scalars.js';
import type { MembershipPoller } from '../subscription/MembershipPoller.js';
import { capLists } from './capLists.js';
import { clusterResolvers } from './clusterResolvers.js';
import { podResolvers } from './podResolvers.js';
import { queryResolvers } from './queryResolvers.js';
import { serviceResolvers } from './serviceResolvers.js';
import { subscriptionResolvers } from './subscriptionResolvers.js';

/**
 * Every resolver of the schema in graphql/*.graphql (fields not listed resolve by property name),
 * each list-returning one capped at `maxRows` items (`capLists`).
 */
export function buildResolvers(api: ApiContext, poller: MembershipPoller): IResolvers {
  return {
    DateTime: dateTimeScalar(),
    Duration: durationScalar(),
    Subscription: subscriptionResolvers(api, poller),
    // one pod, not a list: resolved straight from its list's lookup (PodsAt), not through capLists
    EndpointAddress: { pod: (a: AddressModel) => a.pods.podOf(a) },
    ...capLists(
      {
        Query: queryResolvers(api),
        ...serviceResolvers(api),
        ...podResolvers(api),
        ...clusterResolvers(api),
      },
      api.limits,
    ),
  } as unknown as IResolvers;
}
