import { parseTimestamp } from './parseTimestamp.js';
import type { SlimObject, SlimPod } from './types.js';

const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

function latest(times: (number | null)[]): number | null {
  let best: number | null = null;
  for (const time of times) if (time !== null && (best === null || time > best)) best = time;
  return best;
}

function podHint(pod: SlimPod, deletionGraceSeconds: number | null): number | null {
  // deletionTimestamp is when the grace period ends (request time + grace), i.e. in the future
  // when the terminating update is written; minus the grace it is when deletion was requested.
  // The final delete is a grace-0 request, so for the DELETED event this is the deletion itself.
  const deletionAt = parseTimestamp(pod.meta.deletedAt);
  const deletionRequestedAt = deletionAt === null ? null : deletionAt - (deletionGraceSeconds ?? 0) * 1000;
  const transition = latest(pod.conditions.map((c) => parseTimestamp(c.lastTransitionTime)));
  return latest([deletionRequestedAt, transition]) ?? parseTimestamp(pod.meta.createdAt);
}

/**
 * Best hint, in epoch ms, of when the state in `object` came about, read from the object itself;
 * null when it carries no usable timestamp. Only a hint: it is second-precision, written by
 * another clock, and says nothing about which field changed.
 *
 * - Pod: the later of the deletion request (deletionTimestamp − `deletionGraceSeconds`, the raw
 *   metadata.deletionGracePeriodSeconds) and the latest condition lastTransitionTime; else
 *   creationTimestamp.
 * - Endpoints, EndpointSlice: annotation `endpoints.kubernetes.io/last-change-trigger-time`, else
 *   creationTimestamp.
 * - Service: creationTimestamp.
 */
export function occurredAtOf(object: SlimObject, deletionGraceSeconds: number | null = null): number | null {
  switch (object.kind) {
    case 'Pod':
      return podHint(object, deletionGraceSeconds);
    case 'Endpoints':
    case 'EndpointSlice':
      return (
        parseTimestamp(object.meta.annotations[TRIGGER_TIME] ?? null) ?? parseTimestamp(object.meta.createdAt)
      );
    case 'Service':
      return parseTimestamp(object.meta.createdAt);
  }
}
