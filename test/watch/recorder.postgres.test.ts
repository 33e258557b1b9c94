import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { openStore } from '../../src/store/index.js';
import { freshPostgresDb } from '../helpers/postgres.js';
import { type Harness, putPod, setReady, startHarness, waitFor, watching } from './harness.js';

let h: Harness;
let history: History | undefined;
afterEach(async () => {
  history?.close();
  history = undefined;
  await h?.close();
});

/** The recorder's write path on PostgreSQL: batches planned at once, committed in order in the background. */
describe('Recorder into PostgreSQL', () => {
  it('records a list, then live changes, and a relist after a restart, answerable from the database', async () => {
    const url = await freshPostgresDb();
    h = await startHarness({}, () => openStore(url, { cluster: 'sim', command: 'record' }));
    for (let i = 0; i < 30; i++) putPod(h.simStore, 'shop', `web-${i}`);
    h.startRecorder({ kinds: ['Pod'], options: { listLimit: 10 } });
    await watching(h);
    history = await History.connect(url);
    const h2 = history;
    const alive = async () => (await h2.podsAt({ namespace: 'shop', at: Date.now() })).length;
    await waitFor(async () => (await alive()) === 30, 5000, 'the listed pods answered');
    setReady(h.simStore, 'shop', 'web-3', false);
    h.simStore.remove('Pod', 'shop', 'web-4');
    await waitFor(async () => (await alive()) === 29, 5000, 'the deletion answered');
    await waitFor(
      async () => (await h2.podAt({ namespace: 'shop', name: 'web-3', at: Date.now() }))?.ready === false,
      5000,
      'the readiness change answered',
    );
    // a restart: the store is reopened from the database and the relist finds what changed meanwhile
    await h.stopRecorder();
    await h.store.close();
    h.simStore.remove('Pod', 'shop', 'web-5');
    h.store = (await openStore(url, { cluster: 'sim', command: 'record' })) as typeof h.store;
    expect(h.store.currentVersions('sim', 'Pod').size).toBe(29);
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    await waitFor(async () => (await alive()) === 28, 5000, 'the relist deletion answered');
    const deleted = await h2.podAt({ namespace: 'shop', name: 'web-5', at: Date.now() });
    expect(deleted).toBeNull();
  });

  it('refuses a second recorder of the same cluster while the first runs', async () => {
    const url = await freshPostgresDb();
    h = await startHarness({}, () => openStore(url, { cluster: 'sim', command: 'record' }));
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    await expect(openStore(url, { cluster: 'sim', command: 'record' })).rejects.toMatchObject({
      code: 'EPH_ERR_DB_LOCKED',
    });
  });
});
