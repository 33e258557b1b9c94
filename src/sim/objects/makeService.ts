import { type ServicePortInput, serviceObject } from '../../kube/objects/index.js';
import type { IPFamily, ServiceJson, StringMap } from '../../kube/types.js';
import { fnv1a } from './random.js';
import { rfc3339 } from './time.js';

export type { ServicePortInput };

export type MakeServiceOptions = {
  namespace: string;
  name: string;
  /** Absent ⇒ a selector-less service (its Endpoints are written by hand). */
  selector?: StringMap;
  /** A NodePort/LoadBalancer port without a nodePort gets one derived from the name in 30000–32767. */
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

/** The allocator's pick, stable per service: derived from `namespace/name` in the service CIDR. */
function allocatedClusterIP(family: IPFamily, key: string): string {
  const h = fnv1a(key);
  return family === 'IPv4'
    ? `10.96.${(h >>> 8) & 0xff}.${(h & 0xfe) + 1}`
    : `fd00:10:96::${(h & 0xffff).toString(16)}`;
}

/**
 * A Service as `kubectl apply` leaves it: the API server's allocations (cluster IPs per family,
 * node ports, both derived from the name so that they are stable) and defaulting (`serviceObject`),
 * the last-applied annotation and the client's managedFields entry.
 */
export function makeService(options: MakeServiceOptions): ServiceJson {
  const key = `${options.namespace}/${options.name}`;
  const type = options.type ?? 'ClusterIP';
  const allocates = !options.clusterIPs && !options.clusterIP && type !== 'ExternalName';
  const families: IPFamily[] = options.ipFamilies ?? ['IPv4'];
  const nodePorts = type === 'NodePort' || type === 'LoadBalancer';
  const labels = { ...(options.labels ?? {}) };
  const at = options.now ?? Date.now();
  return serviceObject({
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels,
      annotations: {
        ...(options.annotations ?? {}),
        'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: options.name, namespace: options.namespace, labels },
          spec: { selector: options.selector, ports: options.ports, type },
        })}\n`,
      },
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
    selector: options.selector,
    ports: options.ports.map((p, i) =>
      nodePorts ? { ...p, nodePort: p.nodePort ?? 30000 + ((fnv1a(key) + i) % 2768) } : p,
    ),
    type,
    clusterIP: options.clusterIP,
    clusterIPs: allocates ? families.map((f) => allocatedClusterIP(f, key)) : options.clusterIPs,
    ipFamilies: options.ipFamilies,
    ipFamilyPolicy: options.ipFamilyPolicy,
    externalName:
      type === 'ExternalName' ? (options.externalName ?? `${options.name}.example.com`) : undefined,
    publishNotReadyAddresses: options.publishNotReadyAddresses || undefined,
  });
}
