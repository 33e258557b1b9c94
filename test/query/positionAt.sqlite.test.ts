import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { SqliteReads, type SqliteStore } from '../../src/store/index.js';
import { rawPod, Timeline } from '../helpers/k8s.js';
import { INCIDENT_NOW, recordIncident, t } from './incidentRecording.js';

// SQLite-only (excluded from the postgres project in vitest.config.ts): it checks kindsHeadAt against
// a scan of the SQLite file itself
let store: SqliteStore;
let history: History;
beforeAll(async () => {
  store = (await recordIncident()).store as SqliteStore;
  history = new History(new SqliteReads(store.db), () => INCIDENT_NOW);
});
afterAll(() => store.close());

describe('the log position at T', () => {
  const scanned = (at: number) =>
    store.db
      .prepare('SELECT COALESCE(MAX(position), 0) FROM events WHERE observed_at <= ?')
      .pluck()
      .get(at) as number;

  it('is, in a one-cluster database, the last position observed at or before T, found by bisection', async () => {
    const times = store.db
      .prepare('SELECT DISTINCT observed_at FROM events ORDER BY 1')
      .pluck()
      .all() as number[];
    for (const at of [0, ...times.flatMap((x) => [x - 1, x, x + 1]), INCIDENT_NOW])
      expect([at, await history.kindsHeadAt({ cluster: 'test', kinds: ['Pod'], at })]).toEqual([
        at,
        scanned(at),
      ]);
  });

  it('splits the changes of the kinds asked when several clusters interleave in the log', async () => {
    const other = new Timeline(t('02:12:00'), 'other');
    other.put(store, t('02:12:00'), (x) =>
      x.obs('Pod', 'ADDED', rawPod({ uid: 'o-1', name: 'o', ips: ['10.9.0.1'] })),
    );
    const head = await history.kindsHeadAt({ cluster: 'test', kinds: ['Pod'], at: t('02:12:30') });
    const podsOfTest = store.db
      .prepare(`SELECT e.position, e.observed_at FROM events e JOIN objects o ON o.id = e.object_id
        JOIN clusters c ON c.id = o.cluster_id WHERE c.name = 'test' AND o.kind = 'Pod'`)
      .all() as { position: number; observed_at: number }[];
    for (const e of podsOfTest) expect(e.position <= head).toBe(e.observed_at <= t('02:12:30'));
  });
});
