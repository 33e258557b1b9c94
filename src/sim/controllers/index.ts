export { attachControllers, type ControllerOptions } from './attachControllers.js';
export { batchControllerSyncs } from './batchControllerSyncs.js';
export { repackSubsets } from './repackSubsets.js';
