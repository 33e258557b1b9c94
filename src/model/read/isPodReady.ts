import type { SlimPod } from '../types.js';

/** True when the pod's `Ready` condition has status "True" — the test the endpoint controllers use. */
export function isPodReady(pod: SlimPod): boolean {
  return pod.conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True');
}
