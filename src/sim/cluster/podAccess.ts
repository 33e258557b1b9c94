import type { PodJson } from '../../kube/index.js';
import { batchControllerSyncs } from '../controllers/index.js';
import type { IpAllocator } from '../objects/index.js';
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

const podKey = (ref: PodRef): string => `${ref.namespace}/${ref.name}`;

/** Draws the pod's IPs from `allocator` and remembers it, so that releasePodIPs returns them there. */
export function assignPodIPs(state: ClusterState, ref: PodRef, allocator: IpAllocator): string[] {
  const ips = allocator.allocate();
  state.podAllocators.set(podKey(ref), allocator);
  return ips;
}

/** Gives a removed pod's IPs back to the allocator they came from and forgets it. */
export function releasePodIPs(state: ClusterState, ref: PodRef, pod: PodJson | null): void {
  const allocator = state.podAllocators.get(podKey(ref));
  state.podAllocators.delete(podKey(ref));
  for (const ip of pod?.status.podIPs ?? []) allocator?.release(ip.ip);
}

/** Writes issued together (one kubelet/controller burst): the controllers sync once after them. */
export function batch(state: ClusterState, writes: () => void): void {
  batchControllerSyncs(state.store, writes);
}
