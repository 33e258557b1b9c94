import { endpointsObject } from '../../kube/objects/index.js';
import type { EndpointAddressJson, EndpointsJson, ObjectReferenceJson, StringMap } from '../../kube/types.js';
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
  return { ...input, ...(input.targetRef ? { targetRef: { ...input.targetRef } } : {}) };
}

/**
 * A hand-written Endpoints (what `kubectl apply` of a manifest gives) for a selector-less Service:
 * one subset, no controller annotations, the client's managedFields entry. With no addresses at all
 * it has no `subsets` key.
 */
export function makeEndpoints(options: MakeEndpointsOptions): EndpointsJson {
  return endpointsObject({
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels,
      annotations: options.annotations,
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
    subsets: [
      {
        addresses: options.addresses.map(toAddress),
        notReadyAddresses: (options.notReadyAddresses ?? []).map(toAddress),
        ports: options.ports,
      },
    ],
  });
}
