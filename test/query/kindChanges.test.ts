import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlimPod } from '../../src/model/types.js';
import {
  History,
  kindChangesAfter,
  kindsHeadAt,
  objectBefore,
  observedAtPosition,
  stillRecording,
} from '../../src/query/index.js';
import type { Store } from '../../src/store/index.js';
import { INCIDENT_NOW, recordIncident, t } from './incidentRecording.js';

let store: Store;
let history: History;
const cluster = () => history.ctx.cluster('test');

beforeAll(() => {
  store = recordIncident().store;
  history = new History(store.db, () => INCIDENT_NOW);
});
afterAll(() => store.close());

describe('the changes of some kinds after a log position (the kube API replays them)', () => {
  it('starts a replay after the last change observed at or before T, per kind', () => {
    const head = kindsHeadAt(history.ctx, cluster(), ['Pod'], t('02:15:10'));
    const next = kindChangesAfter(history.ctx, cluster(), ['Pod'], head, 100);
    // the pod changes after 02:15:10: b ready again, f added, f ready
    expect(next.map((e) => [e.name, e.type, e.observedAt])).toEqual([
      ['hello-7d9f-bbbbb', 'MODIFIED', t('02:15:30')],
      ['hello-8e0a-fffff', 'ADDED', t('02:20:00')],
      ['hello-8e0a-fffff', 'MODIFIED', t('02:20:05')],
    ]);
    expect(next.every((e) => e.position > head && e.kind === 'Pod')).toBe(true);
    expect(observedAtPosition(history.ctx, head)).toBeLessThanOrEqual(t('02:15:10'));
    // nothing recorded yet: a replay from before the beginning starts at 0
    expect(kindsHeadAt(history.ctx, cluster(), ['Pod'], t('01:00:00'))).toBe(0);
    expect(kindsHeadAt(history.ctx, cluster(), [], t('02:30:00'))).toBe(0);
  });

  it('pages in log order and mixes the kinds asked for, none other', () => {
    const all = kindChangesAfter(history.ctx, cluster(), ['Service', 'Endpoints'], 0, 1000);
    expect(all.every((e) => e.kind === 'Service' || e.kind === 'Endpoints')).toBe(true);
    expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((a, b) => a - b));
    const first = kindChangesAfter(history.ctx, cluster(), ['Service', 'Endpoints'], 0, 3);
    const rest = kindChangesAfter(history.ctx, cluster(), ['Service', 'Endpoints'], first[2]!.position, 1000);
    expect([...first, ...rest].map((e) => e.position)).toEqual(all.map((e) => e.position));
  });

  it('knows the state of an object just before a change, and nothing before it existed or after its deletion', () => {
    const [flapBack] = kindChangesAfter(
      history.ctx,
      cluster(),
      ['Pod'],
      kindsHeadAt(history.ctx, cluster(), ['Pod'], t('02:15:10')),
      1,
    );
    const before = objectBefore(history.ctx, cluster(), 'Pod', 'uid-b', flapBack!.position) as SlimPod;
    expect(before.conditions.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(objectBefore(history.ctx, cluster(), 'Pod', 'uid-f', flapBack!.position)).toBeNull();
    // a is deleted at 02:10:40: nothing of it is there afterwards
    expect(objectBefore(history.ctx, cluster(), 'Pod', 'uid-a', flapBack!.position)).toBeNull();
    expect(objectBefore(history.ctx, cluster(), 'Pod', 'no-such-uid', flapBack!.position)).toBeNull();
    expect(observedAtPosition(history.ctx, 10_000_000)).toBeNull();
  });

  it('says whether changes may still come: yes while a kind is recorded, no once every recording ended', () => {
    expect(stillRecording(history.ctx, cluster(), ['Pod'])).toBe(true);
    store.append({
      observations: [],
      coverage: [
        { op: 'close', cluster: 'test', kind: 'Pod', at: t('02:50:00'), reason: 'shutdown' },
        { op: 'close', cluster: 'test', kind: 'Service', at: t('02:50:00'), reason: 'shutdown' },
      ],
    });
    expect(stillRecording(history.ctx, cluster(), ['Pod'])).toBe(false);
    expect(stillRecording(history.ctx, cluster(), ['Pod', 'Service'])).toBe(false);
    expect(stillRecording(history.ctx, cluster(), ['Pod', 'EndpointSlice'])).toBe(true);
  });
});
