import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The recorder's Prometheus metrics, registered once on the given registry. */
export interface RecorderMetrics {
  eventsStored: Counter<'kind'>;
  eventsDeduplicated: Counter<'kind' | 'reason'>;
  eventsRejected: Counter<'kind' | 'reason'>;
  watchRestarts: Counter<'kind' | 'reason'>;
  relists: Counter<'kind' | 'reason'>;
  gapSeconds: Counter<'kind'>;
  watchLag: Histogram<string>;
  lastEventTimestamp: Gauge<'kind'>;
}

/** Creates the metrics on `registry` (a fresh one per Recorder, or the process registry). */
export function createRecorderMetrics(registry: Registry): RecorderMetrics {
  const registers = [registry];
  return {
    eventsStored: new Counter({
      name: 'eph_events_stored_total',
      help: 'Events appended to the event log.',
      labelNames: ['kind'],
      registers,
    }),
    eventsDeduplicated: new Counter({
      name: 'eph_events_deduplicated_total',
      help: 'Observations not stored: re-delivered (duplicate) or same content as the previous (unchanged).',
      labelNames: ['kind', 'reason'],
      registers,
    }),
    eventsRejected: new Counter({
      name: 'eph_events_rejected_total',
      help: 'Objects from the API server that could not be turned into observations.',
      labelNames: ['kind', 'reason'],
      registers,
    }),
    watchRestarts: new Counter({
      name: 'eph_watch_restarts_total',
      help: 'Watch streams that ended and were restarted, by why they ended.',
      labelNames: ['kind', 'reason'],
      registers,
    }),
    relists: new Counter({
      name: 'eph_relists_total',
      help: 'Consistent lists, by why they were needed.',
      labelNames: ['kind', 'reason'],
      registers,
    }),
    gapSeconds: new Counter({
      name: 'eph_gap_seconds_total',
      help: 'Seconds without a live consistent view (coverage gaps), summed as they close.',
      labelNames: ['kind'],
      registers,
    }),
    watchLag: new Histogram({
      name: 'eph_watch_lag_seconds',
      help: 'observed_at minus the occurred-at hint of the object, for watch events that carry one.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    lastEventTimestamp: new Gauge({
      name: 'eph_last_event_timestamp_seconds',
      help: 'Unix time of the last event stored per kind.',
      labelNames: ['kind'],
      registers,
    }),
  };
}
