const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

/** Tick times for a UTC axis over [from, to] with at least `minGapPx` between labels. */
export function ticks(from: number, to: number, widthPx: number, minGapPx = 90): number[] {
  const span = Math.max(to - from, 1);
  const step = STEPS.find((s) => (s / span) * widthPx >= minGapPx) ?? STEPS[STEPS.length - 1]!;
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}

/** A tick label: the time of day in UTC, seconds only when the ticks need them, the date at midnight. */
export function tickLabel(t: number, stepMs: number): string {
  const iso = new Date(t).toISOString();
  if (t % DAY === 0) return iso.slice(5, 10);
  return stepMs < MINUTE ? iso.slice(11, 19) : iso.slice(11, 16);
}
