import { applyEvent, createFoldState, restoreEvent } from '../projections/index.js';
import { restoreBaseline } from './baseline.js';
import { Ids } from './Ids.js';
import { loadMarks } from './loadFoldState.js';
import { RowWriter } from './RowWriter.js';
import type { StoreBackend } from './StoreBackend.js';
import type { StoredEvent } from './types.js';

export interface RebuildProgress {
  applied: number;
  total: number;
  elapsedMs: number;
}

export interface RebuildResult {
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface RebuildOptions {
  onProgress?: (p: RebuildProgress) => void;
  /** Report progress every this many events (default 100,000). */
  progressEvery?: number;
}

/**
 * Throws the projections away and recreates them by replaying the event log through the fold, from
 * position 0 (or from the baseline a prune left): one transaction of the backend, so a crash leaves
 * the old projections intact. Each row is written once, complete (the bulk writer). The result
 * equals what the incremental writer produced. A Store holding the backend must reload its caches.
 */
export async function rebuildProjections(
  backend: StoreBackend,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const started = performance.now();
  const every = options.progressEvery ?? 100_000;
  let applied = 0;
  let total = 0;
  await backend.rebuild(async (session) => {
    total = session.total;
    const state = createFoldState();
    const writer = new RowWriter(new Ids(session.interned, session.ids), 'bulk');
    // marks from before a prune's cutoff stay (the events that set them may be gone)
    loadMarks(state, session.marks());
    restoreBaseline(session.baseline(), state, writer, session);
    const floors = session.pruneFloors();
    let lastPosition = 0;
    const step = (ev: StoredEvent): void => {
      // before a prune's cutoff, the open rows are the baseline's: those events restore the rest
      const floor = floors.get(ev.cluster);
      writer.apply(
        floor !== undefined && ev.observedAt < floor ? restoreEvent(state, ev) : applyEvent(state, ev),
        session,
      );
      applied++;
      lastPosition = ev.position;
      if (options.onProgress && applied % every === 0)
        options.onProgress({ applied, total, elapsedMs: performance.now() - started });
    };
    const events = session.events();
    // a synchronous log (SQLite) is replayed without a promise per event
    if (Symbol.asyncIterator in events) for await (const ev of events) step(ev);
    else for (const ev of events) step(ev);
    writer.finish(session);
    await session.finish(lastPosition);
  });
  const elapsedMs = performance.now() - started;
  options.onProgress?.({ applied, total, elapsedMs });
  return { events: applied, elapsedMs, eventsPerSecond: applied / Math.max(elapsedMs / 1000, 1e-9) };
}
