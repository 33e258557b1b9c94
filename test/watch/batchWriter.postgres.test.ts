import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { connectPostgres } from '../../src/store/postgres/connectPostgres.js';
import { BatchWriter } from '../../src/watch/batchWriter.js';
import { rawPod, Timeline } from '../helpers/k8s.js';
import { freshPostgresDb, onPostgres } from '../helpers/postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('BatchWriter on PostgreSQL (commits answered later)', () => {
  it('gathers what arrives while a commit is in flight into ONE next transaction, not one per timer tick', async () => {
    const url = await freshPostgresDb(true);
    const store = await openStore(url, { cluster: 'test', command: 'record' });
    const appended: number[] = [];
    const writer = new BatchWriter(store, { flushMs: 5, onAppended: (r) => appended.push(r.appended) });
    const tl = new Timeline(Date.parse('2026-03-01T02:00:00Z'));
    const unit = (i: number) => ({
      kind: 'Pod' as const,
      observations: [tl.obs('Pod', 'ADDED', rawPod({ uid: `u${i}`, name: `web-${i}`, ips: ['10.0.0.1'] }))],
    });
    // another session blocks every insert into the event log: the first commit waits on it
    const blocker = await connectPostgres(url, 'test blocker');
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE events IN SHARE MODE');
      writer.enqueue(unit(0));
      await sleep(30);
      // twenty units over ~200 ms, the flush timer firing many times meanwhile
      for (let i = 1; i <= 20; i++) {
        writer.enqueue(unit(i));
        await sleep(10);
      }
      expect(appended).toEqual([]);
      await blocker.query('COMMIT');
      for (let t = 0; t < 200 && appended.length < 2; t++) await sleep(10);
      await sleep(50);
      expect(appended).toEqual([1, 20]);
      expect((await onPostgres<{ n: number }>(url, 'SELECT COUNT(*)::int AS n FROM events'))[0]!.n).toBe(21);
      // with nothing in flight, the timer flushes alone again
      writer.enqueue(unit(21));
      for (let t = 0; t < 200 && appended.length < 3; t++) await sleep(10);
      expect(appended).toEqual([1, 20, 1]);
    } finally {
      await blocker.end();
      await store.close();
    }
  });
});
