import type {
  ContainerJson,
  ContainerPortJson,
  ContainerStatusJson,
  ObjectMetaJson,
  PodConditionJson,
  PodJson,
} from '../types.js';
import { objectMeta } from './objectMeta.js';

type JsonMap = Record<string, unknown>;

export type ContainerInput = {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  /** A port's protocol defaults to TCP. */
  ports?: ContainerPortJson[];
  envFrom?: JsonMap[];
  env?: JsonMap[];
  resources?: JsonMap;
  volumeMounts?: JsonMap[];
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  imagePullPolicy?: string;
};

export type PodSpecInput = {
  volumes?: JsonMap[];
  containers: ContainerInput[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  dnsPolicy?: string;
  serviceAccountName?: string;
  serviceAccount?: string;
  nodeName?: string;
  hostNetwork?: boolean;
  securityContext?: JsonMap;
  hostname?: string;
  subdomain?: string;
  schedulerName?: string;
  tolerations?: JsonMap[];
  priority?: number;
  enableServiceLinks?: boolean;
  preemptionPolicy?: string;
};

/** `lastProbeTime` defaults to null, as the API server writes the unset time. */
export type PodConditionInput = Omit<PodConditionJson, 'lastProbeTime'> & { lastProbeTime?: string | null };

export type PodStatusInput = {
  phase?: string;
  conditions?: PodConditionInput[];
  /** Also gives `hostIPs`. */
  hostIP?: string;
  /** Primary first: gives `podIP` and `podIPs`, both absent when there is none. */
  podIPs?: string[];
  startTime?: string;
  containerStatuses?: ContainerStatusJson[];
  qosClass?: string;
};

export type PodObjectInput = { metadata: ObjectMetaJson; spec: PodSpecInput; status?: PodStatusInput };

/** One PodCondition in the Go struct's field order, `lastProbeTime` null unless given. */
export function podCondition(c: PodConditionInput): PodConditionJson {
  const out: PodConditionJson = { type: c.type, status: c.status, lastProbeTime: c.lastProbeTime ?? null };
  if (c.lastTransitionTime !== undefined) out.lastTransitionTime = c.lastTransitionTime;
  if (c.reason !== undefined) out.reason = c.reason;
  if (c.message !== undefined) out.message = c.message;
  return out;
}

function containerPort(p: ContainerPortJson): ContainerPortJson {
  return { ...p, protocol: p.protocol ?? 'TCP' };
}

function container(c: ContainerInput): ContainerJson {
  const out: ContainerJson = { name: c.name };
  if (c.image !== undefined) out.image = c.image;
  if (c.command !== undefined) out.command = c.command;
  if (c.args !== undefined) out.args = c.args;
  if (c.ports !== undefined) out.ports = c.ports.map(containerPort);
  if (c.envFrom !== undefined) out.envFrom = c.envFrom;
  if (c.env !== undefined) out.env = c.env;
  if (c.resources !== undefined) out.resources = c.resources;
  if (c.volumeMounts !== undefined) out.volumeMounts = c.volumeMounts;
  if (c.terminationMessagePath !== undefined) out.terminationMessagePath = c.terminationMessagePath;
  if (c.terminationMessagePolicy !== undefined) out.terminationMessagePolicy = c.terminationMessagePolicy;
  if (c.imagePullPolicy !== undefined) out.imagePullPolicy = c.imagePullPolicy;
  return out;
}

function containerStatus(s: ContainerStatusJson): ContainerStatusJson {
  const out = { name: s.name } as ContainerStatusJson;
  if (s.state !== undefined) out.state = s.state;
  if (s.lastState !== undefined) out.lastState = s.lastState;
  out.ready = s.ready;
  out.restartCount = s.restartCount;
  if (s.image !== undefined) out.image = s.image;
  if (s.imageID !== undefined) out.imageID = s.imageID;
  if (s.containerID !== undefined) out.containerID = s.containerID;
  if (s.started !== undefined) out.started = s.started;
  return out;
}

function podSpec(s: PodSpecInput): PodJson['spec'] {
  const out = {} as PodJson['spec'];
  if (s.volumes !== undefined) out.volumes = s.volumes;
  out.containers = s.containers.map(container);
  if (s.restartPolicy !== undefined) out.restartPolicy = s.restartPolicy;
  if (s.terminationGracePeriodSeconds !== undefined)
    out.terminationGracePeriodSeconds = s.terminationGracePeriodSeconds;
  if (s.dnsPolicy !== undefined) out.dnsPolicy = s.dnsPolicy;
  if (s.serviceAccountName !== undefined) out.serviceAccountName = s.serviceAccountName;
  if (s.serviceAccount !== undefined) out.serviceAccount = s.serviceAccount;
  if (s.nodeName !== undefined) out.nodeName = s.nodeName;
  if (s.hostNetwork !== undefined) out.hostNetwork = s.hostNetwork;
  if (s.securityContext !== undefined) out.securityContext = s.securityContext;
  if (s.hostname !== undefined) out.hostname = s.hostname;
  if (s.subdomain !== undefined) out.subdomain = s.subdomain;
  if (s.schedulerName !== undefined) out.schedulerName = s.schedulerName;
  if (s.tolerations !== undefined) out.tolerations = s.tolerations;
  if (s.priority !== undefined) out.priority = s.priority;
  if (s.enableServiceLinks !== undefined) out.enableServiceLinks = s.enableServiceLinks;
  if (s.preemptionPolicy !== undefined) out.preemptionPolicy = s.preemptionPolicy;
  return out;
}

function podStatus(s: PodStatusInput): PodJson['status'] {
  const out: PodJson['status'] = {};
  if (s.phase !== undefined) out.phase = s.phase;
  if (s.conditions !== undefined) out.conditions = s.conditions.map(podCondition);
  if (s.hostIP !== undefined) {
    out.hostIP = s.hostIP;
    out.hostIPs = [{ ip: s.hostIP }];
  }
  if (s.podIPs?.[0] !== undefined) {
    out.podIP = s.podIPs[0];
    out.podIPs = s.podIPs.map((ip) => ({ ip }));
  }
  if (s.startTime !== undefined) out.startTime = s.startTime;
  if (s.containerStatuses !== undefined) out.containerStatuses = s.containerStatuses.map(containerStatus);
  if (s.qosClass !== undefined) out.qosClass = s.qosClass;
  return out;
}

/**
 * A Pod as the API server returns it (kind and apiVersion included, as a GET or a watch event
 * carries them): metadata, spec and status in the Go structs' field order, a field left undefined
 * absent, a field given written as given, with what the server always fills in — a container
 * port's protocol (TCP), `hostIPs` beside `hostIP`, `podIP` beside `podIPs`, a condition's
 * `lastProbeTime`. Which fields a caller gives is its choice: the tests give few, the simulator
 * everything a kubelet and the admission chain write.
 */
export function podObject(input: PodObjectInput): PodJson {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: objectMeta(input.metadata),
    spec: podSpec(input.spec),
    status: podStatus(input.status ?? {}),
  };
}
