import { describe, expect, it } from 'vitest';
import { SimStore } from '../../../src/sim/simStore.js';
import { getJson, pod, seededStore, useSimServer } from './helpers.js';

const { startServer } = useSimServer();

const names = (body: Record<string, unknown>) =>
  (body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);

describe('LIST', () => {
  it('returns a <Kind>List whose items carry no kind/apiVersion and whose RV is the store revision', async () => {
    const store = seededStore(2);
    store.put('Service', {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {},
    });
    const server = await startServer(store);
    const { status, body, headers } = await getJson(`${server.url}/api/v1/pods`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json');
    expect(body.kind).toBe('PodList');
    expect(body.apiVersion).toBe('v1');
    expect(body.metadata).toEqual({ resourceVersion: String(store.revision) });
    expect(names(body)).toEqual(['db-0', 'web-00', 'web-01']);
    expect(body.items[0].kind).toBeUndefined();
    const svc = await getJson(`${server.url}/api/v1/namespaces/shop/services`);
    expect(svc.body.items[0].kind).toBeUndefined();
    expect(svc.body.items[0].apiVersion).toBeUndefined();
  });

  it('answers a limit=1 list (a recorder reading the head) with the global revision, beyond the last write of this kind', async () => {
    const store = seededStore(2);
    store.put('Service', { metadata: { name: 'late', namespace: 'shop' }, spec: {} });
    const server = await startServer(store);
    const { body } = await getJson(`${server.url}/api/v1/namespaces/shop/pods?limit=1`);
    expect(body.metadata.resourceVersion).toBe(String(store.revision));
    expect(body.items).toHaveLength(1);
    expect(Number(body.items[0].metadata.resourceVersion)).toBeLessThan(store.revision);
  });

  it('scopes to a namespace and serves EndpointSlices under discovery.k8s.io/v1', async () => {
    const store = seededStore(2);
    store.put('EndpointSlice', {
      metadata: { name: 'web-abc', namespace: 'shop' },
      addressType: 'IPv4',
      endpoints: [],
    });
    const server = await startServer(store);
    expect(names((await getJson(`${server.url}/api/v1/namespaces/other/pods`)).body)).toEqual(['db-0']);
    const slices = await getJson(`${server.url}/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices`);
    expect(slices.body.kind).toBe('EndpointSliceList');
    expect(slices.body.apiVersion).toBe('discovery.k8s.io/v1');
    expect(names(slices.body)).toEqual(['web-abc']);
  });

  it('pages with limit/continue from one snapshot even while objects change between pages', async () => {
    const store = seededStore(5);
    const server = await startServer(store);
    const first = await getJson(`${server.url}/api/v1/namespaces/shop/pods?limit=2`);
    const snapshotRV = first.body.metadata.resourceVersion;
    expect(names(first.body)).toEqual(['web-00', 'web-01']);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    store.remove('Pod', 'shop', 'web-03');
    store.put('Pod', pod('web-02', { app: 'changed' }));
    store.put('Pod', pod('web-99'));
    const second = await getJson(
      `${server.url}/api/v1/namespaces/shop/pods?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`,
    );
    expect(second.body.metadata.resourceVersion).toBe(snapshotRV);
    expect(names(second.body)).toEqual(['web-02', 'web-03']);
    expect(second.body.items[0].metadata.labels).toEqual({ app: 'web' });
    const third = await getJson(
      `${server.url}/api/v1/namespaces/shop/pods?limit=2&continue=${second.body.metadata.continue}`,
    );
    expect(names(third.body)).toEqual(['web-04']);
    expect(third.body.metadata).toEqual({ resourceVersion: snapshotRV });
  });

  it('omits remainingItemCount when a selector is used', async () => {
    const server = await startServer(seededStore(5));
    const { body } = await getJson(`${server.url}/api/v1/pods?limit=2&labelSelector=app%3Dweb`);
    expect(body.items).toHaveLength(2);
    expect(body.metadata.continue).toBeTypeOf('string');
    expect(body.metadata.remainingItemCount).toBeUndefined();
  });

  it('answers 410 Expired with a new inconsistent continue token once the snapshot is compacted', async () => {
    const store = seededStore(5);
    const server = await startServer(store);
    const first = await getJson(`${server.url}/api/v1/pods?limit=2`);
    store.put('Pod', pod('web-77'));
    server.faults.compact();
    const res = await getJson(`${server.url}/api/v1/pods?limit=2&continue=${first.body.metadata.continue}`);
    expect(res.status).toBe(410);
    expect(res.body.reason).toBe('Expired');
    expect(res.body.message).toMatch(/^The provided continue parameter is too old/);
    const resumed = await getJson(
      `${server.url}/api/v1/pods?limit=10&continue=${res.body.metadata.continue}`,
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body.metadata.resourceVersion).toBe(String(store.revision));
    expect(names(resumed.body)).toEqual(['web-01', 'web-02', 'web-03', 'web-04', 'web-77']);
  });

  it('serves resourceVersion=N with a limit as an Exact read of the state at N', async () => {
    const store = seededStore(2);
    const rv = store.revision;
    store.put('Pod', pod('web-late'));
    const server = await startServer(store);
    const exact = await getJson(`${server.url}/api/v1/namespaces/shop/pods?resourceVersion=${rv}&limit=10`);
    expect(exact.body.metadata.resourceVersion).toBe(String(rv));
    expect(names(exact.body)).toEqual(['web-00', 'web-01']);
    const match = await getJson(
      `${server.url}/api/v1/namespaces/shop/pods?resourceVersion=${rv}&resourceVersionMatch=Exact`,
    );
    expect(names(match.body)).toEqual(['web-00', 'web-01']);
    const notOlder = await getJson(`${server.url}/api/v1/namespaces/shop/pods?resourceVersion=${rv}`);
    expect(notOlder.body.metadata.resourceVersion).toBe(String(store.revision));
    expect(names(notOlder.body)).toContain('web-late');
    server.faults.compact();
    const expired = await getJson(`${server.url}/api/v1/namespaces/shop/pods?resourceVersion=${rv}&limit=10`);
    expect(expired.status).toBe(410);
    expect(expired.body.message).toBe('The resourceVersion for the provided list is too old.');
  });

  it('answers 504 TooLarge after the block timeout for an RV ahead of storage, and serves it once reached', async () => {
    const store = seededStore(1);
    const server = await startServer(store, { listBlockTimeoutMs: 200 });
    const ahead = store.revision + 50;
    const res = await getJson(`${server.url}/api/v1/pods?resourceVersion=${ahead}`);
    expect(res.status).toBe(504);
    expect(res.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Timeout: Too large resource version: ${ahead}, current: ${store.revision}`,
      reason: 'Timeout',
      details: {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      },
      code: 504,
    });
    const next = store.revision + 1;
    const pending = getJson(`${server.url}/api/v1/pods?resourceVersion=${next}`);
    setTimeout(() => store.put('Pod', pod('web-new')), 50);
    expect((await pending).status).toBe(200);
  });

  it('filters by label selectors and by field selectors', async () => {
    const store = new SimStore();
    store.put('Pod', { ...pod('a', { app: 'web', tier: 'fe' }), status: { phase: 'Running' } });
    store.put('Pod', { ...pod('b', { app: 'web' }), status: { phase: 'Pending' } });
    store.put('Pod', pod('c', { app: 'db' }));
    const server = await startServer(store);
    const q = async (query: string) => names((await getJson(`${server!.url}/api/v1/pods?${query}`)).body);
    expect(await q('labelSelector=app%3Dweb')).toEqual(['a', 'b']);
    expect(await q('labelSelector=app%3D%3Dweb,tier')).toEqual(['a']);
    expect(await q('labelSelector=!tier')).toEqual(['b', 'c']);
    expect(await q('labelSelector=app%20in%20(db,fe)')).toEqual(['c']);
    expect(await q('labelSelector=app%20notin%20(db),tier!%3Dfe')).toEqual(['b']);
    expect(await q('fieldSelector=metadata.name%3Db')).toEqual(['b']);
    expect(await q('fieldSelector=status.phase!%3DRunning')).toEqual(['b']);
    expect(await q('fieldSelector=metadata.namespace%3Dshop,spec.nodeName%3Dnode-a')).toEqual([
      'a',
      'b',
      'c',
    ]);
    const bad = await getJson(`${server.url}/api/v1/services?fieldSelector=spec.nodeName%3Dx`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('field label not supported: spec.nodeName');
  });

  it('rejects a resourceVersion together with continue (400) and invalid ListOptions (422)', async () => {
    const server = await startServer(seededStore(3));
    const first = await getJson(`${server.url}/api/v1/pods?limit=1`);
    const both = await getJson(
      `${server.url}/api/v1/pods?limit=1&resourceVersion=2&continue=${first.body.metadata.continue}`,
    );
    expect(both.status).toBe(400);
    const noRv = await getJson(`${server.url}/api/v1/pods?resourceVersionMatch=Exact`);
    expect(noRv.status).toBe(422);
    expect(noRv.body.message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
    const listInitial = await getJson(`${server.url}/api/v1/pods?sendInitialEvents=true`);
    expect(listInitial.status).toBe(422);
  });

  it('serves single objects with kind/apiVersion and 404 Status for missing ones or unknown resources', async () => {
    const server = await startServer(seededStore(1));
    const one = await getJson(`${server.url}/api/v1/namespaces/shop/pods/web-00`);
    expect(one.body.kind).toBe('Pod');
    expect(one.body.apiVersion).toBe('v1');
    const missing = await getJson(`${server.url}/api/v1/namespaces/shop/pods/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('pods "nope" not found');
    expect((await getJson(`${server.url}/api/v1/configmaps`)).status).toBe(404);
    expect((await getJson(`${server.url}/apis/apps/v1/deployments`)).status).toBe(404);
  });

  it('sends the Endpoints deprecation Warning only on endpoints routes, and only while enabled', async () => {
    const store = seededStore(1);
    store.put('Endpoints', { metadata: { name: 'web', namespace: 'shop' } });
    const server = await startServer(store);
    const warning = '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"';
    expect((await getJson(`${server.url}/api/v1/endpoints`)).headers.get('warning')).toBe(warning);
    expect((await getJson(`${server.url}/api/v1/namespaces/shop/endpoints/web`)).headers.get('warning')).toBe(
      warning,
    );
    expect((await getJson(`${server.url}/api/v1/pods`)).headers.get('warning')).toBeNull();
    server.faults.setDeprecationWarning(false);
    expect((await getJson(`${server.url}/api/v1/endpoints`)).headers.get('warning')).toBeNull();
  });

  it('derives the namespace list from the objects present', async () => {
    const server = await startServer(seededStore(1));
    const { body } = await getJson(`${server.url}/api/v1/namespaces`);
    expect(body.kind).toBe('NamespaceList');
    expect(body.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['other', 'shop']);
  });

  it('records every request with method, path, query, headers and status', async () => {
    const server = await startServer(seededStore(1));
    await getJson(`${server.url}/api/v1/pods?limit=5&labelSelector=app%3Dweb`, { 'x-test': '1' });
    const entry = server.requests.at(-1)!;
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/api/v1/pods',
      query: { limit: '5', labelSelector: 'app=web' },
      status: 200,
    });
    expect(entry.headers['x-test']).toBe('1');
  });
});
