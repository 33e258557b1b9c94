import type { SlimPod } from '../types.js';

/** The pod's primary IP (the first of status.podIPs, canonical), or null before one is assigned. */
export function podPrimaryIp(pod: SlimPod): string | null {
  return pod.podIPs[0] ?? null;
}
