import { ephError } from '../../errors/index.js';
import { type ApiLimits, checkRange } from '../limits.js';

/** `from` when a range field leaves it out: this long before `to`. */
export const DEFAULT_WINDOW_MS = 24 * 3_600_000;

/**
 * The range a field asked for: `to` defaults to now, `from` to `defaultFrom(to)` (else
 * DEFAULT_WINDOW_MS before `to`, or the maximum range if shorter), then checked.
 */
export function resolveRange(
  limits: ApiLimits,
  now: number,
  args: { from?: number | null; to?: number | null },
  defaultFrom?: (to: number) => number,
): { from: number; to: number } {
  const to = args.to ?? now;
  const from =
    args.from ??
    (defaultFrom ? Math.min(defaultFrom(to), to) : to - Math.min(DEFAULT_WINDOW_MS, limits.maxRangeMs));
  return checkRange(limits, from, to);
}

/** Fails with EPH_ERR_PAGE_TOO_LARGE when `first` is negative or above the maximum page size. */
export function checkPageSize(limits: ApiLimits, first: number | null | undefined): number {
  const n = first ?? Math.min(100, limits.maxPageSize);
  if (n < 0 || n > limits.maxPageSize) {
    throw ephError('EPH_ERR_PAGE_TOO_LARGE', `first must be between 0 and ${limits.maxPageSize}, got ${n}`, {
      first: n,
    });
  }
  return n;
}
