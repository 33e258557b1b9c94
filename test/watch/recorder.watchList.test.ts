import { afterEach, describe, expect, it } from 'vitest';
import {
  coverage,
  EXPIRED,
  events,
  type Harness,
  listsOf,
  putPod,
  putService,
  startHarness,
  streamedOf,
  waitFor,
  watchesOf,
  watching,
} from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const on = { watchList: true } as const;

describe('Recorder: WatchList (streaming list)', () => {
  it('takes the initial state from one WatchList stream: no LIST, rows stored as relist ADDED, cursor = the initial-events-end bookmark RV, and the same stream goes on as the watch', async () => {
    h = await startHarness({ watchList: true });
    for (let i = 0; i < 25; i++) putPod(h.simStore, 'shop', `web-${i}`);
    const stateRv = String(h.simStore.revision);
    h.startRecorder({ kinds: ['Pod'], options: on });
    await watching(h);
    expect(listsOf(h)).toHaveLength(0);
    const [req] = streamedOf(h);
    expect(req?.query).toMatchObject({
      watch: 'true',
      sendInitialEvents: 'true',
      resourceVersionMatch: 'NotOlderThan',
      allowWatchBookmarks: 'true',
    });
    expect(req?.query.resourceVersion).toBeUndefined();
    const rows = events(h.store, "kind = 'Pod'");
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.type === 'ADDED' && r.source === 'relist' && r.not_before === null)).toBe(
      true,
    );
    expect(h.store.getCursor('sim', 'Pod')?.resourceVersion).toBe(stateRv);
    expect(coverage(h.store, 'Pod')).toMatchObject([{ start_reason: 'list', ended_at: null }]);

    const live = putPod(h.simStore, 'shop', 'live');
    await waitFor(() => events(h.store, "name = 'live'").length === 1, 3000, 'live pod');
    expect(events(h.store, "name = 'live'")[0]).toMatchObject({
      type: 'ADDED',
      source: 'watch',
      not_before: null,
      resource_version: live.metadata.resourceVersion,
    });
    expect(watchesOf(h)).toHaveLength(1);
    expect(h.recorder!.health().kinds.Pod!.relists).toBe(1);
  });

  it('relists through WatchList after an in-band 410, diffing the streamed state against the store', async () => {
    h = await startHarness({ watchList: true });
    putPod(h.simStore, 'shop', 'keep');
    putPod(h.simStore, 'shop', 'gone');
    h.startRecorder({ kinds: ['Pod'], options: on });
    await watching(h);
    h.sim.faults.injectInBandError(EXPIRED);
    h.sim.faults.dropConnections();
    h.simStore.remove('Pod', 'shop', 'gone');
    await waitFor(() => events(h.store, "name = 'gone' AND type = 'DELETED'").length === 1, 5000, 'deletion');
    const [del] = events(h.store, "name = 'gone' AND type = 'DELETED'");
    const cov = coverage(h.store, 'Pod');
    expect(del).toMatchObject({ source: 'relist', not_before: cov[0]!.ended_at });
    await watching(h);
    expect(del!.resource_version).toBe(h.store.getCursor('sim', 'Pod')!.resourceVersion);
    expect(streamedOf(h)).toHaveLength(2);
    expect(listsOf(h)).toHaveLength(0);
    expect(cov[1]!.start_reason).toBe('list');
    expect(events(h.store, "name = 'keep'")).toHaveLength(1);
  });

  it('keeps one open coverage interval across periodic WatchList relists, which re-arm only after their snapshot', async () => {
    h = await startHarness({ watchList: true });
    putPod(h.simStore, 'shop', 'a');
    h.startRecorder({ kinds: ['Pod'], options: { ...on, relistIntervalMs: 200 } });
    await waitFor(() => streamedOf(h).length >= 4, 5000, 'three periodic relists');
    expect(listsOf(h)).toHaveLength(0);
    expect(coverage(h.store, 'Pod')).toMatchObject([{ start_reason: 'list', ended_at: null }]);
    expect(events(h.store, "kind = 'Pod'")).toHaveLength(1);
  });

  it('falls back to paginated list + watch on the 422 of a server with the gate off, once for all kinds, and never retries WatchList on later relists', async () => {
    h = await startHarness({ watchList: false });
    putPod(h.simStore, 'shop', 'a');
    putService(h.simStore, 'shop', 'web');
    h.startRecorder({ kinds: ['Pod', 'Service', 'Endpoints'], options: on });
    await waitFor(() => h.recorder!.health().status === 'ok', 5000, 'ok');
    const rejected = h.sim.requests.filter((r) => r.status === 422);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.query.sendInitialEvents).toBe('true');
    for (const path of ['/api/v1/pods', '/api/v1/services', '/api/v1/endpoints'])
      expect(listsOf(h, path)).toHaveLength(1);
    expect(events(h.store, "name = 'a'")).toMatchObject([{ type: 'ADDED', source: 'relist' }]);

    // A 410 forces a relist: it is a paginated list again, not another WatchList attempt.
    const before = h.sim.requests.length;
    putPod(h.simStore, 'shop', 'b');
    h.sim.faults.compact();
    h.sim.faults.dropConnections();
    await waitFor(() => listsOf(h).length === 2, 5000, 'relist');
    await waitFor(() => events(h.store, "name = 'b'").length === 1, 3000, 'b');
    const after = h.sim.requests.slice(before);
    expect(after.filter((r) => r.query.sendInitialEvents !== undefined)).toEqual([]);
    expect(h.sim.requests.filter((r) => r.status === 422)).toHaveLength(1);
    const m = await h.recorder!.registry.getSingleMetricAsString('eph_relists_total');
    expect(m).toContain('reason="watch-list-unsupported"');
  });
});
