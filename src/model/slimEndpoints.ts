import { canonicalIpOrText } from '../kube/ip/canonicalIp.js';
import {
  arrayAt,
  asObject,
  type JsonObject,
  nonEmptyStringAt,
  requiredIntAt,
  stringAt,
} from './jsonFields.js';
import { Rejected } from './rejected.js';
import { slimObjectRef } from './slimObjectRef.js';
import type { SlimEndpointAddress, SlimEndpointPort, SlimEndpoints, SlimMeta } from './types.js';

function addresses(subset: JsonObject, key: string, at: string): SlimEndpointAddress[] {
  return arrayAt(subset, key, at).map((item, i) => {
    const addressAt = `${at}.${key}[${i}]`;
    const address = asObject(item, addressAt);
    const ip = stringAt(address, 'ip', addressAt);
    if (ip === null) throw new Rejected('invalid-field', `${addressAt}.ip: required string is absent`);
    return {
      ip: canonicalIpOrText(ip),
      hostname: nonEmptyStringAt(address, 'hostname', addressAt),
      nodeName: nonEmptyStringAt(address, 'nodeName', addressAt),
      targetRef: slimObjectRef(address, 'targetRef', addressAt),
    };
  });
}

function ports(subset: JsonObject, at: string): SlimEndpointPort[] {
  return arrayAt(subset, 'ports', at).map((item, i) => {
    const portAt = `${at}.ports[${i}]`;
    const port = asObject(item, portAt);
    return {
      name: nonEmptyStringAt(port, 'name', portAt),
      port: requiredIntAt(port, 'port', portAt),
      protocol: nonEmptyStringAt(port, 'protocol', portAt) ?? 'TCP',
      appProtocol: nonEmptyStringAt(port, 'appProtocol', portAt),
    };
  });
}

/**
 * The whitelisted form of a raw v1 Endpoints: subsets in server order, each with its ready
 * `addresses`, `notReadyAddresses` and ports. IPs are canonical when they parse and kept as
 * written otherwise (we record what the server said). An Endpoints without backends has no
 * `subsets` and reads as `[]`. A port named "" reads as null: both mean an unnamed port.
 */
export function slimEndpoints(raw: JsonObject, meta: SlimMeta): SlimEndpoints {
  const subsets = arrayAt(raw, 'subsets', '').map((item, i) => {
    const at = `subsets[${i}]`;
    const subset = asObject(item, at);
    return {
      addresses: addresses(subset, 'addresses', at),
      notReadyAddresses: addresses(subset, 'notReadyAddresses', at),
      ports: ports(subset, at),
    };
  });
  return { kind: 'Endpoints', meta, subsets };
}
