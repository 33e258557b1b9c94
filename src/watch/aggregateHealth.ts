import type { HealthReport, KindHealth, KindState } from '../model/health.js';
import type { Kind } from '../model/types.js';

/** Anything that carries a per-stream health record. */
export interface HasHealth {
  readonly health: KindHealth;
}

const SEVERITY: KindState[] = ['watching', 'unavailable', 'stopped', 'listing', 'backoff', 'forbidden'];

/**
 * Folds the streams of each kind (one per namespace) into one record: the worst state, the latest
 * event, summed counters. The report is `starting` while some kind is still on its first list with no
 * error yet, `ok` when every kind is watching (or unavailable: the cluster does not serve it), else
 * `degraded`.
 */
export function aggregateHealth(
  startedAt: number | null,
  streams: Map<Kind, readonly HasHealth[]>,
): HealthReport {
  const kinds: Partial<Record<Kind, KindHealth>> = {};
  let starting = startedAt === null;
  let ok = true;
  for (const [kind, list] of streams) {
    let merged: KindHealth | null = null;
    for (const { health: h } of list) {
      if (merged === null) {
        merged = { ...h };
        continue;
      }
      if (SEVERITY.indexOf(h.state) > SEVERITY.indexOf(merged.state)) merged.state = h.state;
      merged.lastEventAt = Math.max(merged.lastEventAt ?? 0, h.lastEventAt ?? 0) || null;
      merged.lastError = h.lastError ?? merged.lastError;
      merged.watchRestarts += h.watchRestarts;
      merged.relists += h.relists;
    }
    if (merged === null) continue;
    kinds[kind] = merged;
    if (merged.state === 'listing' && merged.lastError === null && merged.relists <= 1) starting = true;
    if (merged.state !== 'watching' && merged.state !== 'unavailable') ok = false;
  }
  return { status: starting ? 'starting' : ok ? 'ok' : 'degraded', startedAt, kinds };
}
