import type { PodJson } from '../../kube/index.js';
import {
  failPod as failPodObject,
  type IpAllocator,
  type MakePodOptions,
  makePod,
  markPodTerminating,
  schedulePod,
  setPodReady,
  startPod,
  stopPodContainers,
} from '../objects/index.js';
import type { ClusterState } from './clusterState.js';
import { assignPodIPs, batch, getPod, releasePodIPs, updatePod } from './podAccess.js';
import type { PodRef } from './types.js';

/** What createPod takes: a pod template plus the node it lands on and where its IPs come from. */
export type CreatePodOptions = Omit<MakePodOptions, 'nodeName' | 'ips' | 'now' | 'phase'> & {
  node: string;
  ipAllocator: IpAllocator;
};

/**
 * Creates one standalone pod (no owner) and runs it to ready (or to running when `ready: false`),
 * one write per step with `podStepMs` between them; returns its name.
 */
export async function createPod(state: ClusterState, options: CreatePodOptions): Promise<string> {
  const { node, ipAllocator, ready, ...rest } = options;
  const created = state.store.put('Pod', makePod({ ...rest, now: state.now() }));
  const ref = { namespace: created.metadata.namespace, name: created.metadata.name };
  await state.sleep(state.podStepMs);
  updatePod(state, ref, (p) => schedulePod(p, node, state.now()));
  await state.sleep(state.podStepMs);
  // a host-network pod has its node's IP: nothing to draw from (or give back to) the pod network
  const ips = rest.hostNetwork ? [] : assignPodIPs(state, ref, ipAllocator);
  updatePod(state, ref, (p) => startPod(p, ips, state.now()));
  if (ready !== false) {
    await state.sleep(state.podStepMs);
    updatePod(state, ref, (p) => setPodReady(p, true, state.now()));
  }
  return ref.name;
}

/** The readiness probe starts passing (true) or failing (false). */
export function setReady(state: ClusterState, namespace: string, name: string, ready: boolean): void {
  updatePod(state, { namespace, name }, (p) => setPodReady(p, ready, state.now()));
}

/** Graceful deletion requested: deletionTimestamp set, the pod still serving until it stops. */
export function terminatePod(
  state: ClusterState,
  namespace: string,
  name: string,
  gracePeriodSeconds = 30,
): void {
  updatePod(state, { namespace, name }, (p) => markPodTerminating(p, state.now(), gracePeriodSeconds));
}

/** The pod's containers fail; it keeps its IP (phase Failed) until deleted. */
export function failPod(state: ClusterState, namespace: string, name: string): void {
  updatePod(state, { namespace, name }, (p) => failPodObject(p, state.now()));
}

/** Graceful deletion to the end: terminating → containers stopped (not ready) → object gone; frees the IP. */
export async function deletePod(state: ClusterState, namespace: string, name: string): Promise<void> {
  const pod = getPod(state, namespace, name);
  if (!pod) return;
  if (!pod.metadata.deletionTimestamp) terminatePod(state, namespace, name);
  await finishDeletion(state, [{ namespace, name }]);
}

/**
 * The rest of a graceful deletion, for pods already terminating: after `terminationStepMs` their
 * containers stop (one burst), after another the objects go (one burst), leaving their deployments
 * and returning their IPs to the allocators.
 */
export async function finishDeletion(state: ClusterState, refs: PodRef[]): Promise<void> {
  await state.sleep(state.terminationStepMs);
  batch(state, () => {
    for (const ref of refs)
      if (getPod(state, ref.namespace, ref.name))
        updatePod(state, ref, (p) => stopPodContainers(p, state.now()));
  });
  await state.sleep(state.terminationStepMs);
  batch(state, () => {
    for (const { namespace, name } of refs) {
      const gone = state.store.remove('Pod', namespace, name) as unknown as PodJson | null;
      for (const d of state.deployments.values()) if (d.spec.namespace === namespace) d.pods.delete(name);
      releasePodIPs(state, { namespace, name }, gone);
    }
  });
}
