import { describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { SqliteReads, SqliteStore } from '../../src/store/index.js';
import { rawEndpoints, Timeline, tempDbPath } from '../helpers/k8s.js';

describe('reopening the store', () => {
  it('takes the last-written of two Endpoints objects of one service as the current one', async () => {
    // two incarnations alive in the log (the DELETED of the first was never seen): after a reopen,
    // the one written last must stay current, as in the live fold, or its DELETED would be ignored
    const path = tempDbPath();
    let store = SqliteStore.open(path);
    const tl = new Timeline();
    const t0 = tl.now;
    const ep = (uid: string, ip: string) => rawEndpoints({ uid, name: 'svc-0', ready: [{ ip }] });
    tl.put(store, t0, (t) => t.obs('Endpoints', 'ADDED', ep('ep-a', '10.0.0.1')));
    tl.put(store, t0 + 1000, (t) => t.obs('Endpoints', 'ADDED', ep('ep-b', '10.0.0.2')));
    tl.put(store, t0 + 2000, (t) => t.obs('Endpoints', 'MODIFIED', ep('ep-a', '10.0.0.3')));
    store.close();
    store = SqliteStore.open(path);
    tl.put(store, t0 + 3000, (t) => t.obs('Endpoints', 'DELETED', ep('ep-a', '10.0.0.3')));
    const history = new History(new SqliteReads(store.db), () => t0 + 5000);
    const ips = async (at: number) =>
      (await history.endpointsAt({ namespace: 'default', service: 'svc-0', at })).addresses.map((a) => a.ip);
    expect(await ips(t0 + 2000)).toEqual(['10.0.0.3']);
    expect(await ips(t0 + 3000)).toEqual([]);
    store.close();
  });
});
