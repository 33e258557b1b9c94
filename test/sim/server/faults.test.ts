import { describe, expect, it } from 'vitest';
import {
  internalError,
  status,
  tooLargeResourceVersion,
  tooOldResourceVersion,
} from '../../../src/sim/server/statusObjects.js';
import { getJson, pod, seededStore, sleep, useSimServer } from './helpers.js';

const { startServer, watch } = useSimServer();

describe('fault knobs', () => {
  it('dropConnections destroys open watch sockets between events', async () => {
    const store = seededStore(1);
    const server = await startServer(store);
    const w = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision}`);
    store.put('Pod', pod('a'));
    await w.waitForEvents(1);
    expect(server.faults.dropConnections()).toBe(1);
    expect(await w.done).toBe('error');
    expect(w.partial()).toBe('');
  });

  it('dropConnections({midLine}) cuts the next event line in half, then destroys the socket', async () => {
    const store = seededStore(1);
    const server = await startServer(store);
    const w = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision}`);
    store.put('Pod', pod('a'));
    await w.waitForEvents(1);
    server.faults.dropConnections({ midLine: true });
    store.put('Pod', pod('b'));
    expect(await w.done).toBe('error');
    expect(w.events).toHaveLength(1);
    expect(w.partial().startsWith('{"type":"ADDED"')).toBe(true);
  });

  it('stall keeps the socket open writing nothing (no bookmarks); unstall flushes the queued events', async () => {
    const store = seededStore(1);
    const server = await startServer(store, { bookmarkIntervalMs: 20 });
    const w = await watch(`/api/v1/pods?watch=true&allowWatchBookmarks=1&resourceVersion=${store.revision}`);
    expect(server.faults.stall()).toBe(1);
    store.put('Pod', pod('a'));
    store.put('Pod', pod('b'));
    await sleep(150);
    expect(w.events).toEqual([]);
    const fresh = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision - 1}`);
    expect((await fresh.waitForEvents(1))[0]!.object.metadata.name).toBe('b');
    server.faults.unstall();
    const events = await w.waitForEvents(2);
    expect(events.slice(0, 2).map((e) => e.object.metadata.name)).toEqual(['a', 'b']);
  });

  it('coalesces a synchronous burst into one write, and splitWrites spreads one event over several writes', async () => {
    const store = seededStore(1);
    const server = await startServer(store);
    const w = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision}`);
    store.put('Pod', pod('a'));
    store.put('Pod', pod('b'));
    await w.waitForEvents(2);
    expect(w.chunks).toHaveLength(1);
    server.faults.splitWrites(true);
    store.put('Pod', pod('c'));
    await w.waitForEvents(3);
    expect(w.chunks.length).toBeGreaterThanOrEqual(4);
    expect(w.chunks.slice(1).some((c) => !c.endsWith('\n'))).toBe(true);
    expect(w.events[2]!.object.metadata.name).toBe('c');
  });

  it('injectInBandError gives the next watches 200, one ERROR line, then EOF, for each Status variant', async () => {
    const store = seededStore(1);
    const server = await startServer(store);
    const variants = [
      tooOldResourceVersion(1, 5),
      tooOldResourceVersion(1, 5, 'Gone'),
      internalError(),
      tooLargeResourceVersion(99, 5),
    ];
    for (const v of variants) server.faults.injectInBandError(v);
    server.faults.injectInBandError(status(410, 'Expired', 'twice'), { count: 2 });
    for (const expected of [...variants, status(410, 'Expired', 'twice'), status(410, 'Expired', 'twice')]) {
      const w = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision}`);
      expect(w.status).toBe(200);
      expect(await w.done).toBe('end');
      expect(w.events).toEqual([{ type: 'ERROR', object: expected }]);
    }
    const normal = await watch(`/api/v1/pods?watch=true&timeoutSeconds=1&resourceVersion=${store.revision}`);
    expect(await normal.done).toBe('end');
    expect(normal.events).toEqual([]);
  });

  it('injectHttpError answers the next matching requests with the status before streaming', async () => {
    const server = await startServer(seededStore(1));
    const url = `${server.url}/api/v1/pods?watch=true`;
    for (const code of [401, 403, 404, 410, 422, 500, 503]) {
      server.faults.injectHttpError({ status: code });
      const res = await getJson(url);
      expect(res.status).toBe(code);
      expect(res.body.kind).toBe('Status');
      expect(res.body.code).toBe(code);
    }
    server.faults.injectHttpError({
      status: 429,
      retryAfterSeconds: 7,
      count: 2,
      pathIncludes: '/endpointslices',
    });
    expect((await getJson(`${server.url}/api/v1/pods`)).status).toBe(200);
    const limited = await getJson(`${server.url}/apis/discovery.k8s.io/v1/endpointslices`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await getJson(`${server.url}/apis/discovery.k8s.io/v1/endpointslices`)).status).toBe(429);
    expect((await getJson(`${server.url}/apis/discovery.k8s.io/v1/endpointslices`)).status).toBe(200);
  });

  it('forbid answers 403 Forbidden on every request for the resource until allow', async () => {
    const server = await startServer(seededStore(1));
    server.faults.forbid('endpointslices');
    const res = await getJson(`${server.url}/apis/discovery.k8s.io/v1/endpointslices?watch=true`);
    expect(res.status).toBe(403);
    expect(res.body.reason).toBe('Forbidden');
    expect(res.body.message).toBe(
      'endpointslices.discovery.k8s.io is forbidden: User "system:serviceaccount:endpoint-history:endpoint-history" cannot watch resource "endpointslices" in API group "discovery.k8s.io" at the cluster scope',
    );
    expect((await getJson(`${server.url}/apis/discovery.k8s.io/v1/namespaces/a/endpointslices`)).status).toBe(
      403,
    );
    expect((await getJson(`${server.url}/api/v1/pods`)).status).toBe(200);
    server.faults.allow('endpointslices');
    expect((await getJson(`${server.url}/apis/discovery.k8s.io/v1/endpointslices`)).status).toBe(200);
  });

  it('killSlowWatchers ends streams without ERROR, dropping queued events, and a re-watch from the old RV gets 410', async () => {
    const store = seededStore(1);
    const start = store.revision;
    const server = await startServer(store);
    const w = await watch(`/api/v1/pods?watch=true&resourceVersion=${start}`);
    server.faults.stall();
    store.put('Pod', pod('missed'));
    expect(server.faults.killSlowWatchers()).toBe(1);
    expect(await w.done).toBe('end');
    expect(w.events).toEqual([]);
    const again = await watch(`/api/v1/pods?watch=true&resourceVersion=${start}`);
    await again.done;
    expect(again.events[0]!.object.code).toBe(410);
    const fromHead = await watch(
      `/api/v1/pods?watch=true&timeoutSeconds=1&resourceVersion=${store.revision}`,
    );
    expect(await fromHead.done).toBe('end');
    expect(fromHead.events).toEqual([]);
  });

  it('compact(rev) expires watches below rev but keeps those at or above it', async () => {
    const store = seededStore(4);
    const server = await startServer(store);
    const mid = store.revision - 2;
    server.faults.compact(mid);
    const old = await watch(`/api/v1/pods?watch=true&resourceVersion=${mid - 1}`);
    await old.done;
    expect(old.events[0]!.object.message).toBe(`too old resource version: ${mid - 1} (${mid})`);
    const ok = await watch(`/api/v1/pods?watch=true&resourceVersion=${mid}`);
    expect((await ok.waitForEvents(2)).map((e) => e.type)).toEqual(['ADDED', 'ADDED']);
  });

  it('restart closes sockets, refuses connections while down, returns on the same port and 410s old RVs', async () => {
    const store = seededStore(2);
    const old = store.revision - 1;
    const server = await startServer(store);
    const port = server.port;
    const w = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision}`);
    const restarting = server.restart({ downMs: 300 });
    expect(await w.done).toBe('error');
    await sleep(100);
    const refused = await fetch(`${server.url}/version`).then(
      () => 'connected',
      (err: { cause?: { code?: string } }) => err.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    await restarting;
    expect(server.port).toBe(port);
    const again = await watch(`/api/v1/pods?watch=true&resourceVersion=${old}`);
    await again.done;
    expect(again.events[0]!.object).toMatchObject({ code: 410, reason: 'Expired' });
    const atHead = await watch(`/api/v1/pods?watch=true&resourceVersion=${store.revision}`);
    store.put('Pod', pod('after-restart'));
    expect((await atHead.waitForEvents(1))[0]!.object.metadata.name).toBe('after-restart');
  });

  it('restart with resetRevision keeps objects at a low revision: old-RV watches are silent, old-RV lists 504', async () => {
    const store = seededStore(5);
    const high = store.revision;
    const server = await startServer(store, { listBlockTimeoutMs: 150, bookmarkIntervalMs: 20 });
    const oldUid = store.get('Pod', 'shop', 'web-00')!.metadata.uid;
    await server.restart({
      downMs: 20,
      resetRevision: 2,
      mutate: (objs) =>
        objs.map((o) => ({
          ...o,
          object: { ...o.object, metadata: { ...o.object.metadata, uid: `new-${o.object.metadata.name}` } },
        })),
    });
    expect(store.revision).toBe(2);
    const list = await getJson(`${server.url}/api/v1/namespaces/shop/pods`);
    expect(list.body.metadata.resourceVersion).toBe('2');
    expect(list.body.items).toHaveLength(5);
    expect(list.body.items[0].metadata.uid).toBe('new-web-00');
    expect(list.body.items[0].metadata.uid).not.toBe(oldUid);
    const silent = await watch(`/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=${high}`);
    store.put('Pod', pod('post-reset'));
    await sleep(120);
    expect(silent.events).toEqual([]);
    const tooLarge = await getJson(`${server.url}/api/v1/pods?resourceVersion=${high}`);
    expect(tooLarge.status).toBe(504);
    expect(tooLarge.body.details.causes[0].reason).toBe('ResourceVersionTooLarge');
  });

  it('requires the bearer token when configured and writes it into the kubeconfig', async () => {
    const server = await startServer(seededStore(1), { token: 's3cret' });
    const denied = await getJson(`${server.url}/api/v1/pods`);
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect((await getJson(`${server.url}/api/v1/pods`, { Authorization: 'Bearer s3cret' })).status).toBe(200);
    const yaml = server.kubeconfigYaml({ contextName: 'sim-a' });
    expect(yaml).toContain(`server: ${server.url}`);
    expect(yaml).toContain('insecure-skip-tls-verify: true');
    expect(yaml).toContain('token: s3cret');
    expect(yaml).toContain('current-context: sim-a');
  });
});
