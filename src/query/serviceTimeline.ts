import { membershipChanges } from './changes.js';
import { coverage } from './coverage.js';
import { endpointsAt } from './endpointsAt.js';
import { outages } from './outages.js';
import type { QueryContext } from './QueryContext.js';
import { readyCount } from './readyCount.js';
import type {
  CoverageIntervalOut,
  EndpointSetOut,
  EndpointSource,
  MembershipChangeOut,
  OutageOut,
  ReadyCountPointOut,
} from './types.js';

export interface ServiceTimeline {
  cluster: string;
  namespace: string;
  service: string;
  from: number;
  to: number;
  source: EndpointSource;
  /** Every moment of [from, to] was covered by the recorder for the Service kind and the source kind. */
  complete: boolean;
  /** The endpoint sets at the two ends of the range. */
  start: EndpointSetOut;
  end: EndpointSetOut;
  changes: MembershipChangeOut[];
  /** The value at `from`, then one point per instant the counts changed. */
  readyCount: ReadyCountPointOut[];
  outages: OutageOut[];
  /** Recording gaps of the Service kind and of the source kind within [from, to] (clipped to it), by time. */
  gaps: CoverageIntervalOut[];
}

/**
 * Everything that happened to a service's endpoints in [from, to], from the query layer: membership
 * changes (all of them), ready-count change points, outages and the recording gaps that make any of it
 * uncertain. Throws EPH_ERR_UNKNOWN_SERVICE / EPH_ERR_BAD_RANGE as the queries do.
 */
export async function serviceTimeline(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace: string; service: string; from: number; to: number },
): Promise<ServiceTimeline> {
  const q = {
    cluster: args.cluster ?? null,
    namespace: args.namespace,
    service: args.service,
    from: args.from,
    to: args.to,
  };
  const changes = await membershipChanges(ctx, q);
  const end = await endpointsAt(ctx, { ...q, at: args.to });
  const start = await endpointsAt(ctx, { ...q, at: args.from });
  const kinds = ['Service', end.source === 'ENDPOINTS' ? 'Endpoints' : 'EndpointSlice'] as const;
  const gaps = (await coverage(ctx, await ctx.cluster(q.cluster), args.from, args.to, kinds))
    .filter((i) => !i.covered)
    .sort((a, b) => a.from! - b.from! || (a.kind < b.kind ? -1 : 1));
  return {
    cluster: end.cluster,
    namespace: args.namespace,
    service: args.service,
    from: args.from,
    to: args.to,
    source: end.source,
    complete: gaps.length === 0,
    start,
    end,
    changes,
    readyCount: await readyCount(ctx, q),
    outages: await outages(ctx, q),
    gaps,
  };
}
