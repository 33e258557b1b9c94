import { canonicalIpOrText } from '../kube/ip/canonicalIp.js';
import {
  arrayAt,
  asObject,
  boolAt,
  intAt,
  type JsonObject,
  nonEmptyStringAt,
  objectAt,
  requiredIntAt,
  stringAt,
} from './jsonFields.js';
import type { SlimContainerPort, SlimContainerStatus, SlimMeta, SlimPod, SlimPodCondition } from './types.js';

function containers(spec: JsonObject): SlimPod['containers'] {
  return arrayAt(spec, 'containers', 'spec').map((item, i) => {
    const at = `spec.containers[${i}]`;
    const container = asObject(item, at);
    const ports = arrayAt(container, 'ports', at).map((portItem, j): SlimContainerPort => {
      const portAt = `${at}.ports[${j}]`;
      const port = asObject(portItem, portAt);
      return {
        name: nonEmptyStringAt(port, 'name', portAt),
        containerPort: requiredIntAt(port, 'containerPort', portAt),
        protocol: nonEmptyStringAt(port, 'protocol', portAt) ?? 'TCP',
      };
    });
    return { name: stringAt(container, 'name', at) ?? '', ports };
  });
}

/** status.podIPs in order (primary first); status.podIP alone on servers that predate dual-stack. */
function podIPs(status: JsonObject): string[] {
  const ips = arrayAt(status, 'podIPs', 'status').flatMap((item, i) => {
    const ip = nonEmptyStringAt(asObject(item, `status.podIPs[${i}]`), 'ip', `status.podIPs[${i}]`);
    return ip === null ? [] : [canonicalIpOrText(ip)];
  });
  if (ips.length > 0) return ips;
  const single = nonEmptyStringAt(status, 'podIP', 'status');
  return single === null ? [] : [canonicalIpOrText(single)];
}

function conditions(status: JsonObject): SlimPodCondition[] {
  return arrayAt(status, 'conditions', 'status').map((item, i) => {
    const at = `status.conditions[${i}]`;
    const condition = asObject(item, at);
    return {
      type: stringAt(condition, 'type', at) ?? '',
      status: stringAt(condition, 'status', at) ?? '',
      lastTransitionTime: nonEmptyStringAt(condition, 'lastTransitionTime', at),
      reason: nonEmptyStringAt(condition, 'reason', at),
    };
  });
}

/** `running`, `waiting:<reason>`, `terminated:<reason>` (bare `waiting`/`terminated` without a reason). */
function containerState(status: JsonObject, at: string): string | null {
  const state = objectAt(status, 'state', at);
  if (state === null) return null;
  if (objectAt(state, 'running', `${at}.state`) !== null) return 'running';
  for (const phase of ['waiting', 'terminated'] as const) {
    const detail = objectAt(state, phase, `${at}.state`);
    if (detail === null) continue;
    const reason = nonEmptyStringAt(detail, 'reason', `${at}.state.${phase}`);
    return reason === null ? phase : `${phase}:${reason}`;
  }
  return null;
}

function containerStatuses(status: JsonObject): SlimContainerStatus[] {
  return arrayAt(status, 'containerStatuses', 'status').map((item, i) => {
    const at = `status.containerStatuses[${i}]`;
    const containerStatus = asObject(item, at);
    return {
      name: stringAt(containerStatus, 'name', at) ?? '',
      ready: boolAt(containerStatus, 'ready', at) ?? false,
      restartCount: intAt(containerStatus, 'restartCount', at) ?? 0,
      state: containerState(containerStatus, at),
    };
  });
}

/**
 * The whitelisted form of a raw Pod. Keeps scheduling (nodeName, hostNetwork, hostname,
 * subdomain), container names and ports, and status (phase, IPs, conditions, container
 * readiness). Never env, volumes, args, command, images or anything else from the spec: those
 * can hold credentials. Empty optional strings read as null.
 */
export function slimPod(raw: JsonObject, meta: SlimMeta): SlimPod {
  const spec = objectAt(raw, 'spec', '') ?? {};
  const status = objectAt(raw, 'status', '') ?? {};
  const hostIP = nonEmptyStringAt(status, 'hostIP', 'status');
  return {
    kind: 'Pod',
    meta,
    nodeName: nonEmptyStringAt(spec, 'nodeName', 'spec'),
    hostNetwork: boolAt(spec, 'hostNetwork', 'spec') ?? false,
    hostname: nonEmptyStringAt(spec, 'hostname', 'spec'),
    subdomain: nonEmptyStringAt(spec, 'subdomain', 'spec'),
    containers: containers(spec),
    phase: nonEmptyStringAt(status, 'phase', 'status'),
    podIPs: podIPs(status),
    hostIP: hostIP === null ? null : canonicalIpOrText(hostIP),
    conditions: conditions(status),
    containerStatuses: containerStatuses(status),
  };
}
