import type {
  ContainerJson,
  ContainerPortJson,
  ContainerStatusJson,
  ObjectMetaJson,
  PodConditionJson,
  PodJson,
} from '../types.js';
import { definedOnly } from './definedOnly.js';
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
  return definedOnly({
    type: c.type,
    status: c.status,
    lastProbeTime: c.lastProbeTime ?? null,
    lastTransitionTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  });
}

function container(c: ContainerInput): ContainerJson {
  return definedOnly({
    name: c.name,
    image: c.image,
    command: c.command,
    args: c.args,
    ports: c.ports?.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })),
    envFrom: c.envFrom,
    env: c.env,
    resources: c.resources,
    volumeMounts: c.volumeMounts,
    terminationMessagePath: c.terminationMessagePath,
    terminationMessagePolicy: c.terminationMessagePolicy,
    imagePullPolicy: c.imagePullPolicy,
  });
}

function containerStatus(s: ContainerStatusJson): ContainerStatusJson {
  const { name, state, lastState, ready, restartCount, image, imageID, containerID, started, ...rest } = s;
  return definedOnly({
    name,
    state,
    lastState,
    ready,
    restartCount,
    image,
    imageID,
    containerID,
    started,
    ...rest,
  });
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
  const { spec, status = {} } = input;
  const podIPs = status.podIPs && status.podIPs.length > 0 ? status.podIPs : undefined;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: objectMeta(input.metadata),
    spec: definedOnly({
      volumes: spec.volumes,
      containers: spec.containers.map(container),
      restartPolicy: spec.restartPolicy,
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
      dnsPolicy: spec.dnsPolicy,
      serviceAccountName: spec.serviceAccountName,
      serviceAccount: spec.serviceAccount,
      nodeName: spec.nodeName,
      hostNetwork: spec.hostNetwork,
      securityContext: spec.securityContext,
      hostname: spec.hostname,
      subdomain: spec.subdomain,
      schedulerName: spec.schedulerName,
      tolerations: spec.tolerations,
      priority: spec.priority,
      enableServiceLinks: spec.enableServiceLinks,
      preemptionPolicy: spec.preemptionPolicy,
    }),
    status: definedOnly({
      phase: status.phase,
      conditions: status.conditions?.map(podCondition),
      hostIP: status.hostIP,
      hostIPs: status.hostIP === undefined ? undefined : [{ ip: status.hostIP }],
      podIP: podIPs?.[0],
      podIPs: podIPs?.map((ip) => ({ ip })),
      startTime: status.startTime,
      containerStatuses: status.containerStatuses?.map(containerStatus),
      qosClass: status.qosClass,
    }),
  };
}
