import type { PodJson, ServiceJson, StringMap } from '../../kube/index.js';
import type { EndpointsAddressInput, MakeServiceOptions } from '../objects/index.js';
import type { SimStore } from '../simStore.js';
import { type ClusterState, makeClusterState } from './clusterState.js';
import { createDeployment, deploymentPods, rollDeployment, scaleDeployment } from './deployments.js';
import { drainNode } from './drainNode.js';
import { getPod } from './podAccess.js';
import {
  type CreatePodOptions,
  createPod,
  deletePod,
  failPod,
  setReady,
  terminatePod,
} from './podLifecycle.js';
import {
  createService,
  deleteEndpoints,
  deleteService,
  type EndpointsPortInput,
  putEndpoints,
} from './services.js';
import type { DeploymentSpec, SimClusterOptions } from './types.js';

/**
 * A cluster operator's verbs over a SimStore. Verbs only write Pods, Services and hand-written
 * Endpoints, in the sequence of writes a real cluster produces; the controllers (attachControllers)
 * derive Endpoints and EndpointSlices. Multi-step verbs are async and pause with the injected `sleep`.
 * Each verb is a function over the cluster's state in a sibling module; this class is their facade.
 */
export class SimCluster {
  readonly nodes: string[];
  readonly zones: Readonly<Record<string, string>>;
  private readonly state: ClusterState;

  constructor(
    readonly store: SimStore,
    options: SimClusterOptions = {},
  ) {
    this.state = makeClusterState(store, options);
    this.nodes = this.state.nodes;
    this.zones = this.state.zones;
  }

  createService(spec: Omit<MakeServiceOptions, 'now'>): ServiceJson {
    return createService(this.state, spec);
  }

  deleteService(namespace: string, name: string): void {
    deleteService(this.state, namespace, name);
  }

  /** Writes (replaces) a hand-written Endpoints, as for a selector-less Service. */
  putEndpoints(
    namespace: string,
    name: string,
    addresses: EndpointsAddressInput[],
    ports: EndpointsPortInput[],
    extra: { notReadyAddresses?: EndpointsAddressInput[]; labels?: StringMap } = {},
  ): void {
    putEndpoints(this.state, namespace, name, addresses, ports, extra);
  }

  deleteEndpoints(namespace: string, name: string): void {
    deleteEndpoints(this.state, namespace, name);
  }

  pod(namespace: string, name: string): PodJson | undefined {
    return getPod(this.state, namespace, name);
  }

  /** Names of the current pods of a deployment (any revision), sorted. */
  deploymentPods(namespace: string, name: string): string[] {
    return deploymentPods(this.state, namespace, name);
  }

  /** Creates the deployment's pods and brings them, all together, through scheduled → running → ready. */
  createDeployment(spec: DeploymentSpec): Promise<string[]> {
    return createDeployment(this.state, spec);
  }

  /** Adds or removes (newest first) pods until `replicas` run. */
  scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
    return scaleDeployment(this.state, namespace, name, replicas);
  }

  /** A rollout with maxSurge 1, maxUnavailable 0: one new pod ready, then one old pod terminated. */
  rollDeployment(namespace: string, name: string): Promise<void> {
    return rollDeployment(this.state, namespace, name);
  }

  /** Creates one standalone pod (no owner) and runs it to ready (or to running when `ready: false`). */
  createPod(options: CreatePodOptions): Promise<string> {
    return createPod(this.state, options);
  }

  /** The readiness probe starts passing (true) or failing (false). */
  setReady(namespace: string, name: string, ready: boolean): void {
    setReady(this.state, namespace, name, ready);
  }

  /** Graceful deletion requested: deletionTimestamp set, the pod still serving until it stops. */
  terminatePod(namespace: string, name: string, gracePeriodSeconds = 30): void {
    terminatePod(this.state, namespace, name, gracePeriodSeconds);
  }

  /** The pod's containers fail; it keeps its IP (phase Failed) until deleted. */
  failPod(namespace: string, name: string): void {
    failPod(this.state, namespace, name);
  }

  /** Graceful deletion to the end: terminating → containers stopped (not ready) → object gone; frees the IP. */
  deletePod(namespace: string, name: string): Promise<void> {
    return deletePod(this.state, namespace, name);
  }

  /**
   * The node goes away: cordoned, every pod on it evicted (terminating at once), replacements for
   * deployment pods started on the other nodes, then the evicted pods finish terminating.
   */
  drainNode(node: string): Promise<void> {
    return drainNode(this.state, node);
  }
}
