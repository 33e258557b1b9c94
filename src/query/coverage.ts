import { KINDS, type Kind } from '../model/types.js';
import type { ClusterRef, QueryContext } from './QueryContext.js';
import type { CoverageIntervalOut } from './types.js';

interface Merged {
  from: number;
  to: number | null;
  startReason: string;
  endReason: string | null;
}

async function mergedRows(ctx: QueryContext, cluster: ClusterRef, kind: Kind): Promise<Merged[]> {
  const out: Merged[] = [];
  for (const r of await ctx.reads.coverage(cluster.id, kind)) {
    const last = out[out.length - 1];
    if (last && (last.to === null || r.startedAt <= last.to)) {
      if (last.to !== null && (r.endedAt === null || r.endedAt > last.to)) {
        last.to = r.endedAt;
        last.endReason = r.endReason;
      }
    } else {
      out.push({ from: r.startedAt, to: r.endedAt, startReason: r.startReason, endReason: r.endReason });
    }
  }
  return out;
}

/**
 * The timelines of a cluster's kinds, each built on first use and kept until the database changes:
 * one memo (one change check) per question, however many kinds the answer uses. Read-only.
 */
function timelines(ctx: QueryContext, cluster: ClusterRef): Promise<Map<Kind, Promise<Timeline>>> {
  return ctx.memo(`coverage\u0000${cluster.id}`, async () => new Map<Kind, Promise<Timeline>>());
}

type Timeline = readonly CoverageIntervalOut[];

/** The timeline of `kind` from the memo of its cluster's, built on first use. */
function timelineOf(all: Map<Kind, Promise<Timeline>>, ctx: QueryContext, cluster: ClusterRef, kind: Kind) {
  let t = all.get(kind);
  if (t === undefined) {
    t = buildTimeline(ctx, cluster, kind);
    all.set(kind, t);
    t.catch(() => all.delete(kind));
  }
  return t;
}

/**
 * The whole timeline of one (cluster, kind): covered intervals and the gaps around them, from the
 * beginning of time (a gap until recording started, reason `not-recording`) to the open end. A gap
 * carries the reason the interval before it ended. Shared: treat it as read-only.
 */
export async function coverageTimeline(
  ctx: QueryContext,
  cluster: ClusterRef,
  kind: Kind,
): Promise<Timeline> {
  return untilNow(await timelineOf(await timelines(ctx, cluster), ctx, cluster, kind), ctx.now());
}

/**
 * The timeline as it stands at `now`: an interval still open (a live recording) covers only up to
 * now, and what follows is a gap (`future`) — a moment after now has not been recorded yet, and an
 * answer about it would be a guess that the present lasts. Not memoised: now moves.
 */
function untilNow(timeline: Timeline, now: number): Timeline {
  const last = timeline[timeline.length - 1];
  if (!last || !last.covered || last.to !== null) return timeline;
  const future = now + 1; // intervals are half-open: now itself is still recorded
  if (last.from !== null && last.from >= future)
    return [...timeline.slice(0, -1), { ...last, covered: false, reason: 'future' }];
  return [
    ...timeline.slice(0, -1),
    { ...last, to: future },
    { ...last, from: future, to: null, covered: false, reason: 'future' },
  ];
}

async function buildTimeline(
  ctx: QueryContext,
  cluster: ClusterRef,
  kind: Kind,
): Promise<CoverageIntervalOut[]> {
  const out: CoverageIntervalOut[] = [];
  const gap = (from: number | null, to: number | null, reason: string) =>
    out.push({ cluster: cluster.name, kind, from, to, covered: false, reason });
  let prevEnd: number | null = null;
  let prevReason = 'not-recording';
  let first = true;
  for (const m of await mergedRows(ctx, cluster, kind)) {
    if (first || (prevEnd !== null && m.from > prevEnd)) gap(prevEnd, m.from, prevReason);
    out.push({ cluster: cluster.name, kind, from: m.from, to: m.to, covered: true, reason: m.startReason });
    prevEnd = m.to;
    prevReason = m.endReason ?? 'stream-broken';
    first = false;
  }
  if (first) gap(null, null, 'not-recording');
  else if (prevEnd !== null) gap(prevEnd, null, prevReason);
  return out;
}

const contains = (i: CoverageIntervalOut, t: number): boolean =>
  (i.from === null || i.from <= t) && (i.to === null || t < i.to);

/**
 * Whether `at` was covered for every one of `kinds` (an answer's `complete`), and the gap of each
 * kind that was not (its `gaps`: the union over the kinds the answer used).
 */
export async function coverageAt(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  at: number,
): Promise<{ complete: boolean; gaps: CoverageIntervalOut[] }> {
  const gaps: CoverageIntervalOut[] = [];
  let complete = true;
  const all = await timelines(ctx, cluster);
  const now = ctx.now();
  for (const kind of kinds) {
    const timeline = untilNow(await timelineOf(all, ctx, cluster, kind), now);
    const hit = timeline.find((i) => contains(i, at));
    if (hit?.covered) continue;
    complete = false;
    if (hit) gaps.push({ ...hit });
  }
  return { complete, gaps };
}

/** Covered intervals and gaps of every kind (or the given ones) overlapping [from, to], clipped to it. */
export async function coverage(
  ctx: QueryContext,
  cluster: ClusterRef,
  from: number,
  to: number,
  kinds: readonly Kind[] = KINDS,
): Promise<CoverageIntervalOut[]> {
  const out: CoverageIntervalOut[] = [];
  const all = await timelines(ctx, cluster);
  const now = ctx.now();
  for (const kind of kinds) {
    for (const i of untilNow(await timelineOf(all, ctx, cluster, kind), now)) {
      const overlaps = (i.from === null || i.from <= to) && (i.to === null || i.to > from);
      if (!overlaps) continue;
      out.push({ ...i, from: Math.max(i.from ?? from, from), to: Math.min(i.to ?? to, to) });
    }
  }
  return out;
}

/** The gaps of any of `kinds` overlapping [from, to], clipped to it, by time then kind. */
export async function gapsWithin(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  from: number,
  to: number,
): Promise<CoverageIntervalOut[]> {
  return (await coverage(ctx, cluster, from, to, kinds))
    .filter((i) => !i.covered)
    .sort((a, b) => a.from! - b.from! || a.to! - b.to! || (a.kind < b.kind ? -1 : 1));
}

/**
 * The moments of [from, to] at which some kind of `kinds` was not covered, as merged half-open
 * spans [start, end) by time: where an answer that depends on all of them is unknown.
 */
export async function unknownSpans(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  from: number,
  to: number,
): Promise<[number, number][]> {
  const out: [number, number][] = [];
  for (const g of await gapsWithin(ctx, cluster, kinds, from, to)) {
    const [start, end] = [g.from!, g.to!];
    if (end <= start) continue;
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Total time inside [from, to] not covered for at least one of `kinds`. */
export async function uncoveredMs(
  ctx: QueryContext,
  cluster: ClusterRef,
  kinds: readonly Kind[],
  from: number,
  to: number,
): Promise<number> {
  return (await unknownSpans(ctx, cluster, kinds, from, to)).reduce((n, [s, e]) => n + e - s, 0);
}
