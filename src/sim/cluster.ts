import { attachControllers, batchControllerSyncs, type ControllerOptions } from './controllers/index.js';
import {
  type EndpointsAddressInput,
  failPod,
  type IpAllocator,
  type MakePodOptions,
  type MakeServiceOptions,
  makeEndpoints,
  makePod,
  makeService,
  markPodTerminating,
  mulberry32,
  type PodJson,
  type ReplicaSetIdentity,
  type Rng,
  randomUid,
  replicaSetIdentity,
  replicaSetPodName,
  type ServiceJson,
  type StringMap,
  schedulePod,
  setPodReady,
  startPod,
  stopPodContainers,
} from './objects/index.js';
import type { SimStore } from './simStore.js';

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

type Deployment = {
  spec: DeploymentSpec;
  rs: ReplicaSetIdentity;
  revision: number;
  cursor: number;
  /** Names of its pods that still exist (any revision). */
  pods: Set<string>;
};
type PodRef = { namespace: string; name: string };

const DEFAULT_ZONES = { 'node-1': 'zone-a', 'node-2': 'zone-b', 'node-3': 'zone-c' };
const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A cluster operator's verbs over a SimStore. Verbs only write Pods, Services and hand-written
 * Endpoints, in the sequence of writes a real cluster produces; the controllers (attachControllers)
 * derive Endpoints and EndpointSlices. Multi-step verbs are async and pause with the injected `sleep`.
 */
export class SimCluster {
  readonly nodes: string[];
  readonly zones: Readonly<Record<string, string>>;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly podStepMs: number;
  private readonly terminationStepMs: number;
  private readonly rng: Rng;
  private readonly deployments = new Map<string, Deployment>();
  private readonly podAllocators = new Map<string, IpAllocator>();
  private readonly cordoned = new Set<string>();

