import { describe, expect, it } from 'vitest';
import { attachControllers } from '../../../src/sim/controllers/index.js';
import { failPod, markPodTerminating, rfc3339Nano, setPodReady } from '../../../src/sim/objects/index.js';
import { SimStore } from '../../../src/sim/simStore.js';
import {
  controlledStore,
  endpointsOf,
  getPod,
  notReadyIPs,
  putPod,
  putService,
  putWebPods,
  readyIPs,
  T0,
  writesSince,
} from './fixtures.js';

describe('Endpoints controller', () => {
  it('writes Endpoints named like the service with its labels, ready and not-ready pods split', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' }, labels: { tier: 'front' } });
    putPod(store, { name: 'web-a', ips: ['10.244.1.17'], ready: true });
    putPod(store, { name: 'web-b', ips: ['10.244.2.9'], ready: false, nodeName: 'node-2' });
    const ep = endpointsOf(store, 'web');
    expect(ep?.metadata.labels).toEqual({ tier: 'front' });
    expect(ep?.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.17',
            nodeName: 'node-1',
            targetRef: {
              kind: 'Pod',
              namespace: 'default',
              name: 'web-a',
              uid: getPod(store, 'web-a').metadata.uid,
            },
          },
        ],
        notReadyAddresses: [
          {
            ip: '10.244.2.9',
            nodeName: 'node-2',
            targetRef: {
              kind: 'Pod',
              namespace: 'default',
              name: 'web-b',
              uid: getPod(store, 'web-b').metadata.uid,
            },
          },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('stamps last-change-trigger-time in RFC3339Nano from the injected clock', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    expect(
      endpointsOf(store, 'web')?.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'],
    ).toBe(rfc3339Nano(T0 + 123));
    expect(rfc3339Nano(T0 + 120)).toBe('2025-06-01T10:00:00.12Z');
  });

  it('has no subsets key when no pod backs the service', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    const ep = endpointsOf(store, 'web');
    expect(ep).toBeDefined();
    expect('subsets' in (ep ?? {})).toBe(false);
  });

  it('labels headless services with service.kubernetes.io/headless', () => {
    const { store } = controlledStore();
    putService(store, { name: 'db', selector: { app: 'web' }, clusterIP: 'None', labels: { app: 'db' } });
    expect(endpointsOf(store, 'db')?.metadata.labels).toEqual({
      app: 'db',
      'service.kubernetes.io/headless': '',
    });
  });

  it('resolves a named targetPort per pod and leaves out pods that lack the port', () => {
    const { store } = controlledStore();
    putService(store, {
      name: 'web',
      selector: { app: 'web' },
      ports: [{ name: 'web', port: 80, targetPort: 'http' }],
    });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    putPod(store, {
      name: 'web-b',
      ips: ['10.0.0.2'],
      containers: [{ name: 'app', image: 'x', ports: [{ name: 'metrics', containerPort: 9090 }] }],
    });
    const ep = endpointsOf(store, 'web');
    expect(readyIPs(ep)).toEqual(['10.0.0.1']);
    expect(ep?.subsets?.[0]?.ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
  });

  it('drops terminating pods at once, and failed pods and pods without an IP', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    putPod(store, { name: 'web-b', ips: ['10.0.0.2'] });
    putPod(store, { name: 'web-c' });
    store.put('Pod', markPodTerminating(getPod(store, 'web-a'), T0));
    store.put('Pod', failPod(getPod(store, 'web-b'), T0));
    expect(endpointsOf(store, 'web')?.subsets).toBeUndefined();
  });

  it('keeps terminating and not-ready pods as ready addresses with publishNotReadyAddresses', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' }, publishNotReadyAddresses: true });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'], ready: false });
    putPod(store, { name: 'web-b', ips: ['10.0.0.2'] });
    store.put('Pod', markPodTerminating(getPod(store, 'web-b'), T0));
    expect(readyIPs(endpointsOf(store, 'web'))).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('uses only the primary IP family of a dual-stack service', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' }, ipFamilies: ['IPv6', 'IPv4'] });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1', 'fd00::1'] });
    expect(readyIPs(endpointsOf(store, 'web'))).toEqual(['fd00::1']);
  });

  it('sets hostname only when the pod subdomain names the service', () => {
    const { store } = controlledStore();
    putService(store, { name: 'db', selector: { app: 'web' }, clusterIP: 'None' });
    putPod(store, { name: 'db-0', ips: ['10.0.0.1'], hostname: 'db-0', subdomain: 'db' });
    putPod(store, { name: 'db-1', ips: ['10.0.0.2'], hostname: 'db-1', subdomain: 'other' });
    const addresses = endpointsOf(store, 'db')?.subsets?.[0]?.addresses ?? [];
    expect(addresses.map((a) => a.hostname)).toEqual(['db-0', undefined]);
  });

  it('sorts addresses by IP string as Go does', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    for (const [i, ip] of ['10.0.0.22', '10.0.0.100', '10.0.0.3'].entries())
      putPod(store, { name: `w${i}`, ips: [ip] });
    expect(readyIPs(endpointsOf(store, 'web'))).toEqual(['10.0.0.100', '10.0.0.22', '10.0.0.3']);
  });

  it('truncates above 1000 addresses keeping ready ones and annotates over-capacity', () => {
    const store = new SimStore({ now: () => T0 });
    putService(store, { name: 'web', selector: { app: 'web' } });
    const notReady = new Set(Array.from({ length: 150 }, (_, i) => i * 8));
    putWebPods(store, 1200, notReady);
    attachControllers(store, { now: () => T0 });
    const ep = endpointsOf(store, 'web');
    expect(readyIPs(ep)).toHaveLength(1000);
    expect(notReadyIPs(ep)).toHaveLength(0);
    expect(ep?.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
  });

  it('drops not-ready addresses first when only they overflow, and clears the annotation below capacity', () => {
    const { store } = controlledStore({ maxEndpointsPerEndpoints: 10 });
    putService(store, { name: 'web', selector: { app: 'web' } });
    putWebPods(store, 12, new Set([0, 1, 2, 3]));
    const ep = endpointsOf(store, 'web');
    expect(readyIPs(ep)).toHaveLength(8);
    expect(notReadyIPs(ep)).toHaveLength(2);
    expect(ep?.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
    store.remove('Pod', 'default', 'web-0000');
    store.remove('Pod', 'default', 'web-0001');
    expect(
      endpointsOf(store, 'web')?.metadata.annotations?.['endpoints.kubernetes.io/over-capacity'],
    ).toBeUndefined();
    expect(notReadyIPs(endpointsOf(store, 'web'))).toHaveLength(2);
  });

  it('skips no-op writes when a pod changes in a way Endpoints do not show', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    const before = store.revision;
    const pod = getPod(store, 'web-a');
    store.put('Pod', { ...pod, metadata: { ...pod.metadata, annotations: { note: 'x' } } });
    store.put('Pod', setPodReady(getPod(store, 'web-a'), true, T0 + 5000));
    expect(writesSince(store, 'Endpoints', before)).toBe(0);
    expect(writesSince(store, 'EndpointSlice', before)).toBe(0);
  });

  it('follows label changes: a pod leaving the selector leaves the Endpoints', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    const pod = getPod(store, 'web-a');
    store.put('Pod', { ...pod, metadata: { ...pod.metadata, labels: { app: 'quarantine' } } });
    expect(readyIPs(endpointsOf(store, 'web'))).toEqual([]);
  });

  it('deletes the Endpoints with the service and leaves ExternalName and selector-less services alone', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    putService(store, { name: 'ext', type: 'ExternalName', selector: { app: 'web' } });
    putService(store, { name: 'manual' });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    expect(endpointsOf(store, 'ext')).toBeUndefined();
    expect(endpointsOf(store, 'manual')).toBeUndefined();
    store.remove('Service', 'default', 'web');
    expect(endpointsOf(store, 'web')).toBeUndefined();
  });

  it('syncs services that already exist when attached', () => {
    const store = new SimStore({ now: () => T0 });
    putService(store, { name: 'web', selector: { app: 'web' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    attachControllers(store);
    expect(readyIPs(endpointsOf(store, 'web'))).toEqual(['10.0.0.1']);
  });

  it('stops reacting once detached', () => {
    const { store, detach } = controlledStore();
    detach();
    putService(store, { name: 'web', selector: { app: 'web' } });
    expect(endpointsOf(store, 'web')).toBeUndefined();
  });
});
