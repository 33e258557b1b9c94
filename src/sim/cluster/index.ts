export { SimCluster } from './SimCluster.js';
export { startSimCluster } from './startSimCluster.js';
export type { DeploymentSpec, SimClusterOptions } from './types.js';
