import { describe, expect, it } from 'vitest';
import { getJson, pod, seededStore, sleep, useSimServer } from './helpers.js';

const { startServer, watch } = useSimServer();

describe('WATCH', () => {
  it('answers 200 chunked application/json with headers flushed before any event', async () => {
    const store = seededStore(1);
    await startServer(store);
    const w = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision}`);
    expect(w.status).toBe(200);
    expect(w.headers['content-type']).toBe('application/json');
    expect(w.headers['transfer-encoding']).toBe('chunked');
    expect(w.events).toEqual([]);
  });

  it('replays the log after resourceVersion=N, then streams live changes with kind/apiVersion', async () => {
    const store = seededStore(0);
    const rv = store.revision;
    store.put('Pod', pod('a'));
    store.put('Pod', pod('a', { app: 'web', v: '2' }));
    await startServer(store);
    const w = await watch(`/api/v1/namespaces/shop/pods?watch=1&resourceVersion=${rv}`);
    store.remove('Pod', 'shop', 'a');
    const events = await w.waitForEvents(3);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[0]!.object.kind).toBe('Pod');
    expect(events[0]!.object.apiVersion).toBe('v1');
    expect(events[2]!.object.metadata.resourceVersion).toBe(String(store.revision));
    expect(events[2]!.object.metadata.labels).toEqual({ app: 'web', v: '2' });
  });

  it('sends synthetic ADDED for the current state when resourceVersion is 0 or unset', async () => {
    const store = seededStore(2);
    await startServer(store);
    for (const q of ['resourceVersion=0', '']) {
      const w = await watch(`/api/v1/namespaces/shop/pods?watch=true&${q}`);
      const events = await w.waitForEvents(2);
      expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
        ['ADDED', 'web-00'],
        ['ADDED', 'web-01'],
      ]);
    }
  });

  it('sends one in-band 410 ERROR and ends when the start RV is below the watch-cache floor', async () => {
    const store = seededStore(3);
    const old = store.revision - 2;
    const server = await startServer(store);
    server.faults.compact();
    const w = await watch(`/api/v1/pods?watch=true&resourceVersion=${old}`);
    expect(w.status).toBe(200);
    expect(await w.done).toBe('end');
    expect(w.events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${old} (${store.revision})`,
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
  });

  it('turns selector transitions into ADDED and DELETED (the old body stamped with the change RV)', async () => {
    const store = seededStore(0);
    store.put('Pod', pod('p', { app: 'db' }));
    await startServer(store);
    const w = await watch(
      `/api/v1/pods?watch=true&resourceVersion=${store.revision}&labelSelector=app%3Dweb`,
    );
    store.put('Pod', pod('p', { app: 'web' }));
    store.put('Pod', pod('p', { app: 'web', x: '1' }));
    store.put('Pod', pod('p', { app: 'db' }));
    const events = await w.waitForEvents(3);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[2]!.object.metadata.labels).toEqual({ app: 'web', x: '1' });
    expect(events[2]!.object.metadata.resourceVersion).toBe(String(store.revision));
  });

  it('stays silent while the start RV is ahead of the store, then delivers changes past it', async () => {
    const store = seededStore(1);
    await startServer(store, { bookmarkIntervalMs: 30 });
    const ahead = store.revision + 2;
    const w = await watch(`/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${ahead}`);
    store.put('Pod', pod('x1'));
    store.put('Pod', pod('x2'));
    await sleep(150);
    expect(w.events).toEqual([]);
    store.put('Pod', pod('x3'));
    const events = await w.waitForEvents(1);
    expect(events[0]!.object.metadata.name).toBe('x3');
  });

  it('sends bookmarks at the global head once it passes the start RV, only with allowWatchBookmarks', async () => {
    const store = seededStore(1);
    await startServer(store, { bookmarkIntervalMs: 40 });
    const plain = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision}`);
    const w = await watch(
      `/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${store.revision}`,
    );
    await sleep(120);
    expect(w.events).toEqual([]);
    store.put('Service', { metadata: { name: 'other-kind', namespace: 'shop' }, spec: {} });
    const [bookmark] = await w.waitForEvents(1);
    expect(bookmark).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(store.revision), creationTimestamp: null },
        spec: { containers: null },
        status: {},
      },
    });
    expect(plain.events).toEqual([]);
  });

  it('sends a quiet kind periodic bookmarks at the moving revision while the rest of the cluster writes', async () => {
    const store = seededStore(1);
    const start = store.revision;
    const server = await startServer(store, { bookmarkIntervalMs: 60, otherWritesEveryMs: 20 });
    const w = await watch(`/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${start}`);
    const bookmarks = await w.waitForEvents(2);
    expect(bookmarks.map((e) => e.type)).toEqual(['BOOKMARK', 'BOOKMARK']);
    const rvs = bookmarks.map((e) => Number(e.object.metadata.resourceVersion));
    expect(rvs[0]).toBeGreaterThan(start);
    expect(rvs[1]).toBeGreaterThan(rvs[0]!);
    // nothing of the four kinds changed: a list still holds the seeded pods, at the moving revision
    const list = await getJson(`${server.url}/api/v1/pods`);
    expect((list.body as { items: unknown[] }).items).toHaveLength(store.list('Pod').length);
    expect(
      Number((list.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion),
    ).toBeGreaterThanOrEqual(rvs[1]!);
  });

  it('sends a bookmark about 2 s before the deadline and ends the body cleanly at timeoutSeconds', async () => {
    const store = seededStore(1);
    await startServer(store);
    const w = await watch(
      `/api/v1/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion=${store.revision}`,
    );
    store.put('Service', { metadata: { name: 'other-kind', namespace: 'shop' }, spec: {} });
    const [bookmark] = await w.waitForEvents(1, 2500);
    expect(bookmark!.type).toBe('BOOKMARK');
    expect(await w.done).toBe('end');
  });

  it('ends cleanly at timeoutSeconds without any event', async () => {
    const store = seededStore(1);
    await startServer(store);
    const w = await watch(`/api/v1/pods?watch=true&timeoutSeconds=1&resourceVersion=${store.revision}`);
    expect(await w.done).toBe('end');
    expect(w.events).toEqual([]);
  });

  it('streams the WatchList initial state then one initial-events-end bookmark when the gate is on', async () => {
    const store = seededStore(2);
    await startServer(store, { watchList: true });
    const w = await watch(
      '/api/v1/namespaces/shop/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=',
    );
    const events = await w.waitForEvents(3);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(events[2]!.object.metadata).toEqual({
      resourceVersion: String(store.revision),
      creationTimestamp: null,
      annotations: { 'k8s.io/initial-events-end': 'true' },
    });
    store.put('Pod', pod('web-09'));
    expect((await w.waitForEvents(4))[3]!.type).toBe('ADDED');
  });

  it('rejects WatchList with the exact 422 while the gate is off, and accepts it once on', async () => {
    const store = seededStore(1);
    const server = await startServer(store);
    const q =
      '/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true';
    const res = await getJson(`${server.url}${q}`);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
      reason: 'Invalid',
      details: {
        group: 'meta.k8s.io',
        kind: 'ListOptions',
        causes: [
          {
            reason: 'FieldValueForbidden',
            message:
              'Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
            field: 'sendInitialEvents',
          },
        ],
      },
      code: 422,
    });
    server.faults.setWatchList(true);
    const w = await watch(q);
    expect(w.status).toBe(200);
  });

  it('rejects sendInitialEvents without NotOlderThan and resourceVersionMatch without sendInitialEvents (422)', async () => {
    const server = await startServer(seededStore(1), { watchList: true });
    const a = await getJson(`${server.url}/api/v1/pods?watch=true&sendInitialEvents=true`);
    expect(a.status).toBe(422);
    expect(a.body.details.causes[0].field).toBe('resourceVersionMatch');
    const b = await getJson(
      `${server.url}/api/v1/pods?watch=true&resourceVersionMatch=NotOlderThan&resourceVersion=1`,
    );
    expect(b.status).toBe(422);
    expect(b.body.message).toContain(
      'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
  });

  it('ignores limit and continue on a watch and treats an empty watch value as true', async () => {
    const store = seededStore(3);
    const server = await startServer(store);
    const w = await watch('/api/v1/namespaces/shop/pods?watch=&limit=1&continue=garbage');
    expect((await w.waitForEvents(3)).every((e) => e.type === 'ADDED')).toBe(true);
    const list = await getJson(`${server.url}/api/v1/pods?watch=false`);
    expect(list.body.kind).toBe('PodList');
  });

  it('sends the deprecation Warning on endpoints watches', async () => {
    const store = seededStore(1);
    await startServer(store);
    const w = await watch('/api/v1/endpoints?watch=true');
    expect(w.headers.warning).toBe(
      '299 - "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"',
    );
  });
});
