import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { SqliteReads } from '../../src/store/index.js';
import { kubeConfigAuth } from '../../src/watch/index.js';
import { loadKubeConfig } from '../../src/watch/kubeConfig.js';
import { KubeHttp } from '../../src/watch/kubeHttp.js';
import { watchStream } from '../../src/watch/watchStream.js';
import {
  events,
  type Harness,
  listsOf,
  putPod,
  putService,
  setReady,
  startHarness,
  waitFor,
  watching,
} from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('Recorder: list then watch', () => {
  it('stores a paginated initial list (3 pages) as relist ADDED rows and persists the list RV as cursor', async () => {
    h = await startHarness();
    for (let i = 0; i < 25; i++) putPod(h.simStore, 'shop', `web-${i}`);
    const listRv = String(h.simStore.revision);
    h.startRecorder({ kinds: ['Pod'], options: { listLimit: 10 } });
    await watching(h);
    const rows = events(h.store, "kind = 'Pod'");
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.type === 'ADDED' && r.source === 'relist' && r.not_before === null)).toBe(
      true,
    );
    expect(h.store.getCursor('sim', 'Pod')?.resourceVersion).toBe(listRv);
    const lists = listsOf(h);
    expect(lists).toHaveLength(3);
    const watch = h.sim.requests.find((r) => r.query.watch === 'true');
    expect(watch?.query.resourceVersion).toBe(listRv);
    expect(watch?.query.allowWatchBookmarks).toBe('true');
  });

  it('records live ADDED, MODIFIED and DELETED as watch rows and moves the cursor with them', async () => {
    h = await startHarness();
    putService(h.simStore, 'shop', 'web');
    h.startRecorder({ kinds: ['Pod', 'Service'] });
    await waitFor(() => h.recorder!.health().status === 'ok', 5000, 'ok');
    putPod(h.simStore, 'shop', 'a');
    setReady(h.simStore, 'shop', 'a', false);
    const deleted = h.simStore.remove('Pod', 'shop', 'a')!;
    await waitFor(() => events(h.store, "kind = 'Pod'").length === 3, 3000, 'three pod events');
    const rows = events(h.store, "kind = 'Pod'");
    expect(rows.map((r) => [r.type, r.source])).toEqual([
      ['ADDED', 'watch'],
      ['MODIFIED', 'watch'],
      ['DELETED', 'watch'],
    ]);
    expect(rows[2]!.resource_version).toBe(deleted.metadata.resourceVersion);
    await waitFor(
      () => h.store.getCursor('sim', 'Pod')?.resourceVersion === deleted.metadata.resourceVersion,
    );
  });

  it('stores a DELETED with the deletion RV and the last body, closing the pod: podsByIP finds it just before, not at the deletion', async () => {
    h = await startHarness();
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    const pod = putPod(h.simStore, 'shop', 'short-lived');
    const ip = (pod.status as { podIP: string }).podIP;
    await waitFor(() => events(h.store, "name = 'short-lived'").length === 1, 3000, 'added');
    const deleted = h.simStore.remove('Pod', 'shop', 'short-lived')!;
    expect(deleted.metadata.resourceVersion).not.toBe(pod.metadata.resourceVersion);
    await waitFor(() => events(h.store, "name = 'short-lived'").length === 2, 3000, 'deleted');
    const [added, del] = events(h.store, "name = 'short-lived'");
    expect(del).toMatchObject({
      type: 'DELETED',
      source: 'watch',
      resource_version: deleted.metadata.resourceVersion,
      not_before: null,
    });
    expect(h.store.currentObjects('sim', 'Pod').has(pod.metadata.uid)).toBe(false);
    const history = new History(new SqliteReads(h.store.db), () => Date.now());
    expect(added!.observed_at).toBeLessThan(del!.observed_at);
    expect((await history.podsByIP({ ip, at: del!.observed_at - 1 })).map((i) => i.pod.name)).toEqual([
      'short-lived',
    ]);
    expect(await history.podsByIP({ ip, at: del!.observed_at })).toEqual([]);
    const [interval] = await history.podsByIP({ ip, from: added!.observed_at, to: del!.observed_at });
    expect(interval).toMatchObject({ from: added!.observed_at, to: del!.observed_at });
  });

  it('moves the persisted cursor on a BOOKMARK without storing an event', async () => {
    h = await startHarness({ bookmarkIntervalMs: 100 });
    putPod(h.simStore, 'shop', 'a');
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    const listRv = h.store.getCursor('sim', 'Pod')!.resourceVersion;
    // Writes to a kind this recorder does not watch move the global revision only.
    putService(h.simStore, 'shop', 'web');
    putService(h.simStore, 'shop', 'api');
    const head = String(h.simStore.revision);
    expect(head).not.toBe(listRv);
    await waitFor(() => h.store.getCursor('sim', 'Pod')?.resourceVersion === head, 3000, 'bookmark RV');
    expect(events(h.store)).toHaveLength(1);
  });

  it('receives a selector transition as a DELETED carrying the previous body stamped with the transition RV (the watch protocol the reflector parses)', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'moving', { labels: { app: 'web' } });
    const http = new KubeHttp(kubeConfigAuth(loadKubeConfig({ kubeconfig: h.kubeconfig })!.kc));
    const ac = new AbortController();
    const got: { type: string; rv: string; app: string }[] = [];
    const done = watchStream(
      http,
      '/api/v1/namespaces/shop/pods',
      { resourceVersion: String(h.simStore.revision), labelSelector: 'app=web' },
      ac.signal,
      5000,
      Date.now,
      {
        onAccepted: () => {},
        onBookmark: () => {},
        onEvent: (type, raw) => {
          const meta = raw.metadata as { resourceVersion: string; labels: Record<string, string> };
          got.push({ type, rv: meta.resourceVersion, app: meta.labels.app ?? '' });
        },
      },
    ).catch(() => undefined);
    await waitFor(() => h.sim.openWatches() === 1, 3000, 'watch open');
    const pod = h.simStore.get('Pod', 'shop', 'moving')!;
    const moved = h.simStore.put('Pod', {
      ...pod,
      metadata: { ...pod.metadata, labels: { app: 'db' } },
    });
    await waitFor(() => got.length === 1, 3000, 'transition event');
    expect(got).toEqual([{ type: 'DELETED', rv: moved.metadata.resourceVersion, app: 'web' }]);
    ac.abort();
    await done;
    http.close();
  });
});
