import { ephError } from '../errors/index.js';
import type { MemberSource } from '../projections/index.js';
import type { ClusterRef, QueryContext, ServiceKey } from './QueryContext.js';
import { sourceAt } from './sourceAt.js';

/** A question about one service over [from, to]. */
export interface ServiceRangeArgs {
  cluster?: string | null;
  namespace: string;
  service: string;
  from: number;
  to: number;
}

/** Fails with EPH_ERR_BAD_RANGE when the range ends before it starts. */
export function checkRange(range: { from: number; to: number }): void {
  if (range.to < range.from)
    throw ephError('EPH_ERR_BAD_RANGE', 'range ends before it starts', { from: range.from, to: range.to });
}

/**
 * The start of every per-service range question: the range checked, then the cluster and the service
 * looked up (EPH_ERR_UNKNOWN_CLUSTER / EPH_ERR_UNKNOWN_SERVICE), and the source in force at `to`.
 */
export async function serviceRange(
  ctx: QueryContext,
  args: ServiceRangeArgs,
): Promise<{ cluster: ClusterRef; service: ServiceKey; source: MemberSource | null }> {
  checkRange(args);
  const cluster = await ctx.cluster(args.cluster);
  const service = await ctx.service(cluster, args.namespace, args.service);
  return { cluster, service, source: sourceAt(service, args.to) };
}
