import type {
  EndpointSliceJson,
  PodJson,
  ServiceJson,
  SliceEndpointJson,
  SlicePortJson,
  StringMap,
} from '../../kube/types.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, SLICE_CONTROLLER_NAME } from '../../kube/wellKnown.js';
import { getOrCreate } from '../../util/getOrCreate.js';
import type { ControllerContext } from './controllerContext.js';
import { endpointsLabels } from './endpointsController.js';
import { type DesiredSliceGroup, planSlices, portsKey } from './planSlices.js';
import {
  findPort,
  hasSelector,
  isPodReady,
  podIPOfFamily,
  podTargetRef,
  serviceAddressTypes,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './podRules.js';
import { writeSlicePlan } from './writeSlicePlan.js';

/** Slice labels: the Service's, headless marker, service-name and managed-by (set last, so they win). */
export function sliceLabels(svc: ServiceJson): StringMap {
  const labels = endpointsLabels(svc);
  labels[LABEL_SERVICE_NAME] = svc.metadata.name as string;
  labels[LABEL_MANAGED_BY] = SLICE_CONTROLLER_NAME;
  return labels;
}

/** getEndpointPorts: every service port that resolves on this pod; `name` always present (maybe ""). */
function slicePorts(pod: PodJson, svc: ServiceJson): SlicePortJson[] {
  const ports: SlicePortJson[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const portNum = findPort(pod, sp);
    if (portNum === undefined) continue;
    const port: SlicePortJson = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port: portNum };
    if (sp.appProtocol) port.appProtocol = sp.appProtocol;
    ports.push(port);
  }
  return ports;
}

/**
 * podToEndpoint: serving = pod Ready, terminating = deletionTimestamp set,
 * ready = publishNotReadyAddresses || (serving && !terminating).
 */
function sliceEndpoint(
  pod: PodJson,
  svc: ServiceJson,
  ip: string,
  zones: Readonly<Record<string, string>>,
): SliceEndpointJson {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ep: SliceEndpointJson = {
    addresses: [ip],
    conditions: {
      ready: svc.spec.publishNotReadyAddresses === true || (serving && !terminating),
      serving,
      terminating,
    },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname as string;
  ep.targetRef = podTargetRef(pod);
  const node = pod.spec.nodeName;
  if (node) {
    ep.nodeName = node;
    const zone = zones[node];
    if (zone) ep.zone = zone;
  }
  return ep;
}

/** Pods grouped by (address type, resolved ports), in pod-name order so that placement is stable. */
export function desiredSliceGroups(
  svc: ServiceJson,
  pods: Iterable<PodJson>,
  zones: Readonly<Record<string, string>>,
): DesiredSliceGroup[] {
  const sorted = [...pods]
    .filter((p) => shouldPodBeInEndpoints(p, true))
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const groups = new Map<string, DesiredSliceGroup>();
  for (const addressType of serviceAddressTypes(svc)) {
    if (addressType === 'FQDN') continue;
    for (const pod of sorted) {
      const ip = podIPOfFamily(pod, addressType);
      if (!ip) continue;
      const ports = slicePorts(pod, svc);
      const key = `${addressType}#${portsKey(ports)}`;
      const group = getOrCreate(groups, key, () => ({ addressType, ports, endpoints: [] }));
      group.endpoints.push(sliceEndpoint(pod, svc, ip, zones));
    }
  }
  return [...groups.values()];
}

/**
 * One sync of the EndpointSlice controller for `namespace/name` (kube's endpointslice controller).
 * A missing Service
 * loses its slices (the garbage collector's job, done here at once). ExternalName and selector-less
 * services get nothing from this controller (slices it made before are left, as the real one does).
 * A selector service with no endpoints keeps one placeholder slice per address type
 * (`endpoints: null`, `ports: []`, as newEndpointSlice builds it).
 */
export function reconcileEndpointSlices(
  ctx: ControllerContext,
  namespace: string,
  name: string,
  svc: ServiceJson | undefined,
  pods: Iterable<PodJson>,
  existing: readonly EndpointSliceJson[],
): void {
  if (!svc) {
    for (const slice of existing) ctx.remove('EndpointSlice', namespace, slice.metadata.name as string);
    return;
  }
  if (svc.spec.type === 'ExternalName' || !hasSelector(svc)) return;
  const labels = sliceLabels(svc);
  const plan = planSlices({
    existing,
    desired: desiredSliceGroups(svc, pods, ctx.zones),
    addressTypes: serviceAddressTypes(svc).filter((t) => t !== 'FQDN'),
    maxEndpointsPerSlice: ctx.maxEndpointsPerSlice,
    placeholder: true,
    labels,
    annotations: {},
  });
  writeSlicePlan(ctx, plan, existing, {
    namespace,
    generateName: `${name}-`,
    labels,
    annotations: {},
    ownerReference: {
      apiVersion: 'v1',
      kind: 'Service',
      name,
      uid: svc.metadata.uid as string,
      controller: true,
      blockOwnerDeletion: true,
    },
    triggerTime: true,
  });
}
