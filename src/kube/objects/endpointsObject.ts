import type {
  EndpointAddressJson,
  EndpointPortJson,
  EndpointSubsetJson,
  EndpointsJson,
  ObjectMetaJson,
} from '../types.js';
import { definedOnly } from './definedOnly.js';
import { objectMeta } from './objectMeta.js';

export type EndpointSubsetInput = {
  addresses?: EndpointAddressJson[];
  notReadyAddresses?: EndpointAddressJson[];
  /** A port's protocol defaults to TCP. */
  ports?: EndpointPortJson[];
};

export type EndpointsObjectInput = { metadata: ObjectMetaJson; subsets: EndpointSubsetInput[] };

function address(a: EndpointAddressJson): EndpointAddressJson {
  return definedOnly({ ip: a.ip, hostname: a.hostname, nodeName: a.nodeName, targetRef: a.targetRef });
}

function subset(s: EndpointSubsetInput): EndpointSubsetJson {
  return definedOnly({
    addresses: s.addresses?.length ? s.addresses.map(address) : undefined,
    notReadyAddresses: s.notReadyAddresses?.length ? s.notReadyAddresses.map(address) : undefined,
    ports: s.ports?.map((p) =>
      definedOnly({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP', appProtocol: p.appProtocol }),
    ),
  });
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
  return definedOnly({
    kind: 'Endpoints',
    apiVersion: 'v1',
    metadata: objectMeta(input.metadata),
    subsets: subsets.length > 0 ? subsets : undefined,
  });
}
