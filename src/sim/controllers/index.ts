export { attachControllers, type ControllerOptions } from './attachControllers.js';
export { batchControllerSyncs } from './batchControllerSyncs.js';
