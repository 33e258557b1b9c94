import { ephError } from '../errors/index.js';
import { canonicalIp } from '../model/index.js';
import { OPEN_END } from '../projections/index.js';
import { coverageAt, gapsWithin } from './coverage.js';
import { openEnd } from './memberRows.js';
import { latestPodStates, toPod } from './podRows.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';
import { requireRecorded } from './requireRecorded.js';
import { checkRange } from './serviceRange.js';
import type { CoverageIntervalOut, IpHoldersOut, PodIntervalOut, PodOut } from './types.js';

export interface PodAtArgs {
  cluster?: string | null;
  namespace: string;
  name: string;
  at?: number | null;
}

/**
 * The pod named `namespace/name` as it was at `at` (default now), or null if none existed then;
 * EPH_ERR_NOT_RECORDED when pods were not recorded at `at`.
 */
export async function podAt(ctx: QueryContext, args: PodAtArgs): Promise<PodOut | null> {
  const cluster = await ctx.cluster(args.cluster);
  const at = args.at ?? ctx.now();
  // null means "no such pod then": only said where pods were recorded
  await requireRecorded(ctx, cluster, ['Pod'], at, `pod ${args.namespace}/${args.name}`);
  const r = await ctx.reads.podStateNamedAt(cluster, args.namespace, args.name, at);
  return r && r.validTo > at ? toPod(r, at) : null;
}

/** Pods by uid as they were at `at`; pods not alive at `at` are absent from the map. */
export async function podsByUidAt(
  ctx: QueryContext,
  cluster: string | null | undefined,
  uids: readonly string[],
  at: number,
): Promise<Map<string, PodOut>> {
  const c = await ctx.cluster(cluster);
  const out = new Map<string, PodOut>();
  for (const [uid, r] of await latestPodStates(ctx, c, uids, at))
    if (r.validTo > at) out.set(uid, toPod(r, at));
  return out;
}

export interface PodsByIpArgs {
  cluster?: string | null;
  ip: string;
  at?: number | null;
  from?: number | null;
  to?: number | null;
}

/**
 * Which pods held `ip` at `at`, or at any moment of [from, to]. Two pods can hold one IP at once
 * (hostNetwork, a Failed pod keeping its IP): all are returned, oldest first. Each interval's pod is
 * described as it was at the end of the interval (within the asked range).
 */
export async function podsByIP(ctx: QueryContext, args: PodsByIpArgs): Promise<PodIntervalOut[]> {
  return (await ipHolders(ctx, args)).intervals;
}

/**
 * {@link podsByIP} with whether the answer is complete: the Pod kind (pod IPs come from Pod status)
 * covered at `at`, or over all of [from, to], and its gaps. In a gap an empty list means "unknown",
 * not "nobody", and a listed holder may have let the IP go (or another pod taken it) unseen.
 * Without a cluster it searches every recorded cluster (each holder names its own): `complete` is
 * then the conjunction over all of them and `gaps` their union, each gap naming its cluster.
 */
export async function ipHolders(ctx: QueryContext, args: PodsByIpArgs): Promise<IpHoldersOut> {
  const ip = canonicalIp(args.ip);
  if (ip === null)
    throw ephError('EPH_ERR_BAD_IP', `"${args.ip}" is not an IPv4 or IPv6 address`, { ip: args.ip });
  const clusters = await ctx.clustersOrAll(args.cluster);
  const ranged = args.from != null || args.to != null;
  const from = ranged ? (args.from ?? 0) : (args.at ?? ctx.now());
  const to = ranged ? (args.to ?? ctx.now()) : from;
  checkRange({ from, to });
  let complete = true;
  const gaps: CoverageIntervalOut[] = [];
  const intervals: PodIntervalOut[] = [];
  for (const cluster of clusters) {
    const known = ranged
      ? { complete: true, gaps: await gapsWithin(ctx, cluster, ['Pod'], from, to) }
      : await coverageAt(ctx, cluster, ['Pod'], from);
    complete &&= known.complete && known.gaps.length === 0;
    gaps.push(...known.gaps);
    intervals.push(...(await intervalsOf(ctx, cluster, ip, from, to)));
  }
  // oldest first across clusters; the sort is stable, so one cluster's own order is kept
  if (clusters.length > 1) intervals.sort((a, b) => a.from - b.from);
  return { ip, at: ranged ? null : from, from, to, complete, gaps, intervals };
}

async function intervalsOf(
  ctx: QueryContext,
  cluster: ClusterRef,
  ip: string,
  from: number,
  to: number,
): Promise<PodIntervalOut[]> {
  const out: PodIntervalOut[] = [];
  for (const r of await ctx.reads.podIps(cluster.id, ip, from, to)) {
    const asOf = Math.min(to, r.validTo === OPEN_END ? to : r.validTo - 1);
    const state = (await latestPodStates(ctx, cluster, [r.podUid], asOf)).get(r.podUid);
    if (!state) continue;
    out.push({
      cluster: cluster.name,
      ip: r.ip,
      from: r.validFrom,
      to: openEnd(r.validTo),
      pod: toPod(state, Math.max(asOf, r.validTo === OPEN_END ? asOf : r.validTo)),
    });
  }
  return out;
}

/** Every state of a pod (by namespace/name, all incarnations) that overlaps [from, to]. */
export async function podHistory(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace: string; name: string; from: number; to: number },
): Promise<PodOut[]> {
  const cluster = await ctx.cluster(args.cluster);
  const rows = await ctx.reads.podStatesNamed(cluster, args.namespace, args.name, args.from, args.to);
  return rows.map((r) => toPod(r, args.to));
}
