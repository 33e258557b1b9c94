import type { IResolvers } from 'mercurius';
import type { ApiContext } from '../../context.js';
import type { AddressModel } from '../models.js';
import { dateTimeScalar, durationScalar } from '../scalars.js';
import type { MembershipPoller } from '../subscription/MembershipPoller.js';
import { podResolvers } from './podResolvers.js';
import { queryResolvers } from './queryResolvers.js';
import { serviceResolvers } from './serviceResolvers.js';
import { subscriptionResolvers } from './subscriptionResolvers.js';

/** Every resolver of the schema in graphql/*.graphql (fields not listed resolve by property name). */
export function buildResolvers(api: ApiContext, poller: MembershipPoller): IResolvers {
  return {
    DateTime: dateTimeScalar(api.now),
    Duration: durationScalar(),
    Query: queryResolvers(api),
    Subscription: subscriptionResolvers(api, poller),
    EndpointAddress: { pod: (a: AddressModel) => a.pods.podOf(a) },
    ...serviceResolvers(api),
    ...podResolvers(api),
  } as unknown as IResolvers;
}
