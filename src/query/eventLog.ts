import { EventReader } from '../store/index.js';
import type { StoredEvent } from '../store/types.js';
import type { QueryContext } from './QueryContext.js';

/**
 * The newest event position (0 when empty). Projections are written in the event's transaction, so
 * every change up to this position is readable.
 */
export function eventLogHead(ctx: QueryContext): number {
  return ctx.stmt('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number;
}

/** The observed_at span of the events after `position`, and the new head; null when there are none. */
export function observedSince(
  ctx: QueryContext,
  position: number,
): { min: number; max: number; head: number } | null {
  const r = ctx
    .stmt(
      'SELECT MIN(observed_at) AS min, MAX(observed_at) AS max, MAX(position) AS head FROM events WHERE position > ?',
    )
    .get(position) as { min: number | null; max: number | null; head: number | null };
  return r.head === null ? null : { min: r.min!, max: r.max!, head: r.head };
}

/** The stored events at these positions (decoded, slim objects), in the order given; missing ones left out. */
export function eventsAt(ctx: QueryContext, positions: readonly number[]): StoredEvent[] {
  const reader = new EventReader(ctx.db);
  return positions.map((p) => reader.event(p)).filter((e): e is StoredEvent => e !== null);
}
