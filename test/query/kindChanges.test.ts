import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlimPod } from '../../src/model/types.js';
import type { History } from '../../src/query/index.js';
import type { Store } from '../../src/store/index.js';
import { historyOf } from '../helpers/backend.js';
import { INCIDENT_NOW, recordIncident, t } from './incidentRecording.js';

let store: Store;
let history: History;
const cluster = 'test';

beforeAll(async () => {
  const rec = await recordIncident();
  store = rec.store;
  history = await historyOf(rec.store, rec.path, INCIDENT_NOW);
});
afterAll(async () => {
  history.close();
  await store.close();
});

describe('the changes of some kinds after a log position (the kube API replays them)', async () => {
  it('starts a replay after the last change observed at or before T, per kind', async () => {
    const head = await history.kindsHeadAt({ cluster, kinds: ['Pod'], at: t('02:15:10') });
    const next = await history.kindChangesAfter({ cluster, kinds: ['Pod'], afterPosition: head, limit: 100 });
    // the pod changes after 02:15:10: b ready again, f added, f ready
    expect(next.map((e) => [e.name, e.type, e.observedAt])).toEqual([
      ['hello-7d9f-bbbbb', 'MODIFIED', t('02:15:30')],
      ['hello-8e0a-fffff', 'ADDED', t('02:20:00')],
      ['hello-8e0a-fffff', 'MODIFIED', t('02:20:05')],
    ]);
    expect(next.every((e) => e.position > head && e.kind === 'Pod')).toBe(true);
    expect(await history.observedAtPosition(head)).toBeLessThanOrEqual(t('02:15:10'));
    // nothing recorded yet: a replay from before the beginning starts at 0
    expect(await history.kindsHeadAt({ cluster, kinds: ['Pod'], at: t('01:00:00') })).toBe(0);
    expect(await history.kindsHeadAt({ cluster, kinds: [], at: t('02:30:00') })).toBe(0);
  });

  it('pages in log order and mixes the kinds asked for, none other', async () => {
    const all = await history.kindChangesAfter({
      cluster,
      kinds: ['Service', 'Endpoints'],
      afterPosition: 0,
      limit: 1000,
    });
    expect(all.every((e) => e.kind === 'Service' || e.kind === 'Endpoints')).toBe(true);
    expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((a, b) => a - b));
    const first = await history.kindChangesAfter({
      cluster,
      kinds: ['Service', 'Endpoints'],
      afterPosition: 0,
      limit: 3,
    });
    const rest = await history.kindChangesAfter({
      cluster,
      kinds: ['Service', 'Endpoints'],
      afterPosition: first[2]!.position,
      limit: 1000,
    });
    expect([...first, ...rest].map((e) => e.position)).toEqual(all.map((e) => e.position));
  });

  it('knows the state of an object just before a change, and nothing before it existed or after its deletion', async () => {
    const [flapBack] = await history.kindChangesAfter({
      cluster,
      kinds: ['Pod'],
      afterPosition: await history.kindsHeadAt({ cluster, kinds: ['Pod'], at: t('02:15:10') }),
      limit: 1,
    });
    const before = (await history.objectBefore({
      cluster,
      kind: 'Pod',
      uid: 'uid-b',
      position: flapBack!.position,
    })) as SlimPod;
    expect(before.conditions.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(
      await history.objectBefore({ cluster, kind: 'Pod', uid: 'uid-f', position: flapBack!.position }),
    ).toBeNull();
    // a is deleted at 02:10:40: nothing of it is there afterwards
    expect(
      await history.objectBefore({ cluster, kind: 'Pod', uid: 'uid-a', position: flapBack!.position }),
    ).toBeNull();
    expect(
      await history.objectBefore({ cluster, kind: 'Pod', uid: 'no-such-uid', position: flapBack!.position }),
    ).toBeNull();
    expect(await history.observedAtPosition(10_000_000)).toBeNull();
  });

  it('says whether changes may still come: yes while a kind is recorded, no once every recording ended', async () => {
    expect(await history.stillRecording({ cluster, kinds: ['Pod'] })).toBe(true);
    await store.append({
      observations: [],
      coverage: [
        { op: 'close', cluster: 'test', kind: 'Pod', at: t('02:50:00'), reason: 'shutdown' },
        { op: 'close', cluster: 'test', kind: 'Service', at: t('02:50:00'), reason: 'shutdown' },
      ],
    });
    expect(await history.stillRecording({ cluster, kinds: ['Pod'] })).toBe(false);
    expect(await history.stillRecording({ cluster, kinds: ['Pod', 'Service'] })).toBe(false);
    expect(await history.stillRecording({ cluster, kinds: ['Pod', 'EndpointSlice'] })).toBe(true);
  });
});
