import { ipFamilyOf } from '../../kube/ip/ipFamilyOf.js';
import type { IPFamily, ServiceJson, ServicePortJson, StringMap } from '../../kube/types.js';
import { fnv1a } from './random.js';
import { rfc3339 } from './time.js';

export type ServicePortInput = {
  name?: string;
  port: number;
  /** Number or a container port name; default: `port` (the API server's defaulting). */
  targetPort?: number | string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  appProtocol?: string;
  /** For NodePort/LoadBalancer; default: derived from the service name in 30000–32767. */
  nodePort?: number;
};

export type MakeServiceOptions = {
  namespace: string;
  name: string;
  /** Absent ⇒ a selector-less service (its Endpoints are written by hand). */
  selector?: StringMap;
  ports: ServicePortInput[];
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** `None` ⇒ headless. Default: derived from the name in 10.96.0.0/16. */
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: IPFamily[];
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  publishNotReadyAddresses?: boolean;
  externalName?: string;
  labels?: StringMap;
  annotations?: StringMap;
  now?: number;
};

function defaultClusterIP(family: IPFamily, key: string): string {
  const h = fnv1a(key);
  return family === 'IPv4'
    ? `10.96.${(h >>> 8) & 0xff}.${(h & 0xfe) + 1}`
    : `fd00:10:96::${(h & 0xffff).toString(16)}`;
}

/**
 * A Service as the API server returns it after defaulting: targetPort = port, protocol TCP,
 * clusterIP(s) and ipFamilies filled, sessionAffinity, internalTrafficPolicy, nodePorts for NodePort.
 */
export function makeService(options: MakeServiceOptions): ServiceJson {
  const key = `${options.namespace}/${options.name}`;
  const type = options.type ?? 'ClusterIP';
  const headless = options.clusterIP === 'None';
  const families: IPFamily[] =
    options.ipFamilies ??
    (options.clusterIPs
      ? options.clusterIPs.filter((ip) => ip !== 'None').map(ipFamilyOf)
      : options.clusterIP && !headless
        ? [ipFamilyOf(options.clusterIP)]
        : ['IPv4']);
  const clusterIPs =
    options.clusterIPs ??
    (headless
      ? ['None']
      : options.clusterIP
        ? [options.clusterIP]
        : families.map((f) => defaultClusterIP(f, key)));
  const ports: ServicePortJson[] = options.ports.map((p, i) => {
    const port = {} as ServicePortJson;
    if (p.name) port.name = p.name;
    port.protocol = p.protocol ?? 'TCP';
    if (p.appProtocol) port.appProtocol = p.appProtocol;
    port.port = p.port;
    port.targetPort = p.targetPort ?? p.port;
    if (type === 'NodePort' || type === 'LoadBalancer')
      port.nodePort = p.nodePort ?? 30000 + ((fnv1a(key) + i) % 2768);
    return port;
  });

  const spec: ServiceJson['spec'] = {};
  if (type !== 'ExternalName') spec.ports = ports;
  if (options.selector) spec.selector = { ...options.selector };
  if (type === 'ExternalName') {
    spec.type = type;
    spec.externalName = options.externalName ?? `${options.name}.example.com`;
    spec.sessionAffinity = 'None';
  } else {
    spec.clusterIP = clusterIPs[0] ?? 'None';
    spec.clusterIPs = clusterIPs;
    spec.type = type;
    spec.sessionAffinity = 'None';
    if (type !== 'ClusterIP') spec.externalTrafficPolicy = 'Cluster';
    spec.ipFamilies = families;
    spec.ipFamilyPolicy =
      options.ipFamilyPolicy ?? (families.length > 1 ? 'RequireDualStack' : 'SingleStack');
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (options.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;

  const at = options.now ?? Date.now();
  const labels = { ...(options.labels ?? {}) };
  const annotations: StringMap = {
    ...(options.annotations ?? {}),
    'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: options.name, namespace: options.namespace, labels },
      spec: { selector: options.selector, ports: options.ports, type },
    })}\n`,
  };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels,
      annotations,
      managedFields: [
        {
          manager: 'kubectl-client-side-apply',
          operation: 'Update',
          apiVersion: 'v1',
          time: rfc3339(at),
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:spec': { 'f:ports': {}, 'f:type': {} } },
        },
      ],
    },
    spec,
    status: { loadBalancer: {} },
  };
}
