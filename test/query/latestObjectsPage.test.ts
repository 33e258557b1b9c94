import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { type ObjectPageKey as PageKey, SqliteReads, type SqliteStore } from '../../src/store/index.js';
import { rawPod, Timeline } from '../helpers/k8s.js';
import { INCIDENT_NOW, recordIncident, t } from './incidentRecording.js';

let store: SqliteStore;
let history: History;
beforeAll(async () => {
  // SQLite-only (excluded from the postgres project in vitest.config.ts): it reads the file beside the answers
  store = (await recordIncident()).store as SqliteStore;
  history = new History(new SqliteReads(store.db), () => INCIDENT_NOW);
});
afterAll(() => store.close());

const names = (xs: { namespace: string; name: string }[]) => xs.map((x) => `${x.namespace}/${x.name}`);

describe('a page of the objects at T', () => {
  it('pages through exactly the objects objectsAt answers, in name order, deletions left out', async () => {
    for (const time of ['02:05:00', '02:10:20', '02:10:45', '02:20:10']) {
      for (const kind of ['Pod', 'EndpointSlice', 'Service'] as const) {
        const all = await history.objectsAt({ cluster: 'test', kind, at: t(time) });
        const paged: typeof all = [];
        let after: PageKey | null = null;
        for (;;) {
          const page: typeof all = await history.objectsPage({
            cluster: 'test',
            kind,
            at: t(time),
            namespace: null,
            after,
            limit: 2,
          });
          paged.push(...page);
          if (page.length < 2) break;
          const last: (typeof all)[number] = page[page.length - 1]!;
          after = { namespace: last.namespace, name: last.name, uid: last.uid };
        }
        expect([time, kind, names(paged)]).toEqual([time, kind, names(all)]);
        expect(paged.map((o) => o.object)).toEqual(all.map((o) => o.object));
      }
    }
    // a was deleted at 02:10:40
    expect(
      names(
        await history.objectsPage({
          cluster: 'test',
          kind: 'Pod',
          at: t('02:10:45'),
          namespace: 'default',
          after: null,
          limit: 1,
        }),
      ),
    ).toEqual(['default/hello-7d9f-bbbbb']);
    expect(
      await history.objectsPage({
        cluster: 'test',
        kind: 'Pod',
        at: t('02:10:45'),
        namespace: 'other',
        after: null,
        limit: 10,
      }),
    ).toEqual([]);
  });
});

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
