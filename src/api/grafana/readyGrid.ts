import { bucketize, MAX_BUCKETS, type ReadyCountPointOut } from '../../query/index.js';
import { compareText } from '../../util/compareText.js';
import type { Range } from './params.js';

/**
 * One row of `ready-count`: the value of one service's series at `time`. The values are null where
 * the recorder did not cover the Service kind or the source kind (a gap in the series: unknown, not 0).
 */
export interface ReadyCountRow {
  time: number;
  /** `namespace/name`: the label long→wide turns into one series per service. */
  service: string;
  ready: number | null;
  notReady: number | null;
  readyMin: number | null;
  readyMax: number | null;
}

const UNKNOWN = { ready: null, notReady: null, readyMin: null, readyMax: null } as const;

/** One service's ready count as change points: the value at `from`, then one point per change. */
export interface ReadySeries {
  service: string;
  points: readonly ReadyCountPointOut[];
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

const compareRows = (a: ReadyCountRow, b: ReadyCountRow): number =>
  a.time - b.time || compareText(a.service, b.service);

/**
 * A dense grid shared by every series, sorted by time then service, so (time, service) is unique
 * and Infinity's long→wide conversion gets no holes. When the union of change times (plus an
 * anchor at `to`) fits in `maxPoints`, the grid is those times and each series carries its value
 * there; otherwise it is buckets of `bucketStep` width aligned to multiples of it, each with the
 * last value and the min/max inside the bucket. Never an average. A point or bucket not wholly
 * recorded reads null, which a time series draws as a gap.
 */
export function readyGrid(
  series: readonly ReadySeries[],
  range: Range,
  step: number | null,
  maxPoints: number,
): ReadyCountRow[] {
  const times = new Set<number>([range.to]);
  for (const s of series) for (const p of s.points) times.add(p.time);
  const rows: ReadyCountRow[] = [];
  if (times.size <= maxPoints) {
    const grid = [...times].sort((a, b) => a - b);
    for (const s of series) {
      let i = 0;
      for (const t of grid) {
        while (i + 1 < s.points.length && s.points[i + 1]!.time <= t) i++;
        const p = s.points[i]!;
        rows.push(
          p.complete
            ? {
                time: t,
                service: s.service,
                ready: p.ready,
                notReady: p.notReady,
                readyMin: p.ready,
                readyMax: p.ready,
              }
            : { time: t, service: s.service, ...UNKNOWN },
        );
      }
    }
  } else {
    const width = bucketStep(range, step, maxPoints);
    for (const s of series) {
      for (const { complete, ...b } of bucketize(s.points, range.from, range.to, width))
        rows.push(complete ? { ...b, service: s.service } : { time: b.time, service: s.service, ...UNKNOWN });
    }
  }
  return rows.sort(compareRows);
}
