import { canonicalIpOrText } from '../kube/ip/canonicalIp.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../kube/wellKnown.js';
import {
  arrayAt,
  asObject,
  boolAt,
  intAt,
  type JsonObject,
  nonEmptyStringAt,
  objectAt,
} from './jsonFields.js';
import { Rejected } from './rejected.js';
import { slimObjectRef } from './slimObjectRef.js';
import type { SlimEndpointSlice, SlimMeta, SlimSliceEndpoint, SlimSlicePort } from './types.js';

function endpoint(item: unknown, at: string): SlimSliceEndpoint {
  const raw = asObject(item, at);
  const addresses = arrayAt(raw, 'addresses', at).map((address, i) => {
    if (typeof address !== 'string')
      throw new Rejected('invalid-field', `${at}.addresses[${i}]: expected string`);
    return canonicalIpOrText(address);
  });
  const conditions = objectAt(raw, 'conditions', at) ?? {};
  const conditionsAt = `${at}.conditions`;
  return {
    addresses,
    conditions: {
      ready: boolAt(conditions, 'ready', conditionsAt),
      serving: boolAt(conditions, 'serving', conditionsAt),
      terminating: boolAt(conditions, 'terminating', conditionsAt),
    },
    hostname: nonEmptyStringAt(raw, 'hostname', at),
    nodeName: nonEmptyStringAt(raw, 'nodeName', at),
    zone: nonEmptyStringAt(raw, 'zone', at),
    targetRef: slimObjectRef(raw, 'targetRef', at),
  };
}

function port(item: unknown, at: string): SlimSlicePort {
  const raw = asObject(item, at);
  return {
    name: nonEmptyStringAt(raw, 'name', at),
    port: intAt(raw, 'port', at),
    protocol: nonEmptyStringAt(raw, 'protocol', at) ?? 'TCP',
    appProtocol: nonEmptyStringAt(raw, 'appProtocol', at),
  };
}

/**
 * The whitelisted form of a raw discovery.k8s.io/v1 EndpointSlice. `endpoints` and `ports` may be
 * null on the wire and read as `[]`. Conditions keep null for unset (see `read/sliceConditions`
 * for what unset means). A port named "" reads as null (both are "unnamed"; the API's pointer
 * distinction carries no meaning for membership). Addresses are canonical IPs, or the name as
 * written in FQDN slices. `addressType` is required (it is immutable and always set).
 */
export function slimEndpointSlice(raw: JsonObject, meta: SlimMeta): SlimEndpointSlice {
  const addressType = nonEmptyStringAt(raw, 'addressType', '');
  if (addressType === null) throw new Rejected('invalid-field', 'addressType: required string is absent');
  return {
    kind: 'EndpointSlice',
    meta,
    serviceName: meta.labels[LABEL_SERVICE_NAME] || null,
    managedBy: meta.labels[LABEL_MANAGED_BY] || null,
    addressType,
    endpoints: arrayAt(raw, 'endpoints', '').map((item, i) => endpoint(item, `endpoints[${i}]`)),
    ports: arrayAt(raw, 'ports', '').map((item, i) => port(item, `ports[${i}]`)),
  };
}
