import type { SlimPod } from './types.js';

/** Container state as the API writes it, from the slim form `running` / `waiting:Reason` / `terminated:Reason`. */
function stateJson(state: string | null): Record<string, unknown> {
  if (state === null) return {};
  const [phase, reason] = state.split(':', 2) as [string, string | undefined];
  return { [phase]: reason === undefined ? {} : { reason } };
}

/**
 * The v1 Pod a recorded (slimmed) pod stands for: everything kubectl's pod printer reads that we
 * keep. Not kept, hence absent: init containers, status.reason, last termination times, readiness gates.
 */
export function v1Pod(p: SlimPod): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    name: p.meta.name,
    namespace: p.meta.namespace,
    uid: p.meta.uid,
  };
  if (p.meta.createdAt) metadata.creationTimestamp = p.meta.createdAt;
  if (p.meta.deletedAt) metadata.deletionTimestamp = p.meta.deletedAt;
  if (Object.keys(p.meta.labels).length > 0) metadata.labels = p.meta.labels;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: {
      ...(p.nodeName ? { nodeName: p.nodeName } : {}),
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      containers: p.containers.map((c) => ({
        name: c.name,
        ...(c.ports.length > 0
          ? {
              ports: c.ports.map((x) => ({
                ...(x.name ? { name: x.name } : {}),
                containerPort: x.containerPort,
                protocol: x.protocol,
              })),
            }
          : {}),
      })),
    },
    status: {
      ...(p.phase ? { phase: p.phase } : {}),
      ...(p.hostIP ? { hostIP: p.hostIP } : {}),
      ...(p.podIPs.length > 0 ? { podIP: p.podIPs[0], podIPs: p.podIPs.map((ip) => ({ ip })) } : {}),
      conditions: p.conditions.map((c) => ({
        type: c.type,
        status: c.status,
        ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}),
        ...(c.reason ? { reason: c.reason } : {}),
      })),
      containerStatuses: p.containerStatuses.map((c) => ({
        name: c.name,
        ready: c.ready,
        restartCount: c.restartCount,
        state: stateJson(c.state),
      })),
    },
  };
}
