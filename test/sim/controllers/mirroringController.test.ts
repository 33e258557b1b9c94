import { describe, expect, it } from 'vitest';
import { makeEndpoints } from '../../../src/sim/objects/index.js';
import type { SimStore } from '../../../src/sim/simStore.js';
import { controlledStore, endpointsOf, putService, slicesOf, T0 } from './fixtures.js';

const MIRROR = 'endpointslicemirroring-controller.k8s.io';

function putMysqlEndpoints(
  store: SimStore,
  extra: { labels?: Record<string, string>; ips?: string[] } = {},
): void {
  store.put(
    'Endpoints',
    makeEndpoints({
      namespace: 'default',
      name: 'mysql',
      addresses: extra.ips ?? ['192.168.111.200'],
      notReadyAddresses: ['192.168.111.201'],
      ports: [{ name: 'mysql', port: 3306 }],
      labels: { team: 'db', ...(extra.labels ?? {}) },
      now: T0,
    }),
  );
}

describe('EndpointSlice mirroring controller', () => {
  it('mirrors hand-written Endpoints of a selector-less service into a slice owned by the Endpoints', () => {
    const { store } = controlledStore();
    putService(store, { name: 'mysql', ports: [{ name: 'mysql', port: 3306 }] });
    putMysqlEndpoints(store);
    const slices = slicesOf(store, 'mysql');
    expect(slices).toHaveLength(1);
    const slice = slices[0];
    const ep = endpointsOf(store, 'mysql');
    expect(slice?.metadata.generateName).toBe('mysql-');
    expect(slice?.metadata.labels).toEqual({
      team: 'db',
      'kubernetes.io/service-name': 'mysql',
      'endpointslice.kubernetes.io/managed-by': MIRROR,
    });
    expect(slice?.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        name: 'mysql',
        uid: ep?.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice?.metadata.annotations).toBeUndefined();
    expect(slice?.addressType).toBe('IPv4');
    expect(slice?.endpoints).toEqual([
      { addresses: ['192.168.111.200'], conditions: { ready: true } },
      { addresses: ['192.168.111.201'], conditions: { ready: false } },
    ]);
    expect(slice?.ports).toEqual([{ name: 'mysql', protocol: 'TCP', port: 3306 }]);
  });

  it('gives IPv6 addresses their own IPv6 slice', () => {
    const { store } = controlledStore();
    putService(store, { name: 'mysql', ports: [{ port: 3306 }] });
    putMysqlEndpoints(store, { ips: ['192.168.111.200', 'fd00::200'] });
    expect(
      slicesOf(store, 'mysql', MIRROR)
        .map((s) => s.addressType)
        .sort(),
    ).toEqual(['IPv4', 'IPv6']);
  });

  it('does not mirror Endpoints labelled skip-mirror, and removes the slice when the label appears', () => {
    const { store } = controlledStore();
    putService(store, { name: 'mysql', ports: [{ port: 3306 }] });
    putMysqlEndpoints(store);
    expect(slicesOf(store, 'mysql', MIRROR)).toHaveLength(1);
    putMysqlEndpoints(store, { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } });
    expect(slicesOf(store, 'mysql', MIRROR)).toHaveLength(0);
  });

  it('waits for the service: Endpoints alone are not mirrored', () => {
    const { store } = controlledStore();
    putMysqlEndpoints(store);
    expect(slicesOf(store, 'mysql')).toHaveLength(0);
    putService(store, { name: 'mysql', ports: [{ port: 3306 }] });
    expect(slicesOf(store, 'mysql', MIRROR)).toHaveLength(1);
  });

  it('removes mirrored slices when the Endpoints go', () => {
    const { store } = controlledStore();
    putService(store, { name: 'mysql', ports: [{ port: 3306 }] });
    putMysqlEndpoints(store);
    store.remove('Endpoints', 'default', 'mysql');
    expect(slicesOf(store, 'mysql')).toHaveLength(0);
  });

  it('removes mirrored slices and the Endpoints when the service is deleted', () => {
    const { store } = controlledStore();
    putService(store, { name: 'mysql', ports: [{ port: 3306 }] });
    putMysqlEndpoints(store);
    store.remove('Service', 'default', 'mysql');
    expect(slicesOf(store, 'mysql')).toHaveLength(0);
    expect(endpointsOf(store, 'mysql')).toBeUndefined();
  });

  it('hands over to the slice controller when the service gains a selector', () => {
    const { store } = controlledStore();
    putService(store, { name: 'mysql', ports: [{ port: 3306 }] });
    putMysqlEndpoints(store);
    putService(store, { name: 'mysql', ports: [{ port: 3306 }], selector: { app: 'mysql' } });
    expect(slicesOf(store, 'mysql', MIRROR)).toHaveLength(0);
    expect(slicesOf(store, 'mysql', 'endpointslice-controller.k8s.io')).toHaveLength(1);
  });

  it('updates the mirrored slice in place when the Endpoints change', () => {
    const { store } = controlledStore();
    putService(store, { name: 'mysql', ports: [{ port: 3306 }] });
    putMysqlEndpoints(store);
    const name = slicesOf(store, 'mysql')[0]?.metadata.name;
    putMysqlEndpoints(store, { ips: ['192.168.111.210'] });
    const slices = slicesOf(store, 'mysql');
    expect(slices.map((s) => s.metadata.name)).toEqual([name]);
    expect(slices[0]?.endpoints?.map((e) => e.addresses[0])).toEqual(['192.168.111.201', '192.168.111.210']);
  });
});
