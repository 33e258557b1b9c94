import { ipFamilyOf } from '../ip/ipFamilyOf.js';
import type { IPFamily, ObjectMetaJson, ServiceJson, ServicePortJson, StringMap } from '../types.js';
import { objectMeta } from './objectMeta.js';

export type ServicePortInput = {
  name?: string;
  /** Default TCP. */
  protocol?: string;
  appProtocol?: string;
  port: number;
  /** A number or a container port's name; default: `port`. */
  targetPort?: number | string;
  /** For NodePort and LoadBalancer services (the API server's allocator picks one: give it). */
  nodePort?: number;
};

export type ServiceObjectInput = {
  metadata: ObjectMetaJson;
  /** Absent ⇒ a selector-less service (its Endpoints are written by hand). */
  selector?: StringMap;
  ports: ServicePortInput[];
  /** Default ClusterIP. */
  type?: string;
  /** `None` ⇒ headless. The allocator's choice: give it (or `clusterIPs`), primary first. */
  clusterIP?: string;
  clusterIPs?: string[];
  /** Default: the families of the cluster IPs (IPv4 for a headless service). */
  ipFamilies?: IPFamily[];
  /** Default: SingleStack, or RequireDualStack for two families. */
  ipFamilyPolicy?: string;
  sessionAffinity?: string;
  externalName?: string;
  publishNotReadyAddresses?: boolean;
};

function servicePort(p: ServicePortInput): ServicePortJson {
  const out = {} as ServicePortJson;
  if (p.name !== undefined) out.name = p.name;
  out.protocol = p.protocol ?? 'TCP';
  if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
  out.port = p.port;
  out.targetPort = p.targetPort ?? p.port;
  if (p.nodePort !== undefined) out.nodePort = p.nodePort;
  return out;
}

/**
 * A Service as the API server returns it after defaulting (SetDefaults_Service and the IP family
 * rules): port protocol TCP and targetPort = port, clusterIP = clusterIPs[0], ipFamilies from the
 * cluster IPs, ipFamilyPolicy, sessionAffinity None, internalTrafficPolicy Cluster, and
 * externalTrafficPolicy Cluster for NodePort and LoadBalancer. An ExternalName service gets no
 * cluster IP and no traffic policies. Spec fields in the Go struct's order; `status.loadBalancer`
 * is always there, empty.
 */
export function serviceObject(input: ServiceObjectInput): ServiceJson {
  const type = input.type ?? 'ClusterIP';
  const spec: ServiceJson['spec'] = { ports: input.ports.map(servicePort) };
  if (input.selector !== undefined) spec.selector = { ...input.selector };
  if (type === 'ExternalName') {
    spec.type = type;
    spec.sessionAffinity = input.sessionAffinity ?? 'None';
    if (input.externalName !== undefined) spec.externalName = input.externalName;
    if (input.publishNotReadyAddresses !== undefined)
      spec.publishNotReadyAddresses = input.publishNotReadyAddresses;
  } else {
    const clusterIPs = input.clusterIPs ?? (input.clusterIP === undefined ? undefined : [input.clusterIP]);
    const families = (clusterIPs ?? []).filter((ip) => ip !== 'None').map(ipFamilyOf);
    const ipFamilies: IPFamily[] = input.ipFamilies ?? (families.length > 0 ? families : ['IPv4']);
    if (clusterIPs?.[0] !== undefined) {
      spec.clusterIP = clusterIPs[0];
      spec.clusterIPs = clusterIPs;
    }
    spec.type = type;
    spec.sessionAffinity = input.sessionAffinity ?? 'None';
    if (type === 'NodePort' || type === 'LoadBalancer') spec.externalTrafficPolicy = 'Cluster';
    if (input.publishNotReadyAddresses !== undefined)
      spec.publishNotReadyAddresses = input.publishNotReadyAddresses;
    spec.ipFamilies = ipFamilies;
    spec.ipFamilyPolicy =
      input.ipFamilyPolicy ?? (ipFamilies.length > 1 ? 'RequireDualStack' : 'SingleStack');
    spec.internalTrafficPolicy = 'Cluster';
  }
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(input.metadata),
    spec,
    status: { loadBalancer: {} },
  };
}
