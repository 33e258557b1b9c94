import type {
  AddressType,
  EndpointSliceJson,
  ObjectMetaJson,
  SliceEndpointJson,
  SlicePortJson,
} from '../types.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../wellKnown.js';
import { definedOnly } from './definedOnly.js';
import { objectMeta } from './objectMeta.js';

export type EndpointSliceObjectInput = {
  metadata: ObjectMetaJson;
  /** Sets the `kubernetes.io/service-name` label, after the labels of `metadata`. */
  serviceName?: string;
  /** Sets the `endpointslice.kubernetes.io/managed-by` label, last. */
  managedBy?: string;
  addressType: AddressType;
  /** `null` as the API allows (no `omitempty`). */
  endpoints: SliceEndpointJson[] | null;
  /** A port's protocol defaults to TCP; `null` as the API allows. */
  ports: SlicePortJson[] | null;
};

function sliceEndpoint(e: SliceEndpointJson): SliceEndpointJson {
  return definedOnly({
    addresses: e.addresses,
    conditions: definedOnly({
      ready: e.conditions.ready,
      serving: e.conditions.serving,
      terminating: e.conditions.terminating,
    }),
    hostname: e.hostname,
    targetRef: e.targetRef,
    deprecatedTopology: e.deprecatedTopology,
    nodeName: e.nodeName,
    zone: e.zone,
    hints: e.hints,
  });
}

function slicePort(p: SlicePortJson): SlicePortJson {
  return definedOnly({
    name: p.name,
    protocol: p.protocol ?? 'TCP',
    port: p.port,
    appProtocol: p.appProtocol,
  });
}

/**
 * A discovery.k8s.io/v1 EndpointSlice as the API server returns it: the service-name and
 * managed-by labels set from `serviceName` and `managedBy`; endpoints (addresses, conditions,
 * hostname, targetRef, deprecatedTopology, nodeName, zone, hints) and ports (name, protocol — TCP
 * unless given — port, appProtocol) in the Go structs' field order; `endpoints` and `ports` always
 * present, possibly null. A condition left undefined stays absent: the API gives an unset
 * condition its own meaning (ready: treat as ready, serving: defer to ready, terminating: not).
 */
export function endpointSliceObject(input: EndpointSliceObjectInput): EndpointSliceJson {
  const labels = { ...(input.metadata.labels ?? {}) };
  if (input.serviceName !== undefined) labels[LABEL_SERVICE_NAME] = input.serviceName;
  if (input.managedBy !== undefined) labels[LABEL_MANAGED_BY] = input.managedBy;
  return {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    metadata: objectMeta({ ...input.metadata, labels }),
    addressType: input.addressType,
    endpoints: input.endpoints === null ? null : input.endpoints.map(sliceEndpoint),
    ports: input.ports === null ? null : input.ports.map(slicePort),
  };
}
