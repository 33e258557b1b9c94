import { describe, expect, it } from 'vitest';
import { History } from '../../../src/query/index.js';
import { openStore } from '../../../src/store/index.js';
import { storedRows } from '../../helpers/backend.js';
import { rawPod, Timeline } from '../../helpers/k8s.js';
import { freshPostgresDb } from '../../helpers/postgres.js';

const pod = (tl: Timeline, cluster: string, uid: string, ip: string) => ({
  ...tl.obs('Pod', 'ADDED', rawPod({ uid, name: uid, ips: [ip] })),
  cluster,
});

describe('many clusters in one PostgreSQL store', () => {
  it('answers each cluster from its own rows, the same IP in two clusters being two pods', async () => {
    const url = await freshPostgresDb();
    const eu = await openStore(url, { cluster: 'prod-eu' });
    const us = await openStore(url, { cluster: 'prod-us' });
    const tl = new Timeline(1_000);
    await eu.append({ observations: [pod(tl, 'prod-eu', 'eu-1', '10.0.0.1')] });
    await us.append({ observations: [pod(tl, 'prod-us', 'us-1', '10.0.0.1')] });
    const history = await History.connect(url, { now: () => 10_000 });
    try {
      expect(await history.clusters()).toEqual(['prod-eu', 'prod-us']);
      const inEu = await history.podsByIP({ cluster: 'prod-eu', ip: '10.0.0.1', at: 2_000 });
      const inUs = await history.podsByIP({ cluster: 'prod-us', ip: '10.0.0.1', at: 2_000 });
      expect(inEu.map((p) => p.pod.uid)).toEqual(['eu-1']);
      expect(inUs.map((p) => p.pod.uid)).toEqual(['us-1']);
    } finally {
      history.close();
      await eu.close();
      await us.close();
    }
  });

  it("follows a cluster's new events after its head, whatever the other clusters wrote (live subscriptions)", async () => {
    const url = await freshPostgresDb();
    const eu = await openStore(url, { cluster: 'prod-eu' });
    const us = await openStore(url, { cluster: 'prod-us' });
    const tl = new Timeline(1_000);
    await eu.append({ observations: [pod(tl, 'prod-eu', 'eu-1', '10.0.0.1')] });
    await us.append({ observations: [pod(tl, 'prod-us', 'us-1', '10.0.0.2')] });
    const history = await History.connect(url, { now: () => 10_000 });
    try {
      const head = await history.eventLogHead('prod-eu');
      expect(await history.observedSince(head, 'prod-eu')).toBeNull();
      // prod-us was registered after prod-eu: its positions are all higher than prod-eu's
      await us.append({ observations: [pod(tl, 'prod-us', 'us-2', '10.0.0.3')] });
      expect(await history.observedSince(head, 'prod-eu')).toBeNull();
      tl.now = 5_000;
      await eu.append({ observations: [pod(tl, 'prod-eu', 'eu-2', '10.0.0.4')] });
      const span = await history.observedSince(head, 'prod-eu');
      expect(span).toMatchObject({ min: 5_000, max: 5_000 });
      expect(span!.head).toBeGreaterThan(head);
      expect(await history.eventLogHead('prod-eu')).toBe(span!.head);
    } finally {
      history.close();
      await eu.close();
      await us.close();
    }
  });

  it('rebuilds every cluster into exactly the rows the recorders wrote', async () => {
    const url = await freshPostgresDb();
    const eu = await openStore(url, { cluster: 'prod-eu' });
    const us = await openStore(url, { cluster: 'prod-us' });
    const tl = new Timeline(1_000);
    for (let i = 0; i < 5; i++) {
      tl.now += 1_000;
      await eu.append({ observations: [pod(tl, 'prod-eu', `eu-${i}`, `10.0.1.${i}`)] });
      await us.append({ observations: [pod(tl, 'prod-us', `us-${i}`, `10.0.1.${i}`)] });
    }
    const rowsOf = async () =>
      (await storedRows(eu))
        .map((r) => JSON.stringify([r.projection, r.attrs, r.validFrom, r.validTo]))
        .sort();
    const incremental = await rowsOf();
    await us.close();
    await eu.close();
    const admin = await openStore(url, { command: 'rebuild' });
    const result = await admin.rebuild();
    expect(result.events).toBe(10);
    expect(
      (await storedRows(admin))
        .map((r) => JSON.stringify([r.projection, r.attrs, r.validFrom, r.validTo]))
        .sort(),
    ).toEqual(incremental);
    await admin.close();
  });
});
