import type {
  AddressType,
  EndpointSliceJson,
  ObjectMetaJson,
  SliceEndpointJson,
  SlicePortJson,
} from '../types.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../wellKnown.js';
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
  const conditions: SliceEndpointJson['conditions'] = {};
  if (e.conditions.ready !== undefined) conditions.ready = e.conditions.ready;
  if (e.conditions.serving !== undefined) conditions.serving = e.conditions.serving;
  if (e.conditions.terminating !== undefined) conditions.terminating = e.conditions.terminating;
  const out: SliceEndpointJson = { addresses: e.addresses, conditions };
  if (e.hostname !== undefined) out.hostname = e.hostname;
  if (e.targetRef !== undefined) out.targetRef = e.targetRef;
  if (e.deprecatedTopology !== undefined) out.deprecatedTopology = e.deprecatedTopology;
  if (e.nodeName !== undefined) out.nodeName = e.nodeName;
  if (e.zone !== undefined) out.zone = e.zone;
  if (e.hints !== undefined) out.hints = e.hints;
  return out;
}

function slicePort(p: SlicePortJson): SlicePortJson {
  const out: SlicePortJson = {};
  if (p.name !== undefined) out.name = p.name;
  out.protocol = p.protocol ?? 'TCP';
  if (p.port !== undefined) out.port = p.port;
  if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
  return out;
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
