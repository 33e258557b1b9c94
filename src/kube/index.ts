export { aggregatedContentType, aggregatedDiscovery, negotiateAggregated } from './aggregatedDiscovery.js';
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
  KUBECONFIG_USER,
  type KubeconfigContext,
  kubeconfigDocument,
  serverWithToken,
} from './kubeconfigDocument.js';
export { type KubeListOptions, parseKubeListOptions } from './kubeListOptions.js';
export { type KubePath, parseKubePath } from './kubePath.js';
export { findKubeResource, KUBE_RESOURCES, type KubeResource } from './kubeResources.js';
export { type KubeStatus, type KubeStatusReason, kubeStatus } from './kubeStatus.js';
export { KUBE_VERSION } from './kubeVersion.js';
export {
  type LabelRequirement,
  matchesLabels,
  type ParseResult,
  parseLabelSelector,
} from './labelSelector.js';
export { legacyDiscovery } from './legacyDiscovery.js';
export { decodeListContinue, encodeListContinue, type ListPosition } from './listContinueToken.js';
export { mediaRanges } from './mediaRanges.js';
export * from './objects/index.js';
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
export { warningHeaderValue } from './warningHeader.js';
export { bookmarkObject, type KubeWatchType, watchEventLine } from './watchEventLine.js';
export * from './wellKnown.js';
