import type { PodJson } from '../../kube/index.js';
import type { ClusterState } from './clusterState.js';
import { batch, getPod } from './podAccess.js';
import { finishDeletion, terminatePod } from './podLifecycle.js';
import { startPods } from './startPods.js';
import type { PodRef } from './types.js';

/**
 * The node goes away: cordoned, every pod on it evicted (terminating at once, one burst),
 * replacements for deployment pods started on the other nodes, then the evicted pods finish
 * terminating.
 */
export async function drainNode(state: ClusterState, node: string): Promise<void> {
  state.cordoned.add(node);
  const victims: PodRef[] = state.store
    .list('Pod')
    .filter((p) => (p as unknown as PodJson).spec.nodeName === node)
    .map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name }));
  batch(state, () => {
    for (const v of victims) {
      if (!getPod(state, v.namespace, v.name)?.metadata.deletionTimestamp)
        terminatePod(state, v.namespace, v.name);
    }
  });
  for (const d of state.deployments.values()) {
    const lost = victims.filter((v) => v.namespace === d.spec.namespace && d.pods.has(v.name)).length;
    if (lost > 0) await startPods(state, d, lost);
  }
  await finishDeletion(state, victims);
}
