import { formatTime } from '../util/time.js';

const TIME_KEYS = new Set([
  'at',
  'generatedAt',
  'from',
  'to',
  'time',
  'since',
  'validFrom',
  'validTo',
  'createdAt',
  'deletedAt',
  'deletionRequestedAt',
  'lastChangeAt',
  'observedAt',
  'notBefore',
  'occurredAt',
]);

/**
 * Deep copy of a query answer with every epoch-ms time field (by name) turned into RFC 3339 with ms,
 * the output form of every time in JSON.
 */
export function withRfc3339Times(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withRfc3339Times);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        TIME_KEYS.has(k) && typeof v === 'number' ? formatTime(v) : withRfc3339Times(v),
      ]),
    );
  }
  return value;
}
