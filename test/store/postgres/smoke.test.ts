import { describe, expect, it } from 'vitest';
import { History } from '../../../src/query/index.js';
import { openStore } from '../../../src/store/index.js';
import { rawPod, Timeline } from '../../helpers/k8s.js';
import { freshPostgresDb } from '../../helpers/postgres.js';

describe('postgres smoke', () => {
  it('appends and answers', async () => {
    const url = await freshPostgresDb();
    const store = await openStore(url, { cluster: 'test' });
    const tl = new Timeline();
    tl.now = 1000;
    const r = await store.append({
      observations: [tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] }))],
    });
    expect(r.appended).toBe(1);
    const history = await History.connect(url, { now: () => 5000 });
    expect(await history.podsByIP({ ip: '10.0.0.1', at: 2000 })).toHaveLength(1);
    history.close();
    await store.rebuild();
    await store.close();
  });
});
