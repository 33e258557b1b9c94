import { describe, expect, it } from 'vitest';
import { batchControllerSyncs } from '../../../src/sim/controllers/index.js';
import { controlledStore, endpointsOf, putPod, putService, readyIPs, T0, writesSince } from './fixtures.js';

describe('attachControllers', () => {
  it('gives derived objects their own revisions after the change that triggered them', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'] });
    const kinds = store.log.map((c) => `${c.kind}:${c.type}`);
    expect(kinds).toEqual([
      'Service:ADDED',
      'Endpoints:ADDED',
      'EndpointSlice:ADDED',
      'Pod:ADDED',
      'Endpoints:MODIFIED',
      'EndpointSlice:MODIFIED',
    ]);
    expect(store.log.map((c) => c.rev)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('syncs a service once after a batch of writes instead of once per write', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    const before = store.revision;
    batchControllerSyncs(store, () => {
      for (let i = 0; i < 20; i++) putPod(store, { name: `web-${i}`, ips: [`10.0.0.${i + 1}`] });
      expect(writesSince(store, 'Endpoints', before)).toBe(0);
    });
    expect(writesSince(store, 'Endpoints', before)).toBe(1);
    expect(writesSince(store, 'EndpointSlice', before)).toBe(1);
    expect(readyIPs(endpointsOf(store, 'web'))).toHaveLength(20);
  });

  it('resyncs from the store after it was restored behind its back', () => {
    const { store } = controlledStore();
    putService(store, { name: 'web', selector: { app: 'web' } });
    const svc = store.get('Service', 'default', 'web');
    if (!svc) throw new Error('no service');
    store.resetTo(500, [{ kind: 'Service', object: svc }]);
    putPod(store, { name: 'web-a', ips: ['10.0.0.1'], now: T0 });
    expect(readyIPs(endpointsOf(store, 'web'))).toEqual(['10.0.0.1']);
  });
});
