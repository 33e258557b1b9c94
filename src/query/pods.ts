import { ephError } from '../errors/index.js';
import { canonicalIp } from '../model/index.js';
import { OPEN_END } from '../projections/types.js';
import { coverageAt, gapsWithin } from './coverage.js';
import { openEnd } from './memberRows.js';
import { latestPodStates, POD_COLUMNS, PODS_NAMED, type PodStateRow, toPod } from './podRows.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';
import { checkRange } from './serviceRange.js';
import type { IpHoldersOut, PodIntervalOut, PodOut } from './types.js';

export interface PodAtArgs {
  cluster?: string | null;
  namespace: string;
  name: string;
  at?: number | null;
}

/** The pod named `namespace/name` as it was at `at` (default now), or null if none existed then. */
export function podAt(ctx: QueryContext, args: PodAtArgs): PodOut | null {
  const cluster = ctx.cluster(args.cluster);
  const at = args.at ?? ctx.now();
  const r = ctx
    .stmt(`SELECT ${POD_COLUMNS} FROM pod_states s JOIN clusters c ON c.id = s.cluster_id
      WHERE s.uid IN (${PODS_NAMED}) AND s.cluster_id = ? AND s.valid_from <= ?
      ORDER BY s.valid_from DESC, s.id DESC LIMIT 1`)
    .get(cluster.id, args.namespace, args.name, cluster.id, at) as PodStateRow | undefined;
  return r && r.valid_to > at ? toPod(r, at) : null;
}

/** Pods by uid as they were at `at`; pods not alive at `at` are absent from the map. */
export function podsByUidAt(
  ctx: QueryContext,
  cluster: string | null | undefined,
  uids: readonly string[],
  at: number,
): Map<string, PodOut> {
  const c = ctx.cluster(cluster);
  const out = new Map<string, PodOut>();
  for (const [uid, r] of latestPodStates(ctx, c, uids, at)) if (r.valid_to > at) out.set(uid, toPod(r, at));
  return out;
}

export interface PodsByIpArgs {
  cluster?: string | null;
  ip: string;
  at?: number | null;
  from?: number | null;
  to?: number | null;
}

interface PodIpRow {
  pod_uid: string;
  ip: string;
  valid_from: number;
  valid_to: number;
}

/**
 * Which pods held `ip` at `at`, or at any moment of [from, to]. Two pods can hold one IP at once
 * (hostNetwork, a Failed pod keeping its IP): all are returned, oldest first. Each interval's pod is
 * described as it was at the end of the interval (within the asked range).
 */
export function podsByIP(ctx: QueryContext, args: PodsByIpArgs): PodIntervalOut[] {
  return ipHolders(ctx, args).intervals;
}

/**
 * {@link podsByIP} with whether the answer is complete: the Pod kind (pod IPs come from Pod status)
 * covered at `at`, or over all of [from, to], and its gaps. In a gap an empty list means "unknown",
 * not "nobody", and a listed holder may have let the IP go (or another pod taken it) unseen.
 */
export function ipHolders(ctx: QueryContext, args: PodsByIpArgs): IpHoldersOut {
  const ip = canonicalIp(args.ip);
  if (ip === null)
    throw ephError('EPH_ERR_BAD_IP', `"${args.ip}" is not an IPv4 or IPv6 address`, { ip: args.ip });
  const cluster = ctx.cluster(args.cluster);
  const ranged = args.from != null || args.to != null;
  const from = ranged ? (args.from ?? 0) : (args.at ?? ctx.now());
  const to = ranged ? (args.to ?? ctx.now()) : from;
  checkRange({ from, to });
  const known = ranged
    ? { complete: true, gaps: gapsWithin(ctx, cluster, ['Pod'], from, to) }
    : coverageAt(ctx, cluster, ['Pod'], from);
  return {
    ip,
    at: ranged ? null : from,
    from,
    to,
    complete: known.complete && known.gaps.length === 0,
    gaps: known.gaps,
    intervals: intervalsOf(ctx, cluster, ip, from, to),
  };
}

function intervalsOf(
  ctx: QueryContext,
  cluster: ClusterRef,
  ip: string,
  from: number,
  to: number,
): PodIntervalOut[] {
  const rows = ctx
    .stmt(`SELECT pod_uid, ip, valid_from, valid_to FROM pod_ips WHERE ip = ? AND cluster_id = ?
      AND valid_from <= ? AND valid_to > ? ORDER BY valid_from, id`)
    .all(ip, cluster.id, to, from) as PodIpRow[];
  const out: PodIntervalOut[] = [];
  for (const r of rows) {
    const asOf = Math.min(to, r.valid_to === OPEN_END ? to : r.valid_to - 1);
    const state = latestPodStates(ctx, cluster, [r.pod_uid], asOf).get(r.pod_uid);
    if (!state) continue;
    out.push({
      ip: r.ip,
      from: r.valid_from,
      to: openEnd(r.valid_to),
      pod: toPod(state, Math.max(asOf, r.valid_to === OPEN_END ? asOf : r.valid_to)),
    });
  }
  return out;
}

/** Every state of a pod (by namespace/name, all incarnations) that overlaps [from, to]. */
export function podHistory(
  ctx: QueryContext,
  args: { cluster?: string | null; namespace: string; name: string; from: number; to: number },
): PodOut[] {
  const cluster = ctx.cluster(args.cluster);
  const rows = ctx
    .stmt(`SELECT ${POD_COLUMNS} FROM pod_states s JOIN clusters c ON c.id = s.cluster_id
      WHERE s.uid IN (${PODS_NAMED}) AND s.cluster_id = ? AND s.valid_from <= ? AND s.valid_to > ?
      ORDER BY s.valid_from, s.id`)
    .all(cluster.id, args.namespace, args.name, cluster.id, args.to, args.from) as PodStateRow[];
  return rows.map((r) => toPod(r, args.to));
}
