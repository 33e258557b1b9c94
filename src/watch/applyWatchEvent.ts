import { toObservation } from '../model/index.js';
import type { ReflectorState } from './reflectorState.js';
import type { ReplayBoundary } from './replayBoundary.js';
import type { WatchHandlers } from './watchStream.js';

type EventType = Parameters<WatchHandlers['onEvent']>[0];

/**
 * Enqueues one watch event observed at `t` with the cursor at its RV. An event the stream's
 * `replay` boundary counts as replayed after a resume may have happened anywhere in the gap
 * (`not_before` = gap start); a live one gets none. An object that cannot be slimmed is counted and logged, and still moves the cursor past it
 * when it carries a resourceVersion.
 */
export function applyWatchEvent(
  s: ReflectorState,
  type: EventType,
  raw: Record<string, unknown>,
  bytes: number,
  t: number,
  replay: ReplayBoundary | null,
): void {
  const { cluster, kind, metrics } = s.d;
  const meta = raw.metadata as { resourceVersion?: unknown } | undefined;
  const rv = typeof meta?.resourceVersion === 'string' ? meta.resourceVersion : null;
  const replayed = replay !== null && rv !== null && replay.isReplay(rv);
  const r = toObservation({
    cluster,
    kind,
    type,
    source: 'watch',
    raw,
    rawBytes: bytes,
    observedAt: t,
    notBefore: replayed ? s.gapSince : null,
  });
  if (!r.ok) {
    metrics.eventsRejected.inc({ kind, reason: r.reason });
    s.log.warn({ reason: r.reason, detail: r.detail }, 'object rejected');
    if (rv === null) return;
    s.rv = rv;
    s.enqueue([], s.d.coverage.cursor(s.scope, s.rv));
    return;
  }
  const obs = r.observation;
  if (obs.occurredAt !== null && t >= obs.occurredAt) metrics.watchLag.observe((t - obs.occurredAt) / 1000);
  s.rv = obs.resourceVersion;
  s.enqueue([obs], s.d.coverage.cursor(s.scope, obs.resourceVersion));
}
