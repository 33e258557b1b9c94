import { randomUid, replicaSetIdentity } from '../objects/index.js';
import type { ClusterState } from './clusterState.js';
import { getPod } from './podAccess.js';
import { deletePod } from './podLifecycle.js';
import { startPods } from './startPods.js';
import type { Deployment, DeploymentSpec } from './types.js';

/** Names of the current pods of a deployment (any revision), sorted; [] for an unknown deployment. */
export function deploymentPods(state: ClusterState, namespace: string, name: string): string[] {
  const d = state.deployments.get(`${namespace}/${name}`);
  if (!d) return [];
  return [...d.pods].sort();
}

/** Creates the deployment's pods and brings them, all together, through scheduled → running → ready. */
export async function createDeployment(state: ClusterState, spec: DeploymentSpec): Promise<string[]> {
  const d: Deployment = {
    spec,
    revision: 1,
    cursor: 0,
    pods: new Set(),
    rs: replicaSetIdentity(spec.namespace, spec.name, 1, randomUid(state.rng)),
  };
  state.deployments.set(`${spec.namespace}/${spec.name}`, d);
  return startPods(state, d, spec.replicas);
}

/** Adds or removes (newest first, one graceful deletion after another) pods until `replicas` run. */
export async function scaleDeployment(
  state: ClusterState,
  namespace: string,
  name: string,
  replicas: number,
): Promise<void> {
  const d = requireDeployment(state, namespace, name);
  d.spec = { ...d.spec, replicas };
  // d.pods keeps creation order, so the surplus taken from the end is the newest pods.
  const current = [...d.pods].filter((p) => !getPod(state, namespace, p)?.metadata.deletionTimestamp);
  if (current.length < replicas) await startPods(state, d, replicas - current.length);
  for (const victim of current.slice(replicas).reverse()) await deletePod(state, namespace, victim);
}

/**
 * A rollout with maxSurge 1, maxUnavailable 0 under a new ReplicaSet (revision + 1): per old pod,
 * one new pod ready, then that old pod deleted gracefully.
 */
export async function rollDeployment(state: ClusterState, namespace: string, name: string): Promise<void> {
  const d = requireDeployment(state, namespace, name);
  const old = deploymentPods(state, namespace, name);
  d.revision += 1;
  d.rs = replicaSetIdentity(namespace, name, d.revision, randomUid(state.rng));
  for (const victim of old) {
    await startPods(state, d, 1);
    await deletePod(state, namespace, victim);
  }
}

function requireDeployment(state: ClusterState, namespace: string, name: string): Deployment {
  const d = state.deployments.get(`${namespace}/${name}`);
  if (!d) throw new Error(`SimCluster: no deployment ${namespace}/${name}`);
  return d;
}
