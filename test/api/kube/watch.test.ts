import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/index.js';
import { cli } from '../../cli/helpers.js';
import { rawPod, Timeline, tempDbPath } from '../../helpers/k8s.js';
import { INCIDENT_NOW, t } from '../../query/incidentRecording.js';
import { at, events, KUBECTL_TABLE, type KubeApp, kubeApp } from './kubeHarness.js';

let k: KubeApp | undefined;
afterEach(async () => {
  await k?.close();
  k = undefined;
});

const get = (url: string, headers: Record<string, string> = {}) =>
  k!.app.inject({ method: 'GET', url, headers });
const listRv = async (url: string) => (await get(url)).json().metadata.resourceVersion as string;

describe('a watch replays the recorded changes after T', () => {
  it('from a list’s resourceVersion: the changes in order, with their original spacing, then ends where the recording ended', async () => {
    k = await kubeApp({ ended: true });
    const base = `${at('02:15:10')}/api/v1/namespaces/default/pods`;
    const rv = await listRv(base);
    const r = await get(`${base}?watch=true&resourceVersion=${rv}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    const evs = events(r.body);
    expect(evs.map((e) => [e.type, e.object.kind, e.object.metadata.name])).toEqual([
      ['MODIFIED', 'Pod', 'hello-7d9f-bbbbb'],
      ['ADDED', 'Pod', 'hello-8e0a-fffff'],
      ['MODIFIED', 'Pod', 'hello-8e0a-fffff'],
    ]);
    // 02:15:10 → 02:15:30 → 02:20:00 → 02:20:05, then the log ends and nothing is recorded any more
    expect(k.slept).toEqual([20_000, 270_000, 5_000]);
    // the objects carry the recorded resourceVersion, as a list at their moment shows them
    const later = (await get(`${at('02:20:05')}/api/v1/namespaces/default/pods/hello-8e0a-fffff`)).json();
    expect(evs[2]!.object.metadata.resourceVersion).toBe(later.metadata.resourceVersion);
  });

  it('replays faster with a speed in the path, and sends the state at T first when no resourceVersion is given', async () => {
    k = await kubeApp({ ended: true });
    const r = await get(`${at('02:15:10', 10)}/api/v1/namespaces/default/pods?watch=1`);
    const evs = events(r.body);
    expect(evs.slice(0, 4).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED hello-7d9f-bbbbb',
      'ADDED hello-7d9f-ccccc',
      'ADDED hello-7d9f-ddddd',
      'ADDED hello-8e0a-eeeee',
    ]);
    expect(evs).toHaveLength(7);
    expect(k.slept).toEqual([2_000, 27_000, 500]);
  });

  it('replays v1 Endpoints as `get endpoints` answers them at each change, one event per visible change', async () => {
    k = await kubeApp({ ended: true });
    const url = `${at('02:10:20')}/api/v1/namespaces/default/endpoints?fieldSelector=metadata.name%3Dservice-hello`;
    const rv = await listRv(url);
    const evs = events((await get(`${url}&watch=true&resourceVersion=${rv}`)).body);
    // 02:15:00 b not ready, 02:15:30 b ready, 02:20:05 f in: the Endpoints and slice changes of one
    // moment make one event; a gone at 02:10:40 changes nothing visible (terminating, it had already
    // left the v1 Endpoints at 02:10:10)
    const times = ['02:15:00', '02:15:30', '02:20:05'];
    expect(evs.map((e) => e.type)).toEqual(['MODIFIED', 'MODIFIED', 'MODIFIED']);
    for (const [i, time] of times.entries()) {
      const ours = await cli(
        [
          'get',
          'endpoints',
          'service-hello',
          '--at',
          new Date(t(time)).toISOString(),
          '-o',
          'json',
          '--db',
          k.store.db.name,
        ],
        INCIDENT_NOW,
      );
      expect({ kind: 'Endpoints', apiVersion: 'v1', ...evs[i]!.object }).toEqual(JSON.parse(ours.stdout));
    }
  });

  it('prints each event as a one-row Table with the age the object had at that change', async () => {
    k = await kubeApp({ ended: true });
    const url = `${at('02:15:10')}/api/v1/namespaces/default/endpoints`;
    const rv = await listRv(url);
    const evs = events(
      (await get(`${url}?watch=true&resourceVersion=${rv}`, { accept: KUBECTL_TABLE })).body,
    );
    expect(evs[0]!.object.kind).toBe('Table');
    expect(evs.map((e) => e.object.rows[0].cells.slice(0, 2))).toEqual([
      ['service-hello', '10.244.1.23:8080,10.244.1.24:8080,10.244.1.25:8080 + 1 more...'],
      ['service-hello', '10.244.1.22:8080,10.244.1.23:8080,10.244.1.24:8080 + 2 more...'],
    ]);
  });

  it('sends bookmarks at the position reached when asked, ending with one: a client resumes from it', async () => {
    k = await kubeApp({ ended: true });
    const base = `${at('02:15:10')}/api/v1/namespaces/default/pods`;
    const rv = await listRv(base);
    const evs = events((await get(`${base}?watch=true&allowWatchBookmarks=true&resourceVersion=${rv}`)).body);
    // 270 s between 02:15:30 and 02:20:00: four bookmarks a minute apart, each at b's change
    expect(evs.map((e) => e.type)).toEqual([
      'MODIFIED',
      'BOOKMARK',
      'BOOKMARK',
      'BOOKMARK',
      'BOOKMARK',
      'ADDED',
      'MODIFIED',
      'BOOKMARK',
    ]);
    const bookmark = evs[1]!.object;
    expect(bookmark).toMatchObject({ kind: 'Pod', apiVersion: 'v1', spec: { containers: null } });
    expect(Object.keys(bookmark.metadata)).toEqual(['resourceVersion', 'creationTimestamp']);
    const last = evs[7]!.object.metadata.resourceVersion;
    // resuming from the last bookmark replays nothing more: the recording has ended
    expect(events((await get(`${base}?watch=true&resourceVersion=${last}`)).body)).toEqual([]);
    // resuming from the first bookmark replays what came after it, and only that
    const resumed = events(
      (await get(`${base}?watch=true&resourceVersion=${bookmark.metadata.resourceVersion}`)).body,
    );
    expect(resumed.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED hello-8e0a-fffff',
      'MODIFIED hello-8e0a-fffff',
    ]);
  });

  it('warns when the replay crosses a recording gap', async () => {
    k = await kubeApp({ ended: true });
    const r = await get(
      `${at('02:20:10')}/apis/discovery.k8s.io/v1/endpointslices?watch=true&resourceVersion=0`,
    );
    expect(r.headers.warning).toContain(
      'crosses recording gaps (EndpointSlice 2026-03-01T02:25:00.000Z to 2026-03-01T02:27:00.000Z (stream-broken)',
    );
    const quiet = await get(`${at('02:20:10')}/api/v1/pods?watch=true&resourceVersion=0`);
    expect(quiet.headers.warning).toBeUndefined();
  });

  it('warns when the replay starts after now: its state at T is not recorded yet', async () => {
    k = await kubeApp();
    const r = await get(`${at('04:00:00')}/api/v1/pods?watch=true&resourceVersion=0&timeoutSeconds=1`);
    expect(r.headers.warning).toBe(
      '299 - "endpoints-history: the replay of pods from 2026-03-01T04:00:00.000Z starts after now (2026-03-01T03:00:00.000Z): nothing is recorded there yet; its state is the last recorded one"',
    );
  });

  it('follows changes recorded while it runs, until its timeout, when the recording goes on', async () => {
    k = await kubeApp();
    const tl = new Timeline(t('02:30:00'));
    let recorded = false;
    k.onSleep.current = () => {
      if (recorded) return;
      recorded = true;
      tl.put(k!.store, INCIDENT_NOW + 1000, (x) =>
        x.obs('Pod', 'ADDED', rawPod({ uid: 'uid-g', name: 'hello-9f1b-ggggg', ips: ['10.244.1.27'] })),
      );
    };
    const url = `/kube/clusters/test/at/now/api/v1/namespaces/default/pods?watch=true&resourceVersion=${await listRv('/kube/clusters/test/at/now/api/v1/namespaces/default/pods')}&timeoutSeconds=5`;
    const evs = events((await get(url)).body);
    expect(evs.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED hello-9f1b-ggggg']);
    expect(k.slept.reduce((a, b) => a + b, 0)).toBe(5_000);
  });

  it('turns a selection change into ADDED and DELETED, as the API server does for label selectors', async () => {
    k = await kubeApp({
      ended: true,
      record: () => {
        const store = SqliteStore.open(tempDbPath());
        store.append({
          observations: [],
          coverage: [{ op: 'open', cluster: 'test', kind: 'Pod', at: t('01:59:00'), reason: 'list' }],
        });
        const tl = new Timeline();
        const p = { uid: 'uid-p', name: 'p', ips: ['10.0.0.1'] };
        tl.put(store, t('02:00:00'), (x) => x.obs('Pod', 'ADDED', rawPod({ ...p, labels: { app: 'a' } })));
        tl.put(store, t('02:01:00'), (x) => x.obs('Pod', 'MODIFIED', rawPod({ ...p, labels: { app: 'b' } })));
        tl.put(store, t('02:02:00'), (x) => x.obs('Pod', 'DELETED', rawPod({ ...p, labels: { app: 'b' } })));
        return { store };
      },
    });
    const watch = async (selector: string) =>
      events(
        (await get(`${at('02:00:30')}/api/v1/pods?watch=true&labelSelector=${encodeURIComponent(selector)}`))
          .body,
      ).map((e) => `${e.type} ${e.object.metadata.labels.app}`);
    expect(await watch('app=a')).toEqual(['ADDED a', 'DELETED a']);
    expect(await watch('app=b')).toEqual(['ADDED b', 'DELETED b']);
    expect(await watch('app')).toEqual(['ADDED a', 'MODIFIED b', 'DELETED b']);
  });
});

describe('watch requests it refuses', () => {
  it('answers a resourceVersion that is not a log position of this history, namespaces and a WatchList without its match with 400', async () => {
    k = await kubeApp({ ended: true });
    for (const url of [
      `${at('02:15:10')}/api/v1/pods?watch=true&resourceVersion=abc`,
      // a position past the log's end: another database's (would otherwise replay nothing, looking quiet)
      `${at('02:15:10')}/api/v1/pods?watch=true&resourceVersion=999999999`,
      `${at('02:15:10')}/api/v1/namespaces?watch=true`,
      `${at('02:15:10')}/api/v1/pods?watch=true&sendInitialEvents=true`,
      `${at('02:15:10')}/api/v1/pods?watch=true&resourceVersionMatch=NotOlderThan`,
    ]) {
      const r = await get(url);
      expect([url, r.statusCode, r.json().kind]).toEqual([url, 400, 'Status']);
    }
    const watchList = events(
      (
        await get(
          `${at('02:15:10')}/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
        )
      ).body,
    );
    expect(watchList[4]).toMatchObject({
      type: 'BOOKMARK',
      object: { metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } },
    });
  });
});

