import type { StringMap } from '../../kube/index.js';
import type { IpAllocator, ReplicaSetIdentity } from '../objects/index.js';

export type SimClusterOptions = {
  now?: () => number;
  /** node name → zone; its keys are the cluster's nodes (default node-1..node-3 in zone-a..c). */
  zones?: Record<string, string>;
  /** Waits between the steps of multi-step verbs (default: real setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Pause between a pod's lifecycle writes (created → scheduled → running → ready), default 500 ms. */
  podStepMs?: number;
  /** Pause between a pod turning terminating and its containers stopping, and again until deletion. */
  terminationStepMs?: number;
  /** Seed for generated names (pods, ReplicaSet uids); default random. */
  seed?: number;
};

export type DeploymentSpec = {
  namespace: string;
  name: string;
  replicas: number;
  labels: StringMap;
  containerPort: number;
  containerPortName?: string;
  image?: string;
  /** Nodes the pods are spread over, round-robin (cordoned ones skipped). */
  nodes: string[];
  ipAllocator: IpAllocator;
};

/** A deployment as the cluster tracks it: its current ReplicaSet and the pods it still owns. */
export type Deployment = {
  spec: DeploymentSpec;
  rs: ReplicaSetIdentity;
  revision: number;
  cursor: number;
  /** Names of its pods that still exist (any revision). */
  pods: Set<string>;
};

export type PodRef = { namespace: string; name: string };
