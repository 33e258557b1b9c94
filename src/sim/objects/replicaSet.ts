import type { OwnerReferenceJson } from '../../kube/types.js';
import { type Rng, randomSuffix, stableHash } from './random.js';

/** What a Deployment's ReplicaSet stamps on its pods: name prefix, template hash label, owner. */
export type ReplicaSetIdentity = { name: string; hash: string; ownerRef: OwnerReferenceJson };

/**
 * The ReplicaSet of `deployment` at `revision`: `<deployment>-<pod-template-hash>`, the hash derived
 * from deployment and revision (stable across runs, different per rollout), with a controller owner
 * reference as pods carry it.
 */
export function replicaSetIdentity(
  namespace: string,
  deployment: string,
  revision: number,
  uid: string,
): ReplicaSetIdentity {
  const hash = stableHash(`${namespace}/${deployment}#${revision}`, 10);
  const name = `${deployment}-${hash}`;
  return {
    name,
    hash,
    ownerRef: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name,
      uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  };
}

/** A pod name as the ReplicaSet controller makes it: `<replicaset>-<5 random characters>`. */
export function replicaSetPodName(rs: ReplicaSetIdentity, rng: Rng): string {
  return `${rs.name}-${randomSuffix(rng, 5)}`;
}
