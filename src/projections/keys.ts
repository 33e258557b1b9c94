import type { ServiceRef } from './types.js';

const SEP = '\u0000';

/**
 * Map keys: NUL-joined, since no Kubernetes name or IP contains NUL; null joins as ''. (Array#join
 * builds a flat string, where `+` would leave a rope behind every long-lived key.)
 */
export const joinKey = (...parts: (string | null)[]): string => parts.join(SEP);

export const serviceKey = (s: ServiceRef): string => joinKey(s.cluster, s.namespace, s.name);

/**
 * Equality of two attribute records of one projection (same fields, scalars, at most one level of
 * nested object such as `service`). Field by field: this runs for every member of a service on every
 * slice change, so it must not serialise.
 */
export function attrsEqual(a: object, b: object): boolean {
  if (a === b) return true;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) {
    const u = x[k];
    const v = y[k];
    if (u === v) continue;
    if (u === null || v === null || typeof u !== 'object' || typeof v !== 'object') return false;
    const uo = u as Record<string, unknown>;
    const vo = v as Record<string, unknown>;
    for (const j in uo) if (uo[j] !== vo[j]) return false;
  }
  return true;
}
