import { beforeAll, describe, expect, it } from 'vitest';
import type { EndpointsJson, PodJson } from '../../../src/kube/index.js';
import { startSimCluster } from '../../../src/sim/cluster/index.js';
import { runScenario, serviceHelloScenario } from '../../../src/sim/scenarios/index.js';
import { SimStore } from '../../../src/sim/simStore.js';
import { allEndpoints, endpointsOf, noSleep, readyIPs, slicesOf } from '../fixtures.js';

const store = new SimStore();
const steps: string[] = [];

const endpoints = (name: string) => endpointsOf(store, name);
const slices = (service: string) => slicesOf(store, service);

beforeAll(async () => {
  const { cluster } = startSimCluster(store, { sleep: noSleep, seed: 7 });
  await runScenario(cluster, serviceHelloScenario(), {
    sleep: noSleep,
    onStep: (step) => steps.push(step.name),
  });
});

describe('serviceHelloScenario', () => {
  it('runs every step in order', () => {
    expect(steps).toEqual([
      'deploy-hello',
      'rolling-update',
      'readiness-flap',
      'drain-node',
      'ip-reuse',
      'mysql-external',
      'dual-stack',
      'terminating-pod',
    ]);
  });

  it('starts service-hello with 4 tomcat pods at 10.244.1.22–25', () => {
    const first = store.log.find(
      (c) =>
        c.kind === 'Endpoints' &&
        c.object.metadata.name === 'service-hello' &&
        readyIPs(c.object as unknown as EndpointsJson).length > 0,
    );
    expect(readyIPs(first?.object as unknown as EndpointsJson)).toEqual([
      '10.244.1.22',
      '10.244.1.23',
      '10.244.1.24',
      '10.244.1.25',
    ]);
    const images = store.list('Pod').map((p) => (p as unknown as PodJson).spec.containers[0]?.image);
    expect(images).toContain('tomcat:9.0');
    const svc = store.get('Service', 'default', 'service-hello');
    expect(svc?.spec).toMatchObject({
      type: 'NodePort',
      ports: [{ port: 80, targetPort: 8080, nodePort: 31111, protocol: 'TCP' }],
    });
  });

  it('ends with service-hello backed by the reused IP and the replacements, the terminating pod left out', () => {
    const ep = endpoints('service-hello');
    expect(readyIPs(ep)).toEqual(['10.244.1.23', '10.244.1.27', '10.244.1.28', '10.244.1.30']);
    expect((ep?.subsets ?? []).flatMap((s) => s.notReadyAddresses ?? [])).toEqual([]);
    expect(ep?.subsets?.[0]?.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });

  it('shows the terminating pod as ready=false serving=true terminating=true in its slice', () => {
    const all = allEndpoints(slices('service-hello'));
    expect(all).toHaveLength(5);
    const terminating = all.filter((e) => e.conditions.terminating);
    expect(terminating.map((e) => [e.addresses[0], e.conditions])).toEqual([
      ['10.244.1.31', { ready: false, serving: true, terminating: true }],
    ]);
  });

  it('leaves node-2 without pods after the drain', () => {
    const onNode2 = store.list('Pod').filter((p) => (p as unknown as PodJson).spec.nodeName === 'node-2');
    expect(onNode2).toEqual([]);
  });

  it('has had 10.244.1.23 held by two different pods', () => {
    const uids = new Set(
      store.log
        .filter((c) => c.kind === 'Pod' && (c.object as unknown as PodJson).status.podIP === '10.244.1.23')
        .map((c) => c.object.metadata.uid),
    );
    expect(uids.size).toBe(2);
  });

  it('mirrors the mysql Endpoints into one slice pointing at 192.168.111.200:3306', () => {
    expect(store.get('Service', 'default', 'mysql')?.spec).not.toHaveProperty('selector');
    const [slice, ...rest] = slices('mysql');
    expect(rest).toEqual([]);
    expect(slice?.metadata.labels?.['endpointslice.kubernetes.io/managed-by']).toBe(
      'endpointslicemirroring-controller.k8s.io',
    );
    expect(slice?.endpoints).toEqual([{ addresses: ['192.168.111.200'], conditions: { ready: true } }]);
    expect(slice?.ports).toEqual([{ name: '', protocol: 'TCP', port: 3306 }]);
  });

  it('gives the dual-stack service an IPv4 and an IPv6 slice and IPv4-only Endpoints', () => {
    const byType = Object.fromEntries(
      slices('hello-dual').map((s) => [s.addressType, (s.endpoints ?? []).map((e) => e.addresses[0])]),
    );
    expect(byType).toEqual({
      IPv4: ['10.244.2.10', '10.244.2.11'],
      IPv6: ['fd00:10:244:2::a', 'fd00:10:244:2::b'],
    });
    const ips = readyIPs(endpoints('hello-dual'));
    expect(ips).toEqual(['10.244.2.10', '10.244.2.11']);
  });

  it('records the readiness flap as a not-ready address in the Endpoints history', () => {
    const flapped = store.log.some(
      (c) =>
        c.kind === 'Endpoints' &&
        c.object.metadata.name === 'service-hello' &&
        ((c.object as unknown as EndpointsJson).subsets ?? []).some(
          (s) => (s.notReadyAddresses ?? []).length > 0,
        ),
    );
    expect(flapped).toBe(true);
  });
});
