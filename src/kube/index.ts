export { aggregatedContentType, aggregatedDiscovery, negotiateAggregated } from './aggregatedDiscovery.js';
export {
  type FieldRequirement,
  matchesFieldRequirements,
  parseFieldRequirements,
} from './fieldRequirements.js';
export {
  KUBECONFIG_USER,
  type KubeconfigContext,
  kubeconfigDocument,
  serverWithToken,
} from './kubeconfigDocument.js';
export { type KubeListOptions, parseKubeListOptions } from './kubeListOptions.js';
export {
  kubeEndpointSlice,
  kubeMeta,
  kubeNamespace,
  kubeObject,
  kubePod,
  kubeService,
} from './kubeObjects.js';
export { type KubePath, parseKubePath } from './kubePath.js';
export { findKubeResource, KUBE_RESOURCES, type KubeResource } from './kubeResources.js';
export { type KubeStatus, type KubeStatusReason, kubeStatus } from './kubeStatus.js';
export { type KubeJson, kubeTable, negotiateTable, type TableAsk } from './kubeTable.js';
export { KUBE_VERSION } from './kubeVersion.js';
export { legacyDiscovery } from './legacyDiscovery.js';
export { decodeListContinue, encodeListContinue, type ListPosition } from './listContinueToken.js';
export { mediaRanges } from './mediaRanges.js';
export { warningHeaderValue } from './warningHeader.js';
export { bookmarkObject, type KubeWatchType, watchEventLine } from './watchEventLine.js';
