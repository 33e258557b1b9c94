import type { History } from '../../../query/index.js';

/**
 * The newest event position (0 when empty). The projections are written in the same transaction as
 * the event, so every change up to this position is readable. (Raw SQL here because src/query has no
 * such read yet; it belongs there.)
 */
export function eventLogHead(history: History): number {
  return history.ctx.stmt('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number;
}

/** The observed_at span of the events after `position`, or null when there are none. */
export function observedSince(
  history: History,
  position: number,
): { min: number; max: number; head: number } | null {
  const r = history.ctx
    .stmt(
      'SELECT MIN(observed_at) AS min, MAX(observed_at) AS max, MAX(position) AS head FROM events WHERE position > ?',
    )
    .get(position) as { min: number | null; max: number | null; head: number | null };
  return r.head === null ? null : { min: r.min!, max: r.max!, head: r.head };
}
