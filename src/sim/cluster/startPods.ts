import { makePod, replicaSetPodName, schedulePod, setPodReady, startPod } from '../objects/index.js';
import type { ClusterState } from './clusterState.js';
import { assignPodIPs, batch, updatePod } from './podAccess.js';
import type { Deployment, PodRef } from './types.js';

/**
 * Starts `count` pods of the deployment's current ReplicaSet and brings them, all together, through
 * created → scheduled → running → ready: one burst of writes per step, `podStepMs` apart. Returns
 * their names.
 */
export async function startPods(state: ClusterState, d: Deployment, count: number): Promise<string[]> {
  const { spec, rs } = d;
  const refs: PodRef[] = [];
  batch(state, () => {
    for (let i = 0; i < count; i++) {
      const pod = makePod({
        namespace: spec.namespace,
        name: replicaSetPodName(rs, state.rng),
        generateName: `${rs.name}-`,
        labels: { ...spec.labels, 'pod-template-hash': rs.hash },
        ownerRef: rs.ownerRef,
        containers: [
          {
            name: spec.name,
            image: spec.image ?? 'tomcat:9.0',
            ports: [
              {
                name: spec.containerPortName ?? 'http',
                containerPort: spec.containerPort,
                protocol: 'TCP',
              },
            ],
          },
        ],
        now: state.now(),
      });
      const created = state.store.put('Pod', pod);
      refs.push({ namespace: created.metadata.namespace, name: created.metadata.name });
      d.pods.add(created.metadata.name);
    }
  });
  await state.sleep(state.podStepMs);
  batch(state, () => {
    for (const ref of refs) updatePod(state, ref, (p) => schedulePod(p, nextNode(state, d), state.now()));
  });
  await state.sleep(state.podStepMs);
  batch(state, () => {
    for (const ref of refs) {
      const ips = assignPodIPs(state, ref, spec.ipAllocator);
      updatePod(state, ref, (p) => startPod(p, ips, state.now()));
    }
  });
  await state.sleep(state.podStepMs);
  batch(state, () => {
    for (const ref of refs) updatePod(state, ref, (p) => setPodReady(p, true, state.now()));
  });
  return refs.map((r) => r.name);
}

/**
 * Round-robin over the deployment's uncordoned nodes; when all of them are cordoned, over the
 * cluster's uncordoned nodes. Throws when no node is schedulable.
 */
function nextNode(state: ClusterState, d: Deployment): string {
  const candidates = d.spec.nodes.filter((n) => !state.cordoned.has(n));
  const pool = candidates.length > 0 ? candidates : state.nodes.filter((n) => !state.cordoned.has(n));
  const node = pool[d.cursor % Math.max(pool.length, 1)];
  d.cursor += 1;
  if (!node) throw new Error('SimCluster: no schedulable node');
  return node;
}
