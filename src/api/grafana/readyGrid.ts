import { ephError } from '../../errors/index.js';
import { bucketize, MAX_BUCKETS, type ReadyCountPointOut } from '../../query/index.js';
import { compareText } from '../../util/compareText.js';
import type { ApiLimits } from '../limits.js';
import type { Range } from './params.js';

/** One row of `ready-count`: the value of one service's series at `time`. */
export interface ReadyCountRow {
  time: number;
  /** `namespace/name`: the label long→wide turns into one series per service. */
  service: string;
  ready: number;
  notReady: number;
  readyMin: number;
  readyMax: number;
}

/** One service's ready count as change points: the value at `from`, then one point per change. */
export interface ReadySeries {
  service: string;
  points: readonly ReadyCountPointOut[];
}

/** The grid `readyGrid` chose: its rows, its bucket width (null: change points), and what it widened. */
export interface ReadyGrid {
  rows: ReadyCountRow[];
  /** The bucket width in ms, or null when the grid is the change points themselves. */
  step: number | null;
  /** The width one series alone would have had, when the row cap made the buckets wider; else null. */
  widenedFrom: number | null;
}

/** Fewer points than this per series would not be a graph any more: refuse instead. */
export const MIN_POINTS_PER_SERIES = 10;

/**
 * How many points each of `series` series may have: `maxPoints`, lowered so that all of them
 * together stay within `maxRows`. Too many series for even MIN_POINTS_PER_SERIES each is
 * EPH_ERR_TOO_MANY_ROWS — checked before any series is read.
 */
export function pointsPerSeries(series: number, limits: Pick<ApiLimits, 'maxPoints' | 'maxRows'>): number {
  const byRows = Math.floor(limits.maxRows / Math.max(1, series));
  if (byRows < Math.min(MIN_POINTS_PER_SERIES, limits.maxPoints)) {
    throw ephError(
      'EPH_ERR_TOO_MANY_ROWS',
      `${series} series of at least ${MIN_POINTS_PER_SERIES} points are more than ${limits.maxRows} rows, the most one answer holds; choose fewer services`,
      { series, maxRows: limits.maxRows },
    );
  }
  return Math.min(limits.maxPoints, byRows);
}

/**
 * Bucket width for a range: the asked `step`, or else `ceil(span / maxPoints)` floored at 1 s; in
 * both cases raised so the range never holds more buckets than `maxPoints` (nor `MAX_BUCKETS`).
 */
export function bucketStep(range: Range, step: number | null, maxPoints: number): number {
  const span = range.to - range.from;
  const fallback = Math.max(1000, Math.ceil(span / maxPoints));
  // Aligning the first bucket down to a multiple of the width can add one bucket at each end.
  const room = Math.max(1, Math.min(maxPoints, MAX_BUCKETS) - 2);
  return Math.max(step ?? fallback, Math.ceil(span / room), 1);
}

/**
 * A dense grid shared by every series, sorted by time then service, so (time, service) is unique
 * and Infinity's long→wide conversion gets no holes. When the union of change times (plus an
 * anchor at `to`) fits in `perSeries` points, the grid is those times and each series carries its
 * value there; otherwise it is buckets of `bucketStep(…, perSeries)` width aligned to multiples of
 * it, each with the last value and the min/max inside the bucket. Never an average. Either way at
 * most series × perSeries rows, written in their final order (no sort of the rows).
 */
export function readyGrid(
  series: readonly ReadySeries[],
  range: Range,
  step: number | null,
  perSeries: number,
  maxPoints: number,
): ReadyGrid {
  const ordered = [...series].sort((a, b) => compareText(a.service, b.service));
  const times = new Set<number>([range.to]);
  for (const s of ordered) for (const p of s.points) times.add(p.time);
  const rows: ReadyCountRow[] = [];
  if (times.size <= perSeries) {
    const at = ordered.map(() => 0);
    for (const t of [...times].sort((a, b) => a - b)) {
      ordered.forEach((s, k) => {
        let i = at[k]!;
        while (i + 1 < s.points.length && s.points[i + 1]!.time <= t) i++;
        at[k] = i;
        const p = s.points[i]!;
        rows.push({
          time: t,
          service: s.service,
          ready: p.ready,
          notReady: p.notReady,
          readyMin: p.ready,
          readyMax: p.ready,
        });
      });
    }
    return { rows, step: null, widenedFrom: null };
  }
  const width = bucketStep(range, step, perSeries);
  const alone = bucketStep(range, step, maxPoints);
  // every series is bucketed over the same range with the same width: the same bucket times
  const buckets = ordered.map((s) => bucketize(s.points, range.from, range.to, width));
  const count = buckets[0]?.length ?? 0;
  for (let b = 0; b < count; b++) {
    ordered.forEach((s, k) => {
      const x = buckets[k]![b]!;
      rows.push({
        time: x.time,
        service: s.service,
        ready: x.ready,
        notReady: x.notReady,
        readyMin: x.readyMin,
        readyMax: x.readyMax,
      });
    });
  }
  return { rows, step: width, widenedFrom: width > alone ? alone : null };
}
