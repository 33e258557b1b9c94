import { ipFamilyOf } from '../ip/ipFamilyOf.js';
import type { IPFamily, ObjectMetaJson, ServiceJson, ServicePortJson, StringMap } from '../types.js';
import { definedOnly } from './definedOnly.js';
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
  return definedOnly({
    name: p.name,
    protocol: p.protocol ?? 'TCP',
    appProtocol: p.appProtocol,
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    nodePort: p.nodePort,
  });
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
  const external = type === 'ExternalName';
  const clusterIPs = external
    ? undefined
    : (input.clusterIPs ?? (input.clusterIP === undefined ? undefined : [input.clusterIP]));
  const families =
    input.ipFamilies ??
    (clusterIPs ?? []).filter((ip) => ip !== 'None').map((ip): IPFamily => ipFamilyOf(ip));
  const ipFamilies: IPFamily[] = families.length > 0 ? families : ['IPv4'];
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(input.metadata),
    spec: definedOnly({
      ports: input.ports.map(servicePort),
      selector: input.selector && { ...input.selector },
      clusterIP: clusterIPs?.[0],
      clusterIPs,
      type,
      sessionAffinity: input.sessionAffinity ?? 'None',
      externalName: external ? input.externalName : undefined,
      externalTrafficPolicy: type === 'NodePort' || type === 'LoadBalancer' ? 'Cluster' : undefined,
      publishNotReadyAddresses: input.publishNotReadyAddresses,
      ipFamilies: external ? undefined : ipFamilies,
      ipFamilyPolicy: external
        ? undefined
        : (input.ipFamilyPolicy ?? (ipFamilies.length > 1 ? 'RequireDualStack' : 'SingleStack')),
      internalTrafficPolicy: external ? undefined : 'Cluster',
    }),
    status: { loadBalancer: {} },
  };
}
