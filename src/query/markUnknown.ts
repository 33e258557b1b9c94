import type { ReadyValue } from './readyTimeline.js';

/** A value of a step function with whether it was known (recorded) for all of its period. */
export interface KnownReadyValue extends ReadyValue {
  complete: boolean;
}

/**
 * Marks a step function's unknown periods: `spans` are the moments (merged, half-open, by time) the
 * recorder did not cover. The result has a point at every change and at every edge of a span within
 * [timeline[0].time, to], so that each point is either wholly known or wholly unknown until the next
 * one; an unknown point carries the last recorded value with `complete: false`. Adjacent points
 * with the same value and the same knowledge are merged.
 */
export function markUnknown(
  timeline: readonly ReadyValue[],
  spans: readonly [number, number][],
  to: number,
): KnownReadyValue[] {
  const first = timeline[0];
  if (!first) return [];
  // a span ending at `to` was cut there: the gap goes on, so `to` itself is unknown too
  const edges = spans.flat().filter((t) => t > first.time && t < to);
  const times = [...new Set([...timeline.map((p) => p.time), ...edges])].sort((a, b) => a - b);
  const unknownAt = (t: number) => spans.some(([s, e]) => s <= t && (t < e || (e === to && t === to)));
  const out: KnownReadyValue[] = [];
  let i = 0;
  for (const time of times) {
    while (i + 1 < timeline.length && timeline[i + 1]!.time <= time) i++;
    const v = timeline[i]!;
    const complete = !unknownAt(time);
    const last = out[out.length - 1];
    if (last && last.ready === v.ready && last.notReady === v.notReady && last.complete === complete)
      continue;
    out.push({ time, ready: v.ready, notReady: v.notReady, complete });
  }
  return out;
}
