export { describeEndpoints } from './describe/describeEndpoints.js';
export {
  type FieldRequirement,
  matchesFields,
  parseFieldSelector,
  supportedFields,
} from './fieldSelector.js';
export { canonicalIp, canonicalIpOrText } from './ip/canonicalIp.js';
export { ipFamilyOf } from './ip/ipFamilyOf.js';
export { isIPv6 } from './ip/isIPv6.js';
export {
  type LabelRequirement,
  matchesLabels,
  type ParseResult,
  parseLabelSelector,
} from './labelSelector.js';
export * from './printers/index.js';
export { type AddressPortEntry, repackSubsets } from './repackSubsets.js';
export type * from './types.js';
export {
  type EndpointAddressState,
  type EndpointSetState,
  type RecordedEndpointsMeta,
  type V1Endpoints,
  v1Endpoints,
} from './v1Endpoints.js';
