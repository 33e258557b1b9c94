import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodJson } from '../../src/kube/index.js';
import { isIPv6 } from '../../src/kube/index.js';
import { History } from '../../src/query/index.js';
import {
  largeServiceScenario,
  runScenario,
  SIM_KINDS,
  serviceHelloScenario,
  startSimCluster,
} from '../../src/sim/index.js';
import { SqliteReads } from '../../src/store/index.js';
import { events, type Harness, isHeadProbe, startHarness, waitFor } from './harness.js';

let h: Harness;
let history: History;
let detach: () => void;
/** The moment every recorded change is in: the latest observed_at stored. */
let lastAt: number;

const fast = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20)));

// One recording of the service-hello scenario and a 1050-pod service, made live through WatchList + watch with
// the sim's controllers deriving Endpoints and EndpointSlices; every `it` asks it a question.
beforeAll(async () => {
  h = await startHarness({ watchList: true });
  const sim = startSimCluster(h.simStore, { podStepMs: 5, terminationStepMs: 5, seed: 12 });
  detach = sim.detach;
  // The scenario's synchronous bursts (1050 pods through the controllers) block this one process for
  // longer than the harness's 300 ms idle limit: timers then fire before the waiting bytes are read.
  h.startRecorder({ options: { watchList: true, idleTimeoutMs: 10_000 } });
  await waitFor(() => h.recorder!.health().status === 'ok', 5000, 'recording');
  await runScenario(sim.cluster, serviceHelloScenario(), { sleep: fast, stepDelayMs: 20 });
  await runScenario(sim.cluster, largeServiceScenario({ pods: 1050 }), { sleep: fast });
  const head = String(h.simStore.revision);
  await waitFor(
    () => SIM_KINDS.every((k) => h.store.getCursor('sim', k)?.resourceVersion === head),
    20_000,
    'recorder caught up with the head',
  );
  history = new History(new SqliteReads(h.store.db), () => Date.now());
  lastAt = h.store.db.prepare('SELECT MAX(observed_at) FROM events_v').pluck().get() as number;
}, 60_000);

afterAll(async () => {
  detach?.();
  await h?.close();
});

describe('Scenario 12 recorded live: dual-stack, mirrored, > 1000 endpoints, terminating', () => {
  it('recorded every kind through WatchList streams only, never a LIST', async () => {
    const lists = h.sim.requests.filter(
      (r) => r.query.watch === undefined && r.path.startsWith('/api') && !isHeadProbe(r),
    );
    expect(lists).toEqual([]);
    expect(h.sim.requests.filter((r) => r.query.sendInitialEvents === 'true')).toHaveLength(4);
  });

  it('answers a dual-stack service with both address families from its IPv4 and IPv6 slices', async () => {
    const set = await history.endpointsAt({ namespace: 'default', service: 'hello-dual', at: lastAt });
    expect(set.source).toBe('ENDPOINT_SLICES');
    expect(set.complete).toBe(true);
    const ips = set.addresses.map((a) => a.ip);
    expect(ips.filter(isIPv6)).toHaveLength(2);
    expect(ips.filter((ip) => !isIPv6(ip))).toHaveLength(2);
    const slices = [...h.store.currentObjects('sim', 'EndpointSlice').values()].filter(
      (s) => s.namespace === 'default' && s.name.startsWith('hello-dual-'),
    );
    expect(slices.map((s) => (s.object as unknown as { addressType: string }).addressType).sort()).toEqual([
      'IPv4',
      'IPv6',
    ]);
  });

  it('answers the selector-less mysql service from the slice mirrored from its hand-written Endpoints', async () => {
    const set = await history.endpointsAt({ namespace: 'default', service: 'mysql', at: lastAt });
    expect(set.source).toBe('ENDPOINT_SLICES');
    expect(set.addresses.map((a) => a.ip)).toEqual(['192.168.111.200']);
    expect(set.ports.map((p) => p.port)).toEqual([3306]);
    const mirrored = [...h.store.currentObjects('sim', 'EndpointSlice').values()].filter(
      (s) => s.namespace === 'default' && s.object.meta.labels['kubernetes.io/service-name'] === 'mysql',
    );
    expect(mirrored.map((s) => s.object.meta.labels['endpointslice.kubernetes.io/managed-by'])).toEqual([
      'endpointslicemirroring-controller.k8s.io',
    ]);
  });

  it('answers all 1050 endpoints of a large service from its slices while the stored v1 Endpoints holds 1000, annotated over-capacity', async () => {
    const set = await history.endpointsAt({ namespace: 'large', service: 'big', at: lastAt });
    expect(set.source).toBe('ENDPOINT_SLICES');
    expect(set.addresses).toHaveLength(1050);
    expect(new Set(set.addresses.map((a) => a.ip)).size).toBe(1050);
    const endpoints = [...h.store.currentObjects('sim', 'Endpoints').values()].find(
      (e) => e.namespace === 'large' && e.name === 'big',
    )!;
    expect(endpoints.object.meta.annotations['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
    const v1 = await endpointsFromV1('large', 'big', lastAt);
    expect(v1.source).toBe('ENDPOINTS');
    expect(v1.addresses.length + v1.notReadyAddresses.length).toBe(1000);
  });

  it('answers a terminating pod as not ready but serving and terminating from its slice, and absent from v1 Endpoints', async () => {
    const terminating = h.simStore
      .list('Pod', 'default')
      .map((p) => p as unknown as PodJson)
      .filter((p) => p.metadata.deletionTimestamp);
    expect(terminating).toHaveLength(1);
    const pod = terminating[0]!;
    const ip = pod.status.podIP!;
    const set = await history.endpointsAt({ namespace: 'default', service: 'service-hello', at: lastAt });
    expect(set.addresses.map((a) => a.ip)).not.toContain(ip);
    expect(set.notReadyAddresses.filter((a) => a.ip === ip)).toMatchObject([
      { ready: false, serving: true, terminating: true, targetRef: { name: pod.metadata.name } },
    ]);
    const v1 = await endpointsFromV1('default', 'service-hello', lastAt);
    expect([...v1.addresses, ...v1.notReadyAddresses].map((a) => a.ip)).not.toContain(ip);
    // Just before the controller's Endpoints write removed it, v1 Endpoints still listed it as ready.
    const lastWrite = events(
      h.store,
      "kind = 'Endpoints' AND namespace = 'default' AND name = 'service-hello'",
    ).at(-1);
    const before = await endpointsFromV1('default', 'service-hello', lastWrite!.observed_at - 1);
    expect(before.addresses.map((a) => a.ip)).toContain(ip);
  });

  it('answers podsByIP for an IP that two hello pods held one after the other (IP reuse)', async () => {
    const reused = await history.podsByIP({ ip: '10.244.1.23', from: 0, to: lastAt });
    expect(reused.length).toBeGreaterThanOrEqual(2);
    const uids = new Set(reused.map((i) => i.pod.uid));
    expect(uids.size).toBeGreaterThanOrEqual(2);
    expect(reused[0]!.to).not.toBeNull();
    expect(reused[0]!.to!).toBeLessThanOrEqual(reused[reused.length - 1]!.from);
  });
});

/** The set as v1 Endpoints alone says it (the query layer itself prefers the slices). */
function endpointsFromV1(namespace: string, service: string, at: number) {
  return history.endpointsAt({ cluster: 'sim', namespace, service, at, source: 'Endpoints' });
}
