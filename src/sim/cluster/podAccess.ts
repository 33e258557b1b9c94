import { batchControllerSyncs } from '../controllers/index.js';
import type { PodJson } from '../objects/index.js';
import type { ClusterState } from './clusterState.js';
import type { PodRef } from './types.js';

/** The pod as stored now, or undefined when it does not exist. */
export function getPod(state: ClusterState, namespace: string, name: string): PodJson | undefined {
  return state.store.get('Pod', namespace, name) as unknown as PodJson | undefined;
}

/** Rewrites an existing pod through `change`; a missing pod is a broken invariant and throws. */
export function updatePod(state: ClusterState, ref: PodRef, change: (pod: PodJson) => PodJson): void {
  const pod = getPod(state, ref.namespace, ref.name);
  if (!pod) throw new Error(`SimCluster: no pod ${ref.namespace}/${ref.name}`);
  state.store.put('Pod', change(pod));
}

/** Writes issued together (one kubelet/controller burst): the controllers sync once after them. */
export function batch(state: ClusterState, writes: () => void): void {
  batchControllerSyncs(state.store, writes);
}
