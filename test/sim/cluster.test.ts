import { describe, expect, it } from 'vitest';
import type { EndpointsJson, PodJson } from '../../src/kube/index.js';
import { startSimCluster } from '../../src/sim/cluster/index.js';
import { IpAllocator } from '../../src/sim/objects/index.js';
import { SimStore } from '../../src/sim/simStore.js';
import {
  allEndpoints,
  endpointsOf,
  getPod,
  noSleep,
  notReadyIPs as notReadyIPsOf,
  readyIPs as readyIPsOf,
  slicesOf,
} from './fixtures.js';

const NS = 'default';

function setup(seed = 1) {
  const store = new SimStore();
  const { cluster } = startSimCluster(store, { sleep: noSleep, seed });
  cluster.createService({
    namespace: NS,
    name: 'hello',
    selector: { run: 'hello' },
    ports: [{ port: 80, targetPort: 8080 }],
  });
  const ips = new IpAllocator({ first: '10.244.1.22', size: 100 });
  return { store, cluster, ips };
}

const deploy = (c: ReturnType<typeof setup>, replicas = 3) =>
  c.cluster.createDeployment({
    namespace: NS,
    name: 'hello',
    replicas,
    labels: { run: 'hello' },
    containerPort: 8080,
    nodes: ['node-1', 'node-2', 'node-3'],
    ipAllocator: c.ips,
  });

/** The Endpoints of `hello`, which its controller writes as soon as the service exists. */
function endpoints(store: SimStore): EndpointsJson {
  const e = endpointsOf(store, 'hello');
  if (!e) throw new Error(`no Endpoints ${NS}/hello`);
  return e;
}
const readyIPs = (store: SimStore) => readyIPsOf(endpoints(store));
const notReadyIPs = (store: SimStore) => notReadyIPsOf(endpoints(store));
const sliceEndpoints = (store: SimStore, service: string) => allEndpoints(slicesOf(store, service));

