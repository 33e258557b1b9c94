import { endpointSetAt } from './endpointsAt.js';
import type { QueryContext } from './QueryContext.js';
import { type ServiceRangeArgs, serviceRange } from './serviceRange.js';
import type { EndpointAddressOut, EndpointStateOut, EndpointsDiffOut } from './types.js';

const identity = (a: EndpointAddressOut) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const state = (a: EndpointAddressOut): EndpointStateOut => ({
  ready: a.ready,
  serving: a.serving,
  terminating: a.terminating,
  nodeName: a.nodeName,
});

/**
 * What changed in a service's endpoint set between `from` and `to`: addresses added, removed, and
 * those whose conditions (ready, serving, terminating) flipped. Both ends use the source in force at
 * `to`, so the appearance of EndpointSlices is not reported as a change of every address.
 */
export function endpointsDiff(ctx: QueryContext, args: ServiceRangeArgs): EndpointsDiffOut {
  const { cluster, service, source } = serviceRange(ctx, args);
  const before = endpointSetAt(ctx, cluster, service, args.from, source);
  const after = endpointSetAt(ctx, cluster, service, args.to, source);
  const a = new Map([...before.addresses, ...before.notReadyAddresses].map((x) => [identity(x), x]));
  const b = new Map([...after.addresses, ...after.notReadyAddresses].map((x) => [identity(x), x]));
  const changed: EndpointsDiffOut['changed'] = [];
  for (const [k, x] of b) {
    const y = a.get(k);
    if (y && (x.ready !== y.ready || x.serving !== y.serving || x.terminating !== y.terminating)) {
      changed.push({ ip: x.ip, targetRef: x.targetRef, before: state(y), after: state(x) });
    }
  }
  return {
    from: args.from,
    to: args.to,
    source: after.source,
    added: [...b].filter(([k]) => !a.has(k)).map(([, x]) => x),
    removed: [...a].filter(([k]) => !b.has(k)).map(([, x]) => x),
    changed,
  };
}
