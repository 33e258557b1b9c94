import { afterEach, describe, expect, it } from 'vitest';
import type { Kind } from '../../src/model/types.js';
import type { AppendBatch, AppendResult, CurrentObject, EventStore } from '../../src/store/types.js';
import { events, type Harness, putPod, setReady, startHarness, waitFor } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The real store, with every append and every decoded read recorded. */
function recording(h: Harness) {
  const appends: AppendBatch[] = [];
  const decoded: string[] = [];
  let bulkReads = 0;
  const s = h.store;
  const store: EventStore = {
    synchronous: true,
    appendNow: (batch): AppendResult => {
      appends.push({ ...batch, observations: [...batch.observations] });
      return s.appendNow(batch);
    },
    append: (batch) => {
      appends.push({ ...batch, observations: [...batch.observations] });
      return s.append(batch);
    },
    getCursor: (c, k) => s.getCursor(c, k),
    currentObjects: (c, k) => {
      bulkReads += 1;
      return s.currentObjects(c, k);
    },
    currentVersions: (c, k) => s.currentVersions(c, k),
    currentObject: (c: string, k: Kind, uid: string): CurrentObject | null => {
      decoded.push(uid);
      return s.currentObject(c, k, uid);
    },
    openCoverageSince: (c, k) => s.openCoverageSince(c, k),
    lastObservedAt: (c) => s.lastObservedAt(c),
    aliveAt: (c) => s.aliveAt(c),
    close: async () => undefined,
  };
  return { store, appends, decoded, bulkReads: () => bulkReads };
}

const podCursor = (b: AppendBatch) => b.cursors?.some((c) => c.kind === 'Pod') ?? false;

describe('Recorder: a (re)list streams into the store', () => {
  it('stores a 1,200-pod list in chunks as its pages arrive, and moves the cursor and opens coverage only with the last chunk', async () => {
    h = await startHarness();
    for (let i = 0; i < 1200; i++) putPod(h.simStore, 'shop', `p${i}`);
    const r = recording(h);
    h.startRecorder({ kinds: ['Pod'], store: r.store });
    await waitFor(() => h.store.getCursor('sim', 'Pod'), 5000, 'listed');
    const withPods = r.appends.filter((b) => b.observations.some((o) => o.kind === 'Pod'));
    expect(withPods.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...withPods.map((b) => b.observations.length))).toBeLessThanOrEqual(500);
    const cursorAt = r.appends.findIndex(podCursor);
    expect(cursorAt).toBe(r.appends.indexOf(withPods[withPods.length - 1]!));
    expect(r.appends[cursorAt]!.coverage).toEqual([expect.objectContaining({ op: 'open', kind: 'Pod' })]);
    expect(r.appends.slice(0, cursorAt).some((b) => (b.coverage ?? []).length > 0)).toBe(false);
    expect(events(h.store, "type = 'ADDED' AND source = 'relist'")).toHaveLength(1200);
  });

  it('diffs a relist against stored versions, decoding only the objects it deletes', async () => {
    h = await startHarness();
    for (let i = 0; i < 600; i++) putPod(h.simStore, 'shop', `p${i}`);
    h.startRecorder({ kinds: ['Pod'] });
    await waitFor(() => events(h.store).length === 600, 5000, 'listed');
    await h.stopRecorder();
    for (const name of ['p1', 'p2', 'p3']) h.simStore.remove('Pod', 'shop', name);
    setReady(h.simStore, 'shop', 'p10', false);
    setReady(h.simStore, 'shop', 'p11', false);
    putPod(h.simStore, 'shop', 'new');
    h.sim.faults.compact();
    const head = String(h.simStore.revision);
    const r = recording(h);
    h.startRecorder({ kinds: ['Pod'], store: r.store });
    await waitFor(() => h.store.getCursor('sim', 'Pod')?.resourceVersion === head, 5000, 'relisted');
    const relist = events(h.store, "source = 'relist' AND position > 600");
    expect(relist.map((e) => `${e.type} ${e.name}`).sort()).toEqual([
      'ADDED new',
      'DELETED p1',
      'DELETED p2',
      'DELETED p3',
      'MODIFIED p10',
      'MODIFIED p11',
    ]);
    expect(r.bulkReads()).toBe(0);
    expect(r.decoded).toHaveLength(3);
  });
});