describe('SimCluster', () => {
  it('creates deployment pods named <deployment>-<hash>-<5 chars>, owned by their ReplicaSet, spread over nodes', async () => {
    const c = setup();
    const names = await deploy(c);
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(/^hello-[a-z0-9]{10}-[a-z0-9]{5}$/);
    const pods = names.map((n) => getPod(c.store, n));
    const hash = pods[0]?.metadata.labels?.['pod-template-hash'];
    expect(pods[0]?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: `hello-${hash}`,
      controller: true,
    });
    expect(pods.map((p) => p.spec.nodeName)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(pods.map((p) => p.status.podIP)).toEqual(['10.244.1.22', '10.244.1.23', '10.244.1.24']);
    expect(readyIPs(c.store)).toEqual(['10.244.1.22', '10.244.1.23', '10.244.1.24']);
  });

  it('writes each pod as a kubelet would: created, scheduled, running with an IP, ready', async () => {
    const c = setup();
    const [name] = await deploy(c, 1);
    const history = c.store.log.filter((ch) => ch.kind === 'Pod' && ch.object.metadata.name === name);
    const states = history.map((ch) => {
      const p = ch.object as unknown as PodJson;
      return [
        ch.type,
        p.spec.nodeName ?? null,
        p.status.podIP ?? null,
        p.status.phase,
        p.status.conditions?.find((x) => x.type === 'Ready')?.status ?? null,
      ];
    });
    expect(states).toEqual([
      ['ADDED', null, null, 'Pending', null],
      ['MODIFIED', 'node-1', null, 'Pending', null],
      ['MODIFIED', 'node-1', '10.244.1.22', 'Running', 'False'],
      ['MODIFIED', 'node-1', '10.244.1.22', 'Running', 'True'],
    ]);
  });

  it('builds full pods carrying the secrets the recorder must not keep', async () => {
    const c = setup();
    const [name = ''] = await deploy(c, 1);
    const p = getPod(c.store, name);
    const container = p.spec.containers[0] as Record<string, unknown>;
    const env = container.env as { name: string; value?: string; valueFrom?: unknown }[];
    expect(env.find((e) => e.name === 'DB_PASSWORD')?.value).toMatch(/^s3cr3t-/);
    expect(env.find((e) => e.name === 'API_TOKEN')?.valueFrom).toEqual({
      secretKeyRef: { name: 'app-secrets', key: 'api-token' },
    });
    expect(container.args).toBeDefined();
    expect(container.command).toBeDefined();
    expect((p.spec.volumes as { secret?: unknown }[]).some((v) => v.secret)).toBe(true);
    expect(p.metadata.managedFields?.length).toBeGreaterThan(0);
    expect(p.status).toMatchObject({
      qosClass: 'Burstable',
      hostIP: '192.168.0.11',
      podIPs: [{ ip: '10.244.1.22' }],
    });
    expect(p.status.containerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0, started: true });
  });

  it('moves a pod between addresses and notReadyAddresses with setReady', async () => {
    const c = setup();
    const [first = ''] = await deploy(c, 2);
    c.cluster.setReady(NS, first, false);
    expect(notReadyIPs(c.store)).toEqual(['10.244.1.22']);
    c.cluster.setReady(NS, first, true);
    expect(readyIPs(c.store)).toEqual(['10.244.1.22', '10.244.1.23']);
  });

  it('runs a host-network pod on its node’s IP, drawing nothing from the pod network, and deletes it', async () => {
    const c = setup();
    const name = await c.cluster.createPod({
      namespace: NS,
      name: 'node-agent',
      labels: { app: 'agent' },
      node: 'node-1',
      hostNetwork: true,
      ipAllocator: c.ips,
    });
    const pod = getPod(c.store, name);
    expect(pod.status.podIPs).toEqual(pod.status.hostIPs);
    await c.cluster.deletePod(NS, name);
    expect(getPod(c.store, name)).toBeUndefined();
    // the pod network's first address is still free
    expect(c.ips.allocate()).toEqual(['10.244.1.22']);
  });

  it('terminates a pod gracefully: out of Endpoints at once, serving in its slice until stopped, then gone', async () => {
    const c = setup();
    const [first = ''] = await deploy(c, 1);
    c.cluster.terminatePod(NS, first);
    expect(getPod(c.store, first).metadata.deletionTimestamp).toBeDefined();
    expect(getPod(c.store, first).metadata.deletionGracePeriodSeconds).toBe(30);
    expect(readyIPs(c.store)).toEqual([]);
    expect(sliceEndpoints(c.store, 'hello')[0]?.conditions).toEqual({
      ready: false,
      serving: true,
      terminating: true,
    });
    await c.cluster.deletePod(NS, first);
    expect(getPod(c.store, first)).toBeUndefined();
    expect(sliceEndpoints(c.store, 'hello')).toEqual([]);
    const last = c.store.log.filter((ch) => ch.kind === 'Pod').slice(-2);
    expect(last.map((ch) => ch.type)).toEqual(['MODIFIED', 'DELETED']);
    const stopped = last[0]?.object as unknown as PodJson | undefined;
    expect(stopped?.status.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
  });

  it('rolls a deployment without ever dropping below the wanted number of ready endpoints', async () => {
    const c = setup();
    const old = await deploy(c, 3);
    const from = c.store.revision;
    await c.cluster.rollDeployment(NS, 'hello');
    const counts = c.store.log
      .filter((ch) => ch.rev > from && ch.kind === 'Endpoints')
      .map(
        (ch) =>
          ((ch.object as unknown as EndpointsJson).subsets ?? []).flatMap((s) => s.addresses ?? []).length,
      );
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(3);
    const now = c.cluster.deploymentPods(NS, 'hello');
    expect(now).toHaveLength(3);
    expect(now.some((n) => old.includes(n))).toBe(false);
    expect(readyIPs(c.store)).toEqual(['10.244.1.25', '10.244.1.26', '10.244.1.27']);
  });

  it('drains a node: its pods are deleted and replaced on the other nodes', async () => {
    const c = setup();
    await deploy(c, 3);
    await c.cluster.drainNode('node-2');
    const pods = c.cluster.deploymentPods(NS, 'hello').map((n) => getPod(c.store, n));
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.spec.nodeName !== 'node-2')).toBe(true);
    expect(readyIPs(c.store)).toHaveLength(3);
  });

  it('reuses an IP for a new pod when told to, so two pods hold it at different times', async () => {
    const c = setup();
    const [first = ''] = await deploy(c, 2);
    const firstUid = getPod(c.store, first).metadata.uid ?? '';
    await c.cluster.deletePod(NS, first);
    c.ips.reuseNext('10.244.1.22');
    await c.cluster.scaleDeployment(NS, 'hello', 2);
    const holders = new Set(
      c.store.log
        .filter((ch) => ch.kind === 'Pod' && (ch.object as unknown as PodJson).status.podIP === '10.244.1.22')
        .map((ch) => ch.object.metadata.uid),
    );
    expect(holders.size).toBe(2);
    expect(holders.has(firstUid)).toBe(true);
    expect(readyIPs(c.store)).toEqual(['10.244.1.22', '10.244.1.23']);
  });

  it('writes hand-written Endpoints for a selector-less service, mirrored into a slice', () => {
    const c = setup();
    c.cluster.createService({ namespace: NS, name: 'mysql', ports: [{ port: 3306 }] });
    c.cluster.putEndpoints(NS, 'mysql', ['192.168.111.200'], [{ port: 3306 }]);
    expect(sliceEndpoints(c.store, 'mysql')).toEqual([
      { addresses: ['192.168.111.200'], conditions: { ready: true } },
    ]);
    c.cluster.deleteService(NS, 'mysql');
    expect(sliceEndpoints(c.store, 'mysql')).toEqual([]);
  });

  it('keeps a failed pod and its IP in the store but out of endpoints', async () => {
    const c = setup();
    const [first = ''] = await deploy(c, 1);
    c.cluster.failPod(NS, first);
    expect(getPod(c.store, first).status).toMatchObject({ phase: 'Failed', podIP: '10.244.1.22' });
    expect(readyIPs(c.store)).toEqual([]);
    expect(sliceEndpoints(c.store, 'hello')).toEqual([]);
  });

  it('generates the same pod names for the same seed', async () => {
    const a = await deploy(setup(42), 3);
    const b = await deploy(setup(42), 3);
    expect(a).toEqual(b);
  });
});
