import { afterEach, describe, expect, it } from 'vitest';
import { events, type Harness, putPod, putService, setReady, startHarness, waitFor } from './harness.js';

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
    await waitFor(() => h.recorder!.health().kinds.Pod?.state === 'watching', 5000, 'watching');
    const rows = events(h.store, "kind = 'Pod'");
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.type === 'ADDED' && r.source === 'relist' && r.not_before === null)).toBe(
      true,
    );
    expect(h.store.getCursor('sim', 'Pod')?.resourceVersion).toBe(listRv);
    const lists = h.sim.requests.filter((r) => r.path === '/api/v1/pods' && r.query.watch === undefined);
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
});
