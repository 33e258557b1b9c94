import { OPEN_END } from '../projections/index.js';
import { uncoveredMs } from './coverage.js';
import type { QueryContext, ServiceKey } from './QueryContext.js';
import { readyTimeline } from './readyTimeline.js';
import { type ServiceRangeArgs, serviceRange } from './serviceRange.js';
import { answerKinds } from './sourceAt.js';
import type { OutageOut } from './types.js';

/** Periods within [from, to] during which the service existed (its Service object, else first sighting on). */
async function existence(
  ctx: QueryContext,
  service: ServiceKey,
  from: number,
  to: number,
): Promise<[number, number][]> {
  const rows = await ctx.reads.serviceStates(service.id);
  if (rows.length === 0) {
    const first = Math.min(service.firstSliceAt ?? OPEN_END, service.firstEndpointsAt ?? OPEN_END);
    return first > to ? [] : [[Math.max(from, first), to]];
  }
  return rows
    .filter((r) => r.validFrom <= to && r.validTo > from)
    .map((r) => [Math.max(from, r.validFrom), Math.min(to, r.validTo)] as [number, number]);
}

/**
 * Intervals within [from, to] during which the service existed and had zero ready endpoints. An
 * outage reaching `to` is marked `ongoing`; one touching a recording gap of the Service kind or of
 * the source kind is marked incomplete.
 */
export async function outages(ctx: QueryContext, args: ServiceRangeArgs): Promise<OutageOut[]> {
  const { cluster, service, source } = await serviceRange(ctx, args);
  const timeline = await readyTimeline(ctx, service.id, source, args.from, args.to);
  const zero: [number, number][] = [];
  timeline.forEach((p, i) => {
    if (p.ready !== 0) return;
    const end = timeline[i + 1]?.time ?? args.to;
    const last = zero[zero.length - 1];
    if (last && last[1] === p.time) last[1] = end;
    else zero.push([p.time, end]);
  });
  const existed = await existence(ctx, service, args.from, args.to);
  const out: OutageOut[] = [];
  for (const [zs, ze] of zero) {
    for (const [es, ee] of existed) {
      const s = Math.max(zs, es);
      const e = Math.min(ze, ee);
      if (e < s || (e === s && e !== args.to)) continue;
      out.push({
        from: s,
        to: e,
        ongoing: e === args.to,
        durationMs: e - s,
        complete: (await uncoveredMs(ctx, cluster, answerKinds(source), s, e)) === 0,
      });
    }
  }
  return out;
}