  constructor(
    readonly store: SimStore,
    options: SimClusterOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.zones = { ...(options.zones ?? DEFAULT_ZONES) };
    this.nodes = Object.keys(this.zones);
    this.sleep = options.sleep ?? realSleep;
    this.podStepMs = options.podStepMs ?? 500;
    this.terminationStepMs = options.terminationStepMs ?? 1000;
    this.rng = mulberry32(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  createService(spec: Omit<MakeServiceOptions, 'now'>): ServiceJson {
    return this.store.put('Service', makeService({ ...spec, now: this.now() })) as unknown as ServiceJson;
  }

  deleteService(namespace: string, name: string): void {
    this.store.remove('Service', namespace, name);
  }

  /** Writes (replaces) a hand-written Endpoints, as for a selector-less Service. */
  putEndpoints(
    namespace: string,
    name: string,
    addresses: EndpointsAddressInput[],
    ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' }[],
    extra: { notReadyAddresses?: EndpointsAddressInput[]; labels?: StringMap } = {},
  ): void {
    this.store.put(
      'Endpoints',
      makeEndpoints({ namespace, name, addresses, ports, ...extra, now: this.now() }),
    );
  }

  deleteEndpoints(namespace: string, name: string): void {
    this.store.remove('Endpoints', namespace, name);
  }

  pod(namespace: string, name: string): PodJson | undefined {
    return this.store.get('Pod', namespace, name) as unknown as PodJson | undefined;
  }

  /** Names of the current pods of a deployment (any revision), sorted. */
  deploymentPods(namespace: string, name: string): string[] {
    const d = this.deployments.get(`${namespace}/${name}`);
    if (!d) return [];
    return [...d.pods].sort();
  }

  /** Creates the deployment's pods and brings them, all together, through scheduled → running → ready. */
  async createDeployment(spec: DeploymentSpec): Promise<string[]> {
    const d: Deployment = {
      spec,
      revision: 1,
      cursor: 0,
      pods: new Set(),
      rs: replicaSetIdentity(spec.namespace, spec.name, 1, randomUid(this.rng)),
    };
    this.deployments.set(`${spec.namespace}/${spec.name}`, d);
    return this.startPods(d, spec.replicas);
  }

  /** Adds or removes (newest first) pods until `replicas` run. */
  async scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
    const d = this.deployment(namespace, name);
    d.spec = { ...d.spec, replicas };
    // d.pods keeps creation order, so the surplus taken from the end is the newest pods.
    const current = [...d.pods].filter((p) => !this.pod(namespace, p)?.metadata.deletionTimestamp);
    if (current.length < replicas) await this.startPods(d, replicas - current.length);
    for (const victim of current.slice(replicas).reverse()) await this.deletePod(namespace, victim);
  }

  /** A rollout with maxSurge 1, maxUnavailable 0: one new pod ready, then one old pod terminated. */
  async rollDeployment(namespace: string, name: string): Promise<void> {
    const d = this.deployment(namespace, name);
    const old = this.deploymentPods(namespace, name);
    d.revision += 1;
    d.rs = replicaSetIdentity(namespace, name, d.revision, randomUid(this.rng));
    for (const victim of old) {
      await this.startPods(d, 1);
      await this.deletePod(namespace, victim);
    }
  }

  /** Creates one standalone pod (no owner) and runs it to ready (or to running when `ready: false`). */
  async createPod(
    options: Omit<MakePodOptions, 'nodeName' | 'ips' | 'now' | 'phase'> & {
      node: string;
      ipAllocator: IpAllocator;
    },
  ): Promise<string> {
    const { node, ipAllocator, ready, ...rest } = options;
    const created = this.store.put('Pod', makePod({ ...rest, now: this.now() }));
    const ref = { namespace: created.metadata.namespace, name: created.metadata.name };
    await this.sleep(this.podStepMs);
    this.update(ref, (p) => schedulePod(p, node, this.now()));
    await this.sleep(this.podStepMs);
    const ips = ipAllocator.allocate();
    this.podAllocators.set(`${ref.namespace}/${ref.name}`, ipAllocator);
    this.update(ref, (p) => startPod(p, ips, this.now()));
    if (ready !== false) {
      await this.sleep(this.podStepMs);
      this.update(ref, (p) => setPodReady(p, true, this.now()));
    }
    return ref.name;
  }

  /** The readiness probe starts passing (true) or failing (false). */
  setReady(namespace: string, name: string, ready: boolean): void {
    this.update({ namespace, name }, (p) => setPodReady(p, ready, this.now()));
  }

  /** Graceful deletion requested: deletionTimestamp set, the pod still serving until it stops. */
  terminatePod(namespace: string, name: string, gracePeriodSeconds = 30): void {
    this.update({ namespace, name }, (p) => markPodTerminating(p, this.now(), gracePeriodSeconds));
  }

  /** The pod's containers fail; it keeps its IP (phase Failed) until deleted. */
  failPod(namespace: string, name: string): void {
    this.update({ namespace, name }, (p) => failPod(p, this.now()));
  }

  /** Graceful deletion to the end: terminating → containers stopped (not ready) → object gone; frees the IP. */
  async deletePod(namespace: string, name: string): Promise<void> {
    const pod = this.pod(namespace, name);
    if (!pod) return;
    if (!pod.metadata.deletionTimestamp) this.terminatePod(namespace, name);
    await this.finishDeletion([{ namespace, name }]);
  }

  /**
   * The node goes away: cordoned, every pod on it evicted (terminating at once), replacements for
   * deployment pods started on the other nodes, then the evicted pods finish terminating.
   */
  async drainNode(node: string): Promise<void> {
    this.cordoned.add(node);
    const victims: PodRef[] = this.store
      .list('Pod')
      .filter((p) => (p as unknown as PodJson).spec.nodeName === node)
      .map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name }));
    this.batch(() => {
      for (const v of victims) {
        if (!this.pod(v.namespace, v.name)?.metadata.deletionTimestamp)
          this.terminatePod(v.namespace, v.name);
      }
    });
    for (const d of this.deployments.values()) {
      const lost = victims.filter((v) => v.namespace === d.spec.namespace && d.pods.has(v.name)).length;
      if (lost > 0) await this.startPods(d, lost);
    }
    await this.finishDeletion(victims);
  }

  /** The rest of a graceful deletion, for pods already terminating: containers stop, then the objects go. */
  private async finishDeletion(refs: PodRef[]): Promise<void> {
    await this.sleep(this.terminationStepMs);
    this.batch(() => {
      for (const ref of refs)
        if (this.pod(ref.namespace, ref.name)) this.update(ref, (p) => stopPodContainers(p, this.now()));
    });
    await this.sleep(this.terminationStepMs);
    this.batch(() => {
      for (const { namespace, name } of refs) {
        const gone = this.store.remove('Pod', namespace, name) as unknown as PodJson | null;
        for (const d of this.deployments.values()) if (d.spec.namespace === namespace) d.pods.delete(name);
        const allocator = this.podAllocators.get(`${namespace}/${name}`);
        this.podAllocators.delete(`${namespace}/${name}`);
        for (const ip of gone?.status.podIPs ?? []) allocator?.release(ip.ip);
      }
    });
  }

  /** Writes issued together (one kubelet/controller burst): the controllers sync once after them. */
  private batch(writes: () => void): void {
    batchControllerSyncs(this.store, writes);
  }

  private deployment(namespace: string, name: string): Deployment {
    const d = this.deployments.get(`${namespace}/${name}`);
    if (!d) throw new Error(`SimCluster: no deployment ${namespace}/${name}`);
    return d;
  }

  private update(ref: PodRef, change: (pod: PodJson) => PodJson): void {
    const pod = this.pod(ref.namespace, ref.name);
    if (!pod) throw new Error(`SimCluster: no pod ${ref.namespace}/${ref.name}`);
    this.store.put('Pod', change(pod));
  }

  private nextNode(d: Deployment): string {
    const candidates = d.spec.nodes.filter((n) => !this.cordoned.has(n));
    const pool = candidates.length > 0 ? candidates : this.nodes.filter((n) => !this.cordoned.has(n));
    const node = pool[d.cursor % Math.max(pool.length, 1)];
    d.cursor += 1;
    if (!node) throw new Error('SimCluster: no schedulable node');
    return node;
  }

  private async startPods(d: Deployment, count: number): Promise<string[]> {
    const { spec, rs } = d;
    const refs: PodRef[] = [];
    this.batch(() => {
      for (let i = 0; i < count; i++) {
        const pod = makePod({
          namespace: spec.namespace,
          name: replicaSetPodName(rs, this.rng),
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
          now: this.now(),
        });
        const created = this.store.put('Pod', pod);
        refs.push({ namespace: created.metadata.namespace, name: created.metadata.name });
        d.pods.add(created.metadata.name);
      }
    });
    await this.sleep(this.podStepMs);
    this.batch(() => {
      for (const ref of refs) this.update(ref, (p) => schedulePod(p, this.nextNode(d), this.now()));
    });
    await this.sleep(this.podStepMs);
    this.batch(() => {
      for (const ref of refs) {
        const ips = spec.ipAllocator.allocate();
        this.podAllocators.set(`${ref.namespace}/${ref.name}`, spec.ipAllocator);
        this.update(ref, (p) => startPod(p, ips, this.now()));
      }
    });
    await this.sleep(this.podStepMs);
    this.batch(() => {
      for (const ref of refs) this.update(ref, (p) => setPodReady(p, true, this.now()));
    });
    return refs.map((r) => r.name);
  }
}

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
