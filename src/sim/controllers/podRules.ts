import { ipFamilyOf } from '../../kube/ip/ipFamilyOf.js';
import { podReference } from '../../kube/objects/index.js';
import type {
  AddressType,
  IPFamily,
  ObjectReferenceJson,
  PodJson,
  ServiceJson,
  ServicePortJson,
  StringMap,
} from '../../kube/types.js';
import { isPodReady } from '../objects/podLifecycle.js';

/**
 * The pod/service predicates both controllers share (k8s.io/endpointslice/util, podutil), written once
 * so that Endpoints and EndpointSlices agree exactly where the real controllers agree.
 */

export { isPodReady };

/** A selector counts only when it has at least one key (an empty map round-trips etcd as nil). */
export function hasSelector(svc: ServiceJson): svc is ServiceJson & { spec: { selector: StringMap } } {
  const selector = svc.spec.selector;
  return selector !== undefined && selector !== null && Object.keys(selector).length > 0;
}

/** Equality-based selector match: every selector key present in the labels with the same value. */
export function matchesSelector(selector: StringMap, labels: StringMap | undefined): boolean {
  if (!labels) return false;
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** Headless = no cluster IP allocated (`None` or empty), helper.IsServiceIPSet negated. */
export function isHeadless(svc: ServiceJson): boolean {
  return !svc.spec.clusterIP || svc.spec.clusterIP === 'None';
}

/**
 * ShouldPodBeInEndpoints: not terminal, has an IP, and (unless `includeTerminating`) no
 * deletionTimestamp. The slice controller always includes terminating pods; the Endpoints controller
 * only with publishNotReadyAddresses.
 */
export function shouldPodBeInEndpoints(pod: PodJson, includeTerminating: boolean): boolean {
  const phase = pod.status.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (podIPs(pod).length === 0) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** hostname is published only when spec.hostname is set and spec.subdomain names this service. */
export function shouldSetHostname(pod: PodJson, svc: ServiceJson): boolean {
  return (
    !!pod.spec.hostname &&
    pod.spec.subdomain === svc.metadata.name &&
    pod.metadata.namespace === svc.metadata.namespace
  );
}

/** status.podIPs, or the legacy status.podIP. */
export function podIPs(pod: PodJson): string[] {
  const ips = pod.status.podIPs?.map((p) => p.ip) ?? [];
  if (ips.length > 0) return ips;
  return pod.status.podIP ? [pod.status.podIP] : [];
}

/** The pod's first IP of a family, or undefined. */
export function podIPOfFamily(pod: PodJson, family: IPFamily): string | undefined {
  return podIPs(pod).find((ip) => ipFamilyOf(ip) === family);
}

/** The address types a service's slices use: one per entry of spec.ipFamilies (IPv4 when unset). */
export function serviceAddressTypes(svc: ServiceJson): AddressType[] {
  const families = svc.spec.ipFamilies;
  if (families && families.length > 0) return [...families];
  const ip = svc.spec.clusterIP;
  return [ip && ip !== 'None' ? ipFamilyOf(ip) : 'IPv4'];
}

/** The reference both controllers put on an address: the pod's kind, namespace, name and uid. */
export function podTargetRef(pod: PodJson): ObjectReferenceJson {
  const { namespace, name, uid } = pod.metadata;
  return podReference({ namespace: namespace as string, name: name as string, uid: uid as string });
}

/** The service's primary family (spec.ipFamilies[0]), the only one v1 Endpoints carry. */
export function primaryFamily(svc: ServiceJson): IPFamily {
  const first = serviceAddressTypes(svc)[0];
  return first === 'IPv6' ? 'IPv6' : 'IPv4';
}

/**
 * podutil.FindPort: a numeric targetPort is used as is; a named one is looked up among the pod's
 * container ports with the same protocol. Returns undefined when the name is not found (the pod is
 * then left out for that port).
 */
export function findPort(pod: PodJson, port: ServicePortJson): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  const asNumber = Number(target);
  if (target !== '' && Number.isInteger(asNumber)) return asNumber;
  const protocol = port.protocol ?? 'TCP';
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}
