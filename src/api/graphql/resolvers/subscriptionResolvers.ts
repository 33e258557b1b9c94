import { ephError } from '../../../errors/index.js';
import type { MembershipChangeOut } from '../../../query/index.js';
import type { ApiContext } from '../../context.js';
import { codedError } from '../errorCode.js';
import { asyncQueue } from '../subscription/asyncQueue.js';
import type { MembershipPoller, ServiceKey } from '../subscription/MembershipPoller.js';

type Args = { cluster?: string | null; namespace: string; service: string };

/** `Subscription.endpointsChanged`: refuses unknown services up front, then streams from the poller. */
export function subscriptionResolvers(api: ApiContext, poller: MembershipPoller) {
  return {
    endpointsChanged: {
      subscribe: async (_: unknown, a: Args) => {
        try {
          if (
            !(await api.history.service({
              cluster: a.cluster ?? null,
              namespace: a.namespace,
              name: a.service,
            }))
          ) {
            throw ephError(
              'EPH_ERR_UNKNOWN_SERVICE',
              `no history recorded for service ${a.namespace}/${a.service}`,
            );
          }
        } catch (e) {
          // errors of a subscription's start bypass the error formatter: carry the code ourselves
          throw codedError(e);
        }
        const key: ServiceKey = { cluster: a.cluster ?? null, namespace: a.namespace, service: a.service };
        const after = await api.history.eventLogHead(a.cluster);
        let stop = () => {};
        const queue = asyncQueue<{ endpointsChanged: MembershipChangeOut }>(() => stop());
        stop = poller.watch(key, after, (change) => queue.push({ endpointsChanged: change }));
        return queue.iterator;
      },
    },
  };
}
