import { ipFamilyOf } from '../../kube/ip/ipFamilyOf.js';
import type {
  EndpointAddressJson,
  EndpointSliceJson,
  EndpointsJson,
  ServiceJson,
  SliceEndpointJson,
  SlicePortJson,
  StringMap,
} from '../../kube/types.js';
import {
  ANNOTATION_LAST_APPLIED,
  ANNOTATION_LEADER,
  ANNOTATION_TRIGGER_TIME,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  LABEL_SKIP_MIRROR,
  MIRRORING_CONTROLLER_NAME,
} from '../../kube/wellKnown.js';
import { getOrCreate } from '../../util/getOrCreate.js';
import type { ControllerContext } from './controllerContext.js';
import { type DesiredSliceGroup, planSlices, portsKey } from './planSlices.js';
import { hasSelector } from './podRules.js';
import { writeSlicePlan } from './writeSlicePlan.js';

/**
 * Whether the mirroring controller mirrors these Endpoints: the Service exists, has no selector, and
 * the Endpoints carry neither `skip-mirror: "true"` nor the leader-election annotation.
 */
export function shouldMirror(svc: ServiceJson | undefined, endpoints: EndpointsJson | undefined): boolean {
  if (!svc || !endpoints || hasSelector(svc)) return false;
  if (endpoints.metadata.labels?.[LABEL_SKIP_MIRROR] === 'true') return false;
  return endpoints.metadata.annotations?.[ANNOTATION_LEADER] === undefined;
}

function mirroredEndpoint(address: EndpointAddressJson, ready: boolean): SliceEndpointJson {
  const ep: SliceEndpointJson = { addresses: [address.ip], conditions: { ready } };
  if (address.hostname) ep.hostname = address.hostname;
  if (address.targetRef) ep.targetRef = { ...address.targetRef };
  if (address.nodeName) ep.nodeName = address.nodeName;
  return ep;
}

/** Endpoints subsets → slice groups: conditions only `ready`, address type per IP, ≤ `cap` per subset. */
function mirroredGroups(endpoints: EndpointsJson, cap: number): DesiredSliceGroup[] {
  const groups = new Map<string, DesiredSliceGroup>();
  for (const subset of endpoints.subsets ?? []) {
    const ports: SlicePortJson[] = (subset.ports ?? []).map((p) => {
      const port: SlicePortJson = { name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port };
      if (p.appProtocol) port.appProtocol = p.appProtocol;
      return port;
    });
    const entries = [
      ...(subset.addresses ?? []).map((a) => mirroredEndpoint(a, true)),
      ...(subset.notReadyAddresses ?? []).map((a) => mirroredEndpoint(a, false)),
    ].slice(0, cap);
    for (const ep of entries) {
      const addressType = ipFamilyOf(ep.addresses[0] as string);
      const key = `${addressType}#${portsKey(ports)}`;
      getOrCreate(groups, key, () => ({ addressType, ports, endpoints: [] })).endpoints.push(ep);
    }
  }
  return [...groups.values()];
}

/**
 * One sync of the EndpointSlice mirroring controller for `namespace/name` (kube's endpointslicemirroring
 * controller): mirrors
 * hand-written Endpoints of a selector-less Service into slices managed by
 * `endpointslicemirroring-controller.k8s.io`, owned by the Endpoints, labels copied (annotations too,
 * except the trigger time and last-applied-configuration); removes them when mirroring no longer
 * applies. No placeholder slice.
 */
export function reconcileMirroring(
  ctx: ControllerContext,
  namespace: string,
  name: string,
  svc: ServiceJson | undefined,
  endpoints: EndpointsJson | undefined,
  existing: readonly EndpointSliceJson[],
): void {
  if (!shouldMirror(svc, endpoints) || !endpoints) {
    for (const slice of existing) ctx.remove('EndpointSlice', namespace, slice.metadata.name as string);
    return;
  }
  const labels: StringMap = { ...(endpoints.metadata.labels ?? {}) };
  labels[LABEL_SERVICE_NAME] = name;
  labels[LABEL_MANAGED_BY] = MIRRORING_CONTROLLER_NAME;
  const annotations: StringMap = { ...(endpoints.metadata.annotations ?? {}) };
  delete annotations[ANNOTATION_TRIGGER_TIME];
  delete annotations[ANNOTATION_LAST_APPLIED];
  const plan = planSlices({
    existing,
    desired: mirroredGroups(endpoints, ctx.mirroringMaxEndpointsPerSubset),
    addressTypes: ['IPv4', 'IPv6'],
    maxEndpointsPerSlice: ctx.mirroringMaxEndpointsPerSubset,
    placeholder: false,
    labels,
    annotations,
  });
  writeSlicePlan(ctx, plan, existing, {
    namespace,
    generateName: `${name}-`,
    labels,
    annotations,
    ownerReference: {
      apiVersion: 'v1',
      kind: 'Endpoints',
      name,
      uid: endpoints.metadata.uid as string,
      controller: true,
      blockOwnerDeletion: true,
    },
    triggerTime: false,
  });
}
