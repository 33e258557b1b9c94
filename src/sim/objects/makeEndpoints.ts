import type {
  EndpointAddressJson,
  EndpointPortJson,
  EndpointsJson,
  ObjectReferenceJson,
  StringMap,
} from '../../kube/types.js';
import { rfc3339 } from './time.js';

export type EndpointsAddressInput =
  | string
  | { ip: string; nodeName?: string; hostname?: string; targetRef?: ObjectReferenceJson };

export type MakeEndpointsOptions = {
  namespace: string;
  name: string;
  addresses: EndpointsAddressInput[];
  notReadyAddresses?: EndpointsAddressInput[];
  ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP'; appProtocol?: string }[];
  labels?: StringMap;
  annotations?: StringMap;
  now?: number;
};

function toAddress(input: EndpointsAddressInput): EndpointAddressJson {
  if (typeof input === 'string') return { ip: input };
  const address: EndpointAddressJson = { ip: input.ip };
  if (input.hostname) address.hostname = input.hostname;
  if (input.nodeName) address.nodeName = input.nodeName;
  if (input.targetRef) address.targetRef = { ...input.targetRef };
  return address;
}

/**
 * A hand-written Endpoints (what `kubectl apply` of a manifest gives) for a selector-less Service:
 * one subset, no controller annotations. With no addresses at all it has no `subsets` key.
 */
export function makeEndpoints(options: MakeEndpointsOptions): EndpointsJson {
  const addresses = options.addresses.map(toAddress);
  const notReady = (options.notReadyAddresses ?? []).map(toAddress);
  const ports: EndpointPortJson[] = options.ports.map((p) => {
    const port = {} as EndpointPortJson;
    if (p.name) port.name = p.name;
    port.port = p.port;
    port.protocol = p.protocol ?? 'TCP';
    if (p.appProtocol) port.appProtocol = p.appProtocol;
    return port;
  });
  const endpoints: EndpointsJson = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: { ...(options.labels ?? {}) },
      annotations: { ...(options.annotations ?? {}) },
      managedFields: [
        {
          manager: 'kubectl-client-side-apply',
          operation: 'Update',
          apiVersion: 'v1',
          time: rfc3339(options.now ?? Date.now()),
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:subsets': {} },
        },
      ],
    },
  };
  if (addresses.length > 0 || notReady.length > 0) {
    const subset: NonNullable<EndpointsJson['subsets']>[number] = {};
    if (addresses.length > 0) subset.addresses = addresses;
    if (notReady.length > 0) subset.notReadyAddresses = notReady;
    subset.ports = ports;
    endpoints.subsets = [subset];
  }
  return endpoints;
}
