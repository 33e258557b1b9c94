import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { rawPod, Timeline } from '../../helpers/k8s.js';
import { freshPostgresDb } from '../../helpers/postgres.js';

const pod = (tl: Timeline, cluster: string, uid: string) => ({
  ...tl.obs('Pod', 'ADDED', rawPod({ uid, name: uid, ips: ['10.0.0.1'] })),
  cluster,
});

describe('one writer per cluster on PostgreSQL (advisory lock of the session)', () => {
  it('refuses a second recorder of the same cluster with EPH_ERR_DB_LOCKED naming the holder', async () => {
    const url = await freshPostgresDb();
    const first = await openStore(url, { cluster: 'prod-eu', command: 'record' });
    try {
      const second = await openStore(url, { cluster: 'prod-eu', command: 'record' }).catch((e: unknown) => e);
      expect(second).toMatchObject({ code: 'EPH_ERR_DB_LOCKED' });
      expect((second as Error).message).toContain('cluster prod-eu');
      expect((second as Error).message).toContain('endpoints-history record');
    } finally {
      await first.close();
    }
  });

  it('lets recorders of different clusters write at once into one database', async () => {
    const url = await freshPostgresDb();
    const eu = await openStore(url, { cluster: 'prod-eu' });
    const us = await openStore(url, { cluster: 'prod-us' });
    try {
      const tl = new Timeline(1_000);
      const written = await Promise.all([
        eu.append({ observations: [pod(tl, 'prod-eu', 'a'), pod(tl, 'prod-eu', 'b')] }),
        us.append({ observations: [pod(tl, 'prod-us', 'a'), pod(tl, 'prod-us', 'c')] }),
      ]);
      expect(written.map((r) => r.appended)).toEqual([2, 2]);
      expect(eu.currentVersions('prod-eu', 'Pod').size).toBe(2);
      // each writer numbers its cluster's rows in the cluster's own range: no id taken twice
      const positions = written.flatMap((r) => r.positions);
      expect(new Set(positions).size).toBe(4);
    } finally {
      await eu.close();
      await us.close();
    }
  });

  it('refuses a write to a cluster another session records, and lets it go when that session ends', async () => {
    const url = await freshPostgresDb();
    const recorder = await openStore(url, { cluster: 'prod-eu' });
    const other = await openStore(url);
    const tl = new Timeline(1_000);
    await expect(other.append({ observations: [pod(tl, 'prod-eu', 'x')] })).rejects.toMatchObject({
      code: 'EPH_ERR_DB_LOCKED',
    });
    await expect(other.rebuild()).rejects.toMatchObject({ code: 'EPH_ERR_DB_LOCKED' });
    await recorder.close();
    // the lock died with the recorder's connection
    expect((await other.append({ observations: [pod(tl, 'prod-eu', 'x')] })).appended).toBe(1);
    await other.close();
    const again = await openStore(url, { cluster: 'prod-eu' });
    expect(again.currentVersions('prod-eu', 'Pod').size).toBe(1);
    await again.close();
  });
});
