import { endpointIdentity } from '../projections/index.js';
import { endpointSetAt } from './endpointsAt.js';
import type { QueryContext } from './QueryContext.js';
import { type ServiceRangeArgs, serviceRange } from './serviceRange.js';
import type { CoverageIntervalOut, EndpointAddressOut, EndpointStateOut, EndpointsDiffOut } from './types.js';

const identity = (a: EndpointAddressOut) => endpointIdentity(a.ip, a.targetRef?.uid);
const state = (a: EndpointAddressOut): EndpointStateOut => ({
  ready: a.ready,
  serving: a.serving,
  terminating: a.terminating,
  nodeName: a.nodeName,
});

/**
 * What changed in a service's endpoint set between `from` and `to`: addresses added, removed, and
 * those whose conditions (ready, serving, terminating) flipped. Both ends use the source in force at
 * `to`, so the appearance of EndpointSlices is not reported as a change of every address. Complete
 * when both ends are (`podDetails`: the Pod kind counts too).
 */
export async function endpointsDiff(
  ctx: QueryContext,
  args: ServiceRangeArgs & { podDetails?: boolean },
): Promise<EndpointsDiffOut> {
  const { cluster, service, source } = await serviceRange(ctx, args);
  const options = { podDetails: args.podDetails ?? false };
  const before = await endpointSetAt(ctx, cluster, service, args.from, source, options);
  const after = await endpointSetAt(ctx, cluster, service, args.to, source, options);
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
    complete: before.complete && after.complete,
    gaps: uniqueGaps([...before.gaps, ...after.gaps]),
    added: [...b].filter(([k]) => !a.has(k)).map(([, x]) => x),
    removed: [...a].filter(([k]) => !b.has(k)).map(([, x]) => x),
    changed,
  };
}

function uniqueGaps(gaps: CoverageIntervalOut[]): CoverageIntervalOut[] {
  const seen = new Map<string, CoverageIntervalOut>();
  for (const g of gaps) seen.set(`${g.kind}\u0000${g.from}\u0000${g.to}`, g);
  return [...seen.values()];
}
