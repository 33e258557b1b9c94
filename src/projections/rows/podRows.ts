import { isPodReady, parseTimestamp as parseTime } from '../../model/index.js';
import type { SlimPod } from '../../model/types.js';
import type { PodIpAttrs, PodStateAttrs } from '../types.js';

/** One row per IP the pod holds (status.podIPs), keyed by the IP; a pod without an IP holds none. */
export function podIpRows(cluster: string, pod: SlimPod): Map<string, PodIpAttrs> {
  const out = new Map<string, PodIpAttrs>();
  for (const ip of pod.podIPs) {
    out.set(ip, {
      cluster,
      ip,
      podUid: pod.meta.uid,
      namespace: pod.meta.namespace,
      name: pod.meta.name,
      nodeName: pod.nodeName,
    });
  }
  return out;
}

export function podStateRow(cluster: string, pod: SlimPod): Map<string, PodStateAttrs> {
  return new Map([
    [
      '',
      {
        cluster,
        uid: pod.meta.uid,
        namespace: pod.meta.namespace,
        name: pod.meta.name,
        phase: pod.phase,
        ready: isPodReady(pod),
        nodeName: pod.nodeName,
        ips: JSON.stringify(pod.podIPs),
        ownerKind: pod.meta.ownerKind,
        ownerName: pod.meta.ownerName,
        createdAt: parseTime(pod.meta.createdAt),
        deletingAt: parseTime(pod.meta.deletedAt),
        restarts: pod.containerStatuses.reduce((n, c) => n + c.restartCount, 0),
      },
    ],
  ]);
}
