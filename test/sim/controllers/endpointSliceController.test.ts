import { describe, expect, it } from 'vitest';
import { attachControllers } from '../../../src/sim/controllers/index.js';
import {
  makeService,
  markPodTerminating,
  setPodReady,
  stopPodContainers,
} from '../../../src/sim/objects/index.js';
import { SimStore } from '../../../src/sim/simStore.js';
import {
  allEndpoints,
  controlledStore,
  endpointsOf,
  getPod,
  putPod,
  putService,
  putWebPods,
  readyIPs,
  slicesOf,
  T0,
  writesSince,
} from './fixtures.js';

describe('EndpointSlice controller', () => {
  it('writes a slice with the real metadata, conditions, zone and resolved ports', () => {
    const { store } = controlledStore({ zones: { 'node-1': 'zone-a' } });
    putService(store, { name: 'web', selector: { app: 'web' }, labels: { tier: 'front' } });
    putPod(store, { name: 'web-a', ips: ['10.244.1.17'] });
    const [slice, ...rest] = slicesOf(store, 'web');
    expect(rest).toHaveLength(0);
    const svc = store.get('Service', 'default', 'web');
    expect(slice?.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice?.metadata.generateName).toBe('web-');
    expect(slice?.metadata.labels).toEqual({
      tier: 'front',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice?.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'web',
        uid: svc?.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice?.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBeDefined();
    expect(slice?.addressType).toBe('IPv4');
    expect(slice?.endpoints).toEqual([
      {
        addresses: ['10.244.1.17'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: {
          kind: 'Pod',
          namespace: 'default',
          name: 'web-a',
          uid: getPod(store, 'web-a').metadata.uid,
        },
        nodeName: 'node-1',
        zone: 'zone-a',
      },
    ]);
    expect(slice?.ports).toEqual([{ name: '', protocol: 'TCP', port: 8080 }]);
  });

  it('keeps one placeholder slice (endpoints null, ports []) for a selector service without pods', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    const slices = slicesOf(store, 'web');
    expect(slices).toHaveLength(1);
    expect(slices[0]?.endpoints).toBeNull();
    expect(slices[0]?.ports).toEqual([]);
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    store.remove('Pod', 'default', 'web-a');
    const after = slicesOf(store, 'web');
    expect(after.map((s) => s.metadata.name)).toEqual(slices.map((s) => s.metadata.name));
    expect(after[0]?.endpoints).toBeNull();
  });

  it('keeps a terminating pod as ready=false serving=true terminating=true until it is deleted', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    store.put('Pod', markPodTerminating(getPod(store, 'web-a'), T0));
    expect(allEndpoints(slicesOf(store, 'web'))[0]?.conditions).toEqual({
      ready: false,
      serving: true,
      terminating: true,
    });
    expect(readyIPs(endpointsOf(store, 'web'))).toEqual([]);
    store.put('Pod', stopPodContainers(getPod(store, 'web-a'), T0));
    expect(allEndpoints(slicesOf(store, 'web'))[0]?.conditions).toEqual({
      ready: false,
      serving: false,
      terminating: true,
    });
    store.remove('Pod', 'default', 'web-a');
    expect(allEndpoints(slicesOf(store, 'web'))).toEqual([]);
  });

  it('marks not-ready pods ready with publishNotReadyAddresses', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' }, publishNotReadyAddresses: true });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'], ready: false });
    expect(allEndpoints(slicesOf(store, 'web'))[0]?.conditions).toEqual({
      ready: true,
      serving: false,
      terminating: false,
    });
  });

  it('writes one slice per address family for a dual-stack service', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' }, ipFamilies: ['IPv4', 'IPv6'] });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1', 'fd00:10:244::1'] });
    putPod(store, { name: 'web-b', ips: ['10.0.0.2', 'fd00:10:244::2'] });
    const byType = Object.fromEntries(
      slicesOf(store, 'web').map((s) => [s.addressType, (s.endpoints ?? []).map((e) => e.addresses[0])]),
    );
    expect(byType).toEqual({ IPv4: ['10.0.0.1', '10.0.0.2'], IPv6: ['fd00:10:244::1', 'fd00:10:244::2'] });
  });

  it('spreads endpoints over slices of at most maxEndpointsPerSlice', () => {
    const { store } = controlledStore({ maxEndpointsPerSlice: 10 });
    putService(store, { name: 'web', selector: { app: 'web' } });
    putWebPods(store, 25);
    const slices = slicesOf(store, 'web');
    expect(slices.map((s) => s.endpoints?.length).sort()).toEqual([10, 10, 5]);
    expect(new Set(allEndpoints(slices).map((e) => e.addresses[0])).size).toBe(25);
  });

  it("rewrites only the slice holding a pod when that pod's readiness changes", () => {
    const { store } = controlledStore({ maxEndpointsPerSlice: 10 });
    putService(store, { name: 'web', selector: { app: 'web' } });
    putWebPods(store, 25);
    const before = store.revision;
    store.put('Pod', setPodReady(getPod(store, 'web-0013'), false, T0));
    expect(writesSince(store, 'EndpointSlice', before)).toBe(1);
    store.remove('Pod', 'default', 'web-0003');
    expect(writesSince(store, 'EndpointSlice', before)).toBe(2);
    expect(allEndpoints(slicesOf(store, 'web'))).toHaveLength(24);
  });

  it('keeps all 1200 endpoints of a large service in slices while Endpoints is truncated', () => {
    const store = new SimStore({ now: () => T0 });
    putService(store, { name: 'web', selector: { app: 'web' } });
    putWebPods(store, 1200);
    attachControllers(store);
    const slices = slicesOf(store, 'web');
    expect(slices).toHaveLength(12);
    expect(allEndpoints(slices)).toHaveLength(1200);
    expect(readyIPs(endpointsOf(store, 'web'))).toHaveLength(1000);
  });

  it('relabels slices and Endpoints when the service labels change', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' }, labels: { v: '1' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    putService(store, { name: 'web', selector: { app: 'web' }, labels: { v: '2' } });
    expect(slicesOf(store, 'web')[0]?.metadata.labels?.v).toBe('2');
    expect(endpointsOf(store, 'web')?.metadata.labels?.v).toBe('2');
  });

  it('removes the slices with the service', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    store.remove('Service', 'default', 'web');
    expect(slicesOf(store, 'web')).toEqual([]);
    expect(store.list('EndpointSlice')).toEqual([]);
  });

  it('writes nothing for a re-put of an unchanged service', () => {
    const { store } = controlledStore();
    store.put(
      'Service',
      makeService({
        namespace: 'default',
        name: 'web',
        selector: { app: 'web' },
        ports: [{ port: 80 }],
        now: T0,
      }),
    );
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    const before = store.revision;
    const svc = store.get('Service', 'default', 'web');
    store.put('Service', { ...(svc as object) });
    expect(writesSince(store, 'EndpointSlice', before)).toBe(0);
    expect(writesSince(store, 'Endpoints', before)).toBe(0);
  });
  it('keeps the slice (same name) with new ports when the service targetPort changes', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    const [before] = slicesOf(store, 'web');
    putService(store, { name: 'web', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9090 }] });
    const after = slicesOf(store, 'web');
    expect(after.map((s) => s.metadata.name)).toEqual([before?.metadata.name]);
    expect(after[0]?.ports).toEqual([{ name: '', protocol: 'TCP', port: 9090 }]);
    expect(endpointsOf(store, 'web')?.subsets?.[0]?.ports).toEqual([{ port: 9090, protocol: 'TCP' }]);
  });

  it('keeps one placeholder per address family for a dual-stack service without pods', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' }, ipFamilies: ['IPv4', 'IPv6'] });
    expect(
      slicesOf(store, 'web')
        .map((s) => [s.addressType, s.endpoints])
        .sort(),
    ).toEqual([
      ['IPv4', null],
      ['IPv6', null],
    ]);
  });
});
