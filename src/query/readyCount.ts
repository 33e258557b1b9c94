import { ephError } from '../errors/index.js';
import { type KnownReadyValue, markUnknown } from './markUnknown.js';
import type { QueryContext } from './QueryContext.js';
import { readyTimeline } from './readyTimeline.js';
import { type ServiceRangeArgs, serviceRange } from './serviceRange.js';
import { serviceUnknownSpans } from './serviceUnknownSpans.js';
import type { ReadyCountPointOut } from './types.js';

export const MAX_BUCKETS = 10_000;

export interface ReadyCountArgs extends ServiceRangeArgs {
  /** Bucket width in ms; without it the change points themselves are returned. */
  step?: number | null;
}

/**
 * Ready endpoint count of a service over [from, to] as a step function. Without `step`: the value at
 * `from` and every change point. With `step`: buckets aligned to multiples of `step`, each carrying
 * the LAST value in the bucket plus the min and max it took there — never an average, so a flap
 * inside a bucket stays visible. Where the Service kind or the source kind was not recorded, the
 * points (split at the edges of each gap) or buckets say `complete: false`: unknown, not zero.
 */
export async function readyCount(ctx: QueryContext, args: ReadyCountArgs): Promise<ReadyCountPointOut[]> {
  const { service, source } = await serviceRange(ctx, args);
  const timeline = markUnknown(
    await readyTimeline(ctx, service.id, source, args.from, args.to),
    await serviceUnknownSpans(ctx, args),
    args.to,
  );
  if (args.step == null) return timeline.map((p) => ({ ...p, readyMin: p.ready, readyMax: p.ready }));
  return bucketize(timeline, args.from, args.to, args.step);
}

/** Buckets of a step function (see `readyCount`); a bucket is complete when every value in it was. */
export function bucketize(
  timeline: readonly KnownReadyValue[],
  from: number,
  to: number,
  step: number,
): ReadyCountPointOut[] {
  if (!Number.isFinite(step) || step <= 0)
    throw ephError('EPH_ERR_BAD_STEP', `step must be a positive number of ms, got ${step}`);
  const start = Math.floor(from / step) * step;
  if ((to - start) / step > MAX_BUCKETS) {
    throw ephError(
      'EPH_ERR_BAD_STEP',
      `step ${step} ms gives more than ${MAX_BUCKETS} buckets over this range`,
      { step },
    );
  }
  const out: ReadyCountPointOut[] = [];
  let i = 0;
  let current = timeline[0]!;
  for (let b = start; b <= to; b += step) {
    let min = current.ready;
    let max = current.ready;
    let complete = current.complete;
    while (i + 1 < timeline.length && timeline[i + 1]!.time < b + step) {
      current = timeline[++i]!;
      min = Math.min(min, current.ready);
      max = Math.max(max, current.ready);
      complete &&= current.complete;
    }
    out.push({
      time: b,
      ready: current.ready,
      notReady: current.notReady,
      readyMin: min,
      readyMax: max,
      complete,
    });
  }
  return out;
}
