export { attachControllers, type ControllerOptions } from './attachControllers.js';
export { batchControllerSyncs } from './batchControllerSyncs.js';
export { computeEndpoints } from './computeEndpoints.js';
export { desiredSliceGroups, sliceLabels } from './endpointSliceController.js';
export { endpointsLabels } from './endpointsController.js';
export { shouldMirror } from './mirroringController.js';
export {
  type DesiredSliceGroup,
  endpointKey,
  type PlannedSlice,
  planSlices,
  portsKey,
  type SlicePlan,
} from './planSlices.js';
export {
  findPort,
  hasSelector,
  isHeadless,
  matchesSelector,
  podIPs,
  primaryFamily,
  serviceAddressTypes,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './podRules.js';
export { type AddressPortEntry, repackSubsets } from './repackSubsets.js';
export { truncateEndpoints } from './truncateEndpoints.js';
export * from './wellKnown.js';
