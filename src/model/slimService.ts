import { canonicalIpOrText } from '../kube/ip/canonicalIp.js';
import {
  arrayAt,
  asObject,
  boolAt,
  intAt,
  type JsonObject,
  nonEmptyStringAt,
  objectAt,
  requiredIntAt,
  stringMapAt,
} from './jsonFields.js';
import { Rejected } from './rejected.js';
import type { SlimMeta, SlimService, SlimServicePort } from './types.js';

function targetPort(port: JsonObject, at: string): number | string | null {
  const value = port.targetPort;
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || Number.isSafeInteger(value)) return value as number | string;
  throw new Rejected('invalid-field', `${at}.targetPort: expected integer or string`);
}

function ports(spec: JsonObject): SlimServicePort[] {
  return arrayAt(spec, 'ports', 'spec').map((item, i) => {
    const at = `spec.ports[${i}]`;
    const port = asObject(item, at);
    return {
      name: nonEmptyStringAt(port, 'name', at),
      protocol: nonEmptyStringAt(port, 'protocol', at) ?? 'TCP',
      port: requiredIntAt(port, 'port', at),
      targetPort: targetPort(port, at),
      nodePort: intAt(port, 'nodePort', at),
      appProtocol: nonEmptyStringAt(port, 'appProtocol', at),
    };
  });
}

function stringList(spec: JsonObject, key: string): string[] {
  return arrayAt(spec, key, 'spec').map((item, i) => {
    if (typeof item !== 'string') throw new Rejected('invalid-field', `spec.${key}[${i}]: expected string`);
    return item;
  });
}

/**
 * The whitelisted form of a raw Service: what decides its endpoints (selector, type, ports,
 * publishNotReadyAddresses) and how it is reached (cluster IPs, families, externalName).
 * `type` defaults to ClusterIP; an absent or empty selector is null (a selector-less service,
 * whose endpoints are written by hand); cluster IPs are canonical, "None" (headless) kept as is.
 */
export function slimService(raw: JsonObject, meta: SlimMeta): SlimService {
  const spec = objectAt(raw, 'spec', '') ?? {};
  const selector = stringMapAt(spec, 'selector', 'spec');
  const clusterIP = nonEmptyStringAt(spec, 'clusterIP', 'spec');
  return {
    kind: 'Service',
    meta,
    type: nonEmptyStringAt(spec, 'type', 'spec') ?? 'ClusterIP',
    selector: Object.keys(selector).length === 0 ? null : selector,
    clusterIP: clusterIP === null ? null : canonicalIpOrText(clusterIP),
    clusterIPs: stringList(spec, 'clusterIPs').map(canonicalIpOrText),
    ipFamilies: stringList(spec, 'ipFamilies'),
    ports: ports(spec),
    publishNotReadyAddresses: boolAt(spec, 'publishNotReadyAddresses', 'spec') ?? false,
    externalName: nonEmptyStringAt(spec, 'externalName', 'spec'),
  };
}
