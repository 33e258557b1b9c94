import type {
  EndpointAddressJson,
  EndpointPortJson,
  EndpointSubsetJson,
  EndpointsJson,
  ObjectMetaJson,
} from '../types.js';
import { objectMeta } from './objectMeta.js';

export type EndpointSubsetInput = {
  addresses?: EndpointAddressJson[];
  notReadyAddresses?: EndpointAddressJson[];
  /** A port's protocol defaults to TCP. */
  ports?: EndpointPortJson[];
};

export type EndpointsObjectInput = { metadata: ObjectMetaJson; subsets: EndpointSubsetInput[] };

function address(a: EndpointAddressJson): EndpointAddressJson {
  const out: EndpointAddressJson = { ip: a.ip };
  if (a.hostname !== undefined) out.hostname = a.hostname;
  if (a.nodeName !== undefined) out.nodeName = a.nodeName;
  if (a.targetRef !== undefined) out.targetRef = a.targetRef;
  return out;
}

function port(p: EndpointPortJson): EndpointPortJson {
  const out: EndpointPortJson = {} as EndpointPortJson;
  if (p.name !== undefined) out.name = p.name;
  out.port = p.port;
  out.protocol = p.protocol ?? 'TCP';
  if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
  return out;
}

function subset(s: EndpointSubsetInput): EndpointSubsetJson {
  const out: EndpointSubsetJson = {};
  if (s.addresses?.length) out.addresses = s.addresses.map(address);
  if (s.notReadyAddresses?.length) out.notReadyAddresses = s.notReadyAddresses.map(address);
  if (s.ports !== undefined) out.ports = s.ports.map(port);
  return out;
}

/**
 * A v1 Endpoints as the API server returns it: subsets of addresses (ip, hostname, nodeName,
 * targetRef), not-ready addresses and ports (protocol TCP unless given), in the Go structs' field
 * order. A subset with no address of either kind is left out, and an Endpoints with no backends
 * has no `subsets` key at all (`omitempty`), as the controller writes it.
 */
export function endpointsObject(input: EndpointsObjectInput): EndpointsJson {
  const subsets = input.subsets
    .filter((s) => (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0) > 0)
    .map(subset);
  const out: EndpointsJson = { kind: 'Endpoints', apiVersion: 'v1', metadata: objectMeta(input.metadata) };
  if (subsets.length > 0) out.subsets = subsets;
  return out;
}
