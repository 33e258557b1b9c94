import { describe, expect, it } from 'vitest';
import type { EndpointSliceJson, EndpointsJson, PodJson } from '../../../src/kube/index.js';
import { startSimCluster } from '../../../src/sim/cluster/index.js';
import { churnScenario, largeServiceScenario, runScenario } from '../../../src/sim/scenarios/index.js';
import { SimStore } from '../../../src/sim/simStore.js';
import { noSleep, readyIPs } from '../fixtures.js';

async function runChurn(seed: number): Promise<SimStore> {
  const store = new SimStore();
  const { cluster } = startSimCluster(store, { sleep: noSleep, seed: 3 });
  await runScenario(cluster, churnScenario({ services: 4, podsPerService: 5, seed, rounds: 40 }), {
    sleep: noSleep,
  });
  return store;
}

// Slice names are completed by SimStore with random characters, so slices are named by their service.
const shape = (store: SimStore) =>
  store.log.map((c) => {
    const name =
      c.kind === 'EndpointSlice'
        ? (c.object as unknown as EndpointSliceJson).metadata.labels?.['kubernetes.io/service-name']
        : c.object.metadata.name;
    return `${c.kind} ${c.type} ${name}`;
  });

describe('churnScenario', () => {
  it('replays the same history for the same seed', async () => {
    const [a, b] = await Promise.all([runChurn(11), runChurn(11)]);
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)).not.toEqual(shape(await runChurn(12)));
  });

  it('leaves every service with Endpoints equal to its ready, non-terminating pods', async () => {
    const store = await runChurn(5);
    for (let i = 0; i < 4; i++) {
      const name = `svc-${i}`;
      const expected = store
        .list('Pod', 'churn')
        .map((p) => p as unknown as PodJson)
        .filter((p) => p.metadata.labels?.app === name && !p.metadata.deletionTimestamp)
        .filter((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
        .map((p) => p.status.podIP)
        .sort();
      const ep = store.get('Endpoints', 'churn', name) as unknown as EndpointsJson | undefined;
      expect(ep).toBeDefined(); // the shared reader would take a missing object as no addresses
      const actual = readyIPs(ep).sort();
      expect(actual).toEqual(expected);
    }
  });
});

describe('largeServiceScenario', () => {
  it('truncates Endpoints at 1000 while the slices hold all 1200 pods', async () => {
    const store = new SimStore();
    const { cluster } = startSimCluster(store, { sleep: noSleep, seed: 1 });
    await runScenario(cluster, largeServiceScenario(), { sleep: noSleep });
    const ep = store.get('Endpoints', 'large', 'big') as unknown as EndpointsJson;
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
    expect(
      (ep.subsets ?? []).flatMap((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]),
    ).toHaveLength(1000);
    const slices = store.list('EndpointSlice', 'large') as unknown as EndpointSliceJson[];
    expect(slices).toHaveLength(12);
    expect(slices.every((s) => (s.endpoints ?? []).length === 100)).toBe(true);
    expect(new Set(slices.flatMap((s) => (s.endpoints ?? []).map((e) => e.targetRef?.uid))).size).toBe(1200);
  });
});
