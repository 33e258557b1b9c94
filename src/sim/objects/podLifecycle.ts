import { podCondition } from '../../kube/objects/index.js';
import type { PodConditionJson, PodJson } from '../../kube/types.js';
import { rfc3339 } from './time.js';

/**
 * Pure status transitions of a pod, each returning a new object, in the order a kubelet reports them
 * (the kubelet's status manager): scheduled → running (IPs, not ready) → ready ⇄ not ready → terminating → stopped,
 * or failed. Condition `lastTransitionTime` only moves when the condition's status changes.
 */

const CONDITION_ORDER = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

function setCondition(
  pod: PodJson,
  type: string,
  status: PodConditionJson['status'],
  at: number,
  reason?: string,
): void {
  const conditions = pod.status.conditions ?? [];
  const existing = conditions.find((c) => c.type === type);
  const next = podCondition({
    type,
    status,
    lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : rfc3339(at),
    reason: reason || undefined,
    message:
      reason === 'ContainersNotReady'
        ? `containers with unready status: [${containerNames(pod)}]`
        : undefined,
  });
  const others = conditions.filter((c) => c.type !== type);
  pod.status.conditions = [...others, next].sort(
    (a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type),
  );
}

function containerNames(pod: PodJson): string {
  return pod.spec.containers.map((c) => c.name).join(' ');
}

/** A node's InternalIP, derived from its name (`node-3` → 192.168.0.13) so that it is stable. */
export function nodeIP(nodeName: string): string {
  const m = /(\d+)$/.exec(nodeName);
  const n = m ? Number(m[1]) : [...nodeName].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 200, 7);
  return `192.168.0.${10 + (n % 240)}`;
}

function touchManager(pod: PodJson, manager: string, at: number): void {
  const fields = (pod.metadata.managedFields ?? []) as Record<string, unknown>[];
  const entry = fields.find((f) => f.manager === manager);
  if (entry) entry.time = rfc3339(at);
}

/** The scheduler bound the pod: spec.nodeName and PodScheduled=True. */
export function schedulePod(pod: PodJson, nodeName: string, at: number): PodJson {
  const next = structuredClone(pod);
  next.spec.nodeName = nodeName;
  setCondition(next, 'PodScheduled', 'True', at);
  return next;
}

/**
 * The kubelet started the containers: phase Running, podIP(s), hostIP(s), startTime, containers
 * running but not yet ready. For hostNetwork pods the pod IPs are the host's.
 */
export function startPod(pod: PodJson, ips: readonly string[], at: number, hostIP?: string): PodJson {
  const next = structuredClone(pod);
  const host = hostIP ?? nodeIP(next.spec.nodeName ?? 'node-0');
  const podIPs = next.spec.hostNetwork ? [host] : [...ips];
  next.status.phase = 'Running';
  setCondition(next, 'PodReadyToStartContainers', 'True', at);
  setCondition(next, 'Initialized', 'True', at);
  setCondition(next, 'Ready', 'False', at, 'ContainersNotReady');
  setCondition(next, 'ContainersReady', 'False', at, 'ContainersNotReady');
  next.status.hostIP = host;
  next.status.hostIPs = [{ ip: host }];
  if (podIPs[0] !== undefined) {
    next.status.podIP = podIPs[0];
    next.status.podIPs = podIPs.map((ip) => ({ ip }));
  }
  next.status.startTime = rfc3339(at);
  next.status.containerStatuses = next.spec.containers.map((c, i) => ({
    containerID: `containerd://${containerId(next, i)}`,
    image: `docker.io/library/${c.image ?? 'app:latest'}`,
    imageID: `docker.io/library/${String(c.image ?? 'app').split(':')[0]}@sha256:${containerId(next, i + 7)}`,
    lastState: {},
    name: c.name,
    ready: false,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: rfc3339(at) } },
  }));
  touchManager(next, 'kubelet', at);
  return next;
}

function containerId(pod: PodJson, salt: number): string {
  const seed = `${pod.metadata.namespace}/${pod.metadata.name ?? pod.metadata.generateName}/${salt}`;
  let h = 0;
  let out = '';
  for (let i = 0; out.length < 64; i++) {
    h = (h * 33 + seed.charCodeAt(i % seed.length) + i) >>> 0;
    out += (h % 16).toString(16);
  }
  return out;
}

/** The readiness probe passed (or failed): Ready and ContainersReady and each container's `ready`. */
export function setPodReady(pod: PodJson, ready: boolean, at: number): PodJson {
  const next = structuredClone(pod);
  const status = ready ? 'True' : 'False';
  setCondition(next, 'Ready', status, at, ready ? undefined : 'ContainersNotReady');
  setCondition(next, 'ContainersReady', status, at, ready ? undefined : 'ContainersNotReady');
  for (const cs of next.status.containerStatuses ?? []) cs.ready = ready;
  touchManager(next, 'kubelet', at);
  return next;
}

/** True when the pod's Ready condition is True (podutil.IsPodReady). */
export function isPodReady(pod: PodJson): boolean {
  return (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * Graceful deletion was requested: deletionTimestamp (= now + grace period, the moment the object is
 * due to go, as the API server sets it) and deletionGracePeriodSeconds. Readiness is left as it was:
 * the kubelet only reports the containers stopping in a later write.
 */
export function markPodTerminating(pod: PodJson, at: number, gracePeriodSeconds = 30): PodJson {
  const next = structuredClone(pod);
  next.metadata.deletionTimestamp = rfc3339(at + gracePeriodSeconds * 1000);
  next.metadata.deletionGracePeriodSeconds = gracePeriodSeconds;
  return next;
}

/** The containers exited after SIGTERM: Ready/ContainersReady False, containers terminated. */
export function stopPodContainers(pod: PodJson, at: number, exitCode = 143): PodJson {
  const next = setPodReady(pod, false, at);
  for (const cs of next.status.containerStatuses ?? []) {
    const startedAt = cs.state?.running?.startedAt ?? rfc3339(at);
    cs.state = {
      terminated: {
        containerID: cs.containerID,
        exitCode,
        finishedAt: rfc3339(at),
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt,
      },
    };
    cs.started = false;
  }
  return next;
}

/** The pod reached phase Failed (it keeps its podIP, as terminal pods do). */
export function failPod(pod: PodJson, at: number, exitCode = 1): PodJson {
  const next = stopPodContainers(pod, at, exitCode);
  next.status.phase = 'Failed';
  return next;
}
