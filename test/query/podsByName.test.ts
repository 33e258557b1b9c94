import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { History } from '../../src/query/index.js';
import type { Store } from '../../src/store/index.js';
import { historyOf, openTestStore } from '../helpers/backend.js';
import { rawPod, Timeline } from '../helpers/k8s.js';

/**
 * A StatefulSet-style name reused by a new incarnation (new uid), and the same name in another
 * namespace: queries by name find every incarnation through the objects table, and only that name.
 */
describe('pods by name across incarnations', () => {
  const tl = new Timeline();
  let store: Store;
  let history: History;
  const first = rawPod({ uid: 'db-0-a', name: 'db-0', ips: ['10.0.0.1'] });
  const second = rawPod({ uid: 'db-0-b', name: 'db-0', ips: ['10.0.0.2'] });
  const elsewhere = rawPod({ uid: 'db-0-c', name: 'db-0', namespace: 'other', ips: ['10.0.0.3'] });
  const t0 = tl.now;
  const deletedAt = t0 + 10_000;
  const recreatedAt = deletedAt + 5_000;
  beforeAll(async () => {
    const opened = await openTestStore();
    store = opened.store;
    await store.append({
      observations: [tl.obs('Pod', 'ADDED', first), tl.obs('Pod', 'ADDED', elsewhere)],
      coverage: [{ op: 'open', cluster: 'test', kind: 'Pod', at: t0, reason: 'list' }],
    });
    tl.now = deletedAt;
    await store.append({ observations: [tl.obs('Pod', 'DELETED', first)] });
    tl.now = recreatedAt;
    await store.append({ observations: [tl.obs('Pod', 'ADDED', second)] });
    history = await historyOf(store, opened.path, recreatedAt + 1_000);
  });
  afterAll(async () => {
    history.close();
    await store.close();
  });

  it('podAt answers the incarnation alive at T, and null in between', async () => {
    expect((await history.podAt({ namespace: 'default', name: 'db-0', at: t0 }))?.uid).toBe('db-0-a');
    expect(await history.podAt({ namespace: 'default', name: 'db-0', at: deletedAt + 1 })).toBeNull();
    expect((await history.podAt({ namespace: 'default', name: 'db-0', at: recreatedAt }))?.uid).toBe(
      'db-0-b',
    );
    expect((await history.podAt({ namespace: 'other', name: 'db-0', at: recreatedAt }))?.uid).toBe('db-0-c');
    // before pods were recorded, "no such pod" would be a guess
    await expect(history.podAt({ namespace: 'default', name: 'db-0', at: t0 - 1 })).rejects.toMatchObject({
      code: 'EPH_ERR_NOT_RECORDED',
    });
  });

  it('podHistory lists both incarnations of the name, oldest first, and not the other namespace', async () => {
    const states = await history.podHistory({
      namespace: 'default',
      name: 'db-0',
      from: t0,
      to: recreatedAt,
    });
    expect(states.map((p) => p.uid)).toEqual(['db-0-a', 'db-0-b']);
  });

  it('podsAt filters by namespace and lists every namespace without one', async () => {
    const uids = async (namespace: string | null, at: number) =>
      (await history.podsAt({ namespace, at })).map((p) => p.state.uid);
    expect(await uids('default', t0)).toEqual(['db-0-a']);
    expect(await uids('default', deletedAt)).toEqual([]);
    expect(await uids('other', recreatedAt)).toEqual(['db-0-c']);
    expect(await uids(null, recreatedAt)).toEqual(['db-0-b', 'db-0-c']);
  });
});
