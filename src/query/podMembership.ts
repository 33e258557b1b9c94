import { openEnd } from './memberRows.js';
import type { QueryContext } from './QueryContext.js';
import { sourceName } from './sourceAt.js';

export interface PodMembershipOut {
  namespace: string;
  service: string;
  source: 'ENDPOINT_SLICES' | 'ENDPOINTS';
  ip: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  from: number;
  to: number | null;
}

/**
 * Which services of its cluster a pod (by uid) backed over [from, to], and in which state, one row
 * per interval. Scoped to the cluster: uids are only unique within one (a copied or simulated
 * cluster can repeat them), and a pod never backs another cluster's service.
 */
export async function podMembership(
  ctx: QueryContext,
  args: { cluster?: string | null; podUid: string; from: number; to: number },
): Promise<PodMembershipOut[]> {
  const cluster = await ctx.cluster(args.cluster);
  return (await ctx.reads.podMembership(cluster.id, args.podUid, args.from, args.to)).map((r) => ({
    namespace: r.namespace,
    service: r.service,
    source: sourceName(r.source),
    ip: r.ip,
    ready: r.ready,
    serving: r.serving,
    terminating: r.terminating,
    from: r.validFrom,
    to: openEnd(r.validTo),
  }));
}
