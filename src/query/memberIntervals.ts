import { membershipChangeCount } from './changes.js';
import { memberIdentity, targetRefOf } from './memberRows.js';
import type { QueryContext } from './QueryContext.js';
import { type ServiceRangeArgs, serviceRange } from './serviceRange.js';
import { serviceUnknownSpans } from './serviceUnknownSpans.js';
import { sourceName } from './sourceAt.js';
import type { EndpointSource, ObjectRefOut } from './types.js';

/** One endpoint's conditions over [from, to] (one stored row, clipped to the range asked). */
export interface EndpointIntervalOut {
  from: number;
  to: number;
  targetRef: ObjectRefOut | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** Everything one endpoint (an address and the pod behind it) went through within the range. */
export interface EndpointHistoryOut {
  ip: string;
  /** Its intervals by time, never overlapping; a gap between two means it was not an endpoint then. */
  intervals: EndpointIntervalOut[];
}

export interface MemberIntervalsOut {
  /** The source in force at `to`, which every interval comes from. */
  source: EndpointSource;
  /** How many membership changes the range holds (what `membershipChanges` would list). */
  changes: number;
  endpoints: EndpointHistoryOut[];
  /** Where the answer is unknown: merged [start, end) spans of the Service kind's or the source kind's gaps. */
  unknown: [number, number][];
}

/**
 * A service's membership over [from, to] as intervals, straight from its stored rows (which are
 * intervals: one per endpoint and set of attributes), clipped to the range, empty ones dropped,
 * grouped by endpoint in order of first appearance. From the source in force at `to`.
 */
export async function memberIntervals(
  ctx: QueryContext,
  args: ServiceRangeArgs,
): Promise<MemberIntervalsOut> {
  const { service, source } = await serviceRange(ctx, args);
  const unknown = await serviceUnknownSpans(ctx, args);
  if (!source) return { source: sourceName(source), changes: 0, endpoints: [], unknown };
  const rows = await ctx.reads.membersOverlapping(service.id, source, args.from - 1, args.to);
  const endpoints = new Map<string, EndpointHistoryOut>();
  for (const r of rows) {
    const from = Math.max(args.from, r.validFrom);
    const to = Math.min(args.to, r.validTo);
    if (to <= from) continue;
    const key = memberIdentity(r);
    let e = endpoints.get(key);
    if (e === undefined) {
      e = { ip: r.ip, intervals: [] };
      endpoints.set(key, e);
    }
    e.intervals.push({
      from,
      to,
      targetRef: targetRefOf(r),
      ready: r.ready,
      serving: r.serving,
      terminating: r.terminating,
    });
  }
  return {
    source: sourceName(source),
    changes: membershipChangeCount(rows, args.from, args.to),
    endpoints: [...endpoints.values()],
    unknown,
  };
}
