import type { CoverageIntervalOut } from '../../query/index.js';
import { formatTime } from '../../util/time.js';

/** The reason of the gap after now in the query's coverage: not recorded yet. */
export const FUTURE = 'future';

/**
 * The gaps of an answer in one ASCII phrase (it travels in an HTTP header): each gap once, by time
 * then kind, `EndpointSlice 2026-03-01T02:25:00.000Z to 2026-03-01T02:27:00.000Z (stream-broken)`;
 * a gap open at the start reads `before T` (recording began at T), one open at the end `since T`,
 * the one after now (it starts 1 ms after now) `after NOW (not recorded yet)`.
 */
export function gapText(gaps: readonly CoverageIntervalOut[]): string {
  const unique = new Map<string, CoverageIntervalOut>();
  for (const g of gaps) unique.set(`${g.kind}\u0000${g.from}\u0000${g.to}`, g);
  const sorted = [...unique.values()].sort(
    (a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity) || (a.kind < b.kind ? -1 : 1),
  );
  if (sorted.length === 0) return 'unknown gap';
  return sorted
    .map((g) => {
      const why = g.reason ? ` (${g.reason})` : '';
      if (g.from === null && g.to === null) return `${g.kind} never recorded`;
      if (g.reason === FUTURE && g.from !== null && g.to === null)
        return `${g.kind} after ${formatTime(g.from - 1)} (not recorded yet)`;
      if (g.from === null) return `${g.kind} before ${formatTime(g.to!)}${why}`;
      if (g.to === null) return `${g.kind} since ${formatTime(g.from)}${why}`;
      return `${g.kind} ${formatTime(g.from)} to ${formatTime(g.to)}${why}`;
    })
    .join('; ');
}
