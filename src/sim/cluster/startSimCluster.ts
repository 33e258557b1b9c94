import { attachControllers, type ControllerOptions } from '../controllers/index.js';
import type { SimStore } from '../simStore.js';
import { SimCluster } from './SimCluster.js';
import type { SimClusterOptions } from './types.js';

/**
 * A SimCluster with the controllers attached to the same store, sharing its clock and zones.
 * Returns the cluster and the function that detaches the controllers.
 */
export function startSimCluster(
  store: SimStore,
  options: SimClusterOptions &
    Pick<ControllerOptions, 'maxEndpointsPerSlice' | 'maxEndpointsPerEndpoints'> = {},
): { cluster: SimCluster; detach: () => void } {
  const cluster = new SimCluster(store, options);
  const controllerOptions: ControllerOptions = { zones: { ...cluster.zones } };
  if (options.now) controllerOptions.now = options.now;
  if (options.maxEndpointsPerSlice) controllerOptions.maxEndpointsPerSlice = options.maxEndpointsPerSlice;
  if (options.maxEndpointsPerEndpoints)
    controllerOptions.maxEndpointsPerEndpoints = options.maxEndpointsPerEndpoints;
  const detach = attachControllers(store, controllerOptions);
  return { cluster, detach };
}