describe('a watch over real HTTP', () => {
  it('streams its headers at once and ends when the server closes, without waiting for the replay', async () => {
    k = await kubeApp({ kube: { pollMs: 20, bookmarkMs: 60_000 } });
    await k.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (k.app.server.address() as AddressInfo).port;
    const started = Date.now();
    const response = await fetch(
      `http://127.0.0.1:${port}${at('02:15:10')}/api/v1/pods?watch=true&resourceVersion=0`,
    );
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"ADDED"');
    // the next change is 20 s of replay away: closing the app must not wait for it
    await k.app.close();
    for (;;) if ((await reader.read()).done) break;
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('long silences', () => {
  it('waits a month between two changes in steps a timer can hold (Node fires longer timers at once)', async () => {
    k = await kubeApp({
      ended: true,
      record: () => {
        const store = SqliteStore.open(tempDbPath());
        store.append({
          observations: [],
          coverage: [{ op: 'open', cluster: 'test', kind: 'Pod', at: t('01:59:00'), reason: 'list' }],
        });
        const tl = new Timeline();
        const p = { uid: 'uid-p', name: 'p', ips: ['10.0.0.1'] };
        tl.put(store, t('02:00:00'), (x) => x.obs('Pod', 'ADDED', rawPod(p)));
        tl.put(store, t('02:00:00') + 30 * 86_400_000, (x) =>
          x.obs('Pod', 'MODIFIED', rawPod({ ...p, ready: false })),
        );
        return { store };
      },
    });
    const r = await get(`${at('02:00:00')}/api/v1/pods?watch=true&resourceVersion=1`);
    expect(events(r.body).map((e) => e.type)).toEqual(['MODIFIED']);
    expect(Math.max(...k.slept)).toBeLessThanOrEqual(3_600_000);
    expect(k.slept.reduce((a, b) => a + b, 0)).toBe(30 * 86_400_000);
  });
});
