import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { History } from '../../src/query/index.js';
import type { ObjectPageKey as PageKey, Store } from '../../src/store/index.js';
import { historyOf } from '../helpers/backend.js';
import { INCIDENT_NOW, recordIncident, t } from './incidentRecording.js';

let store: Store;
let history: History;
beforeAll(async () => {
  const rec = await recordIncident();
  store = rec.store;
  history = await historyOf(rec.store, rec.path, INCIDENT_NOW);
});
afterAll(async () => {
  history.close();
  await store.close();
});

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
