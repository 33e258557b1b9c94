import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/types.js';
import { History } from '../../src/query/index.js';
import { readRows, SqliteReads, SqliteStore } from '../../src/store/index.js';
import {
  rawEndpoints,
  rawService,
  rawSlice,
  type SliceEndpointSpec,
  Timeline,
  tempDbPath,
} from '../helpers/k8s.js';

/** Every kind recorded from `at` on: answers about later moments are known (not "not recorded"). */
const recordingFrom = (store: SqliteStore, at: number): void => {
  store.append({
    observations: [],
    coverage: KINDS.map((kind) => ({ op: 'open', cluster: 'test', kind, at, reason: 'list' })),
  });
};

const pod0 = { ip: '10.0.0.1', pod: { uid: 'pod-uid-0', name: 'pod-0' } };
const slice = (k: string, endpoints: SliceEndpointSpec[]) =>
  rawSlice({ uid: `slice-uid-${k}`, name: `svc-0-${k}`, service: 'svc-0', endpoints });

/** Every projection row, ids left out, in a stable order. */
function rows(store: SqliteStore): string[] {
  return Array.from(readRows(store.db, '1 = 1', []))
    .map((r) => JSON.stringify([r.projection, r.scope, r.key, r.attrs, r.validFrom, r.validTo]))
    .sort();
}

/** What a user asks about svc-0 at each time: the endpoint set, ids and clocks left out. */
function answers(store: SqliteStore, times: readonly number[]) {
  const history = new History(new SqliteReads(store.db), () => times[times.length - 1]!);
  return Promise.all(
    times.map(async (at) => {
      const {
        gaps: _gaps,
        complete: _complete,
        ...set
      } = await history.endpointsAt({
        namespace: 'default',
        service: 'svc-0',
        at,
      });
      return set;
    }),
  );
}

describe('prune and rebuild', () => {
  it('a rebuild after a prune keeps a member that left one of two slices of a service at the cutoff', async () => {
    // the shrunk counterexample of the prune property (seed -250543976): slice a empty, slice b with
    // pod-0, then pod-0 leaves slice b exactly at the cutoff
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const t0 = tl.now;
    tl.put(store, t0, (t) => t.obs('EndpointSlice', 'ADDED', slice('a', [])));
    tl.put(store, t0, (t) => t.obs('EndpointSlice', 'ADDED', slice('b', [{ ...pod0, ready: null }])));
    const cutoff = t0 + 1000;
    tl.put(store, cutoff, (t) => t.obs('EndpointSlice', 'MODIFIED', slice('b', [])));
    const times = [cutoff, cutoff + 5000];
    const before = await answers(store, times);
    const pruned = rows(store);

    await store.prune(cutoff);
    expect(await answers(store, times)).toEqual(before);
    expect(rows(store)).toEqual(pruned);
    await store.rebuild();
    expect(await answers(store, times)).toEqual(before);
    expect(rows(store)).toEqual(pruned);

    // the rebuilt fold state is the live one: pod-0 coming back to slice b opens a row again
    tl.put(store, cutoff + 2000, (t) => t.obs('EndpointSlice', 'MODIFIED', slice('b', [pod0])));
    const after = (await answers(store, [cutoff + 2000]))[0]!;
    expect(after.addresses.map((a) => a.ip)).toEqual(['10.0.0.1']);
    const incremental = rows(store);
    await store.rebuild();
    expect(rows(store)).toEqual(incremental);
    store.close();
  });

  it('a rebuild after a prune keeps a Service re-created under a new uid with no DELETED seen', async () => {
    // both incarnations' last events are kept; folding them again made the older one replace the
    // baseline row, and the later DELETED then closed a row the rebuild did not know
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const t0 = tl.now;
    const svc = (uid: string, port: number) =>
      rawService({ uid, name: 'svc-0', ports: [{ port, targetPort: 8080 }] });
    recordingFrom(store, t0);
    tl.put(store, t0, (t) => t.obs('Service', 'ADDED', svc('svc-uid-a', 80)));
    tl.put(store, t0 + 1000, (t) => t.obs('Service', 'MODIFIED', svc('svc-uid-b', 8080)));
    const cutoff = t0 + 2000;
    tl.put(store, cutoff + 1000, (t) => t.obs('Service', 'DELETED', svc('svc-uid-b', 8080)));
    const history = new History(new SqliteReads(store.db), () => cutoff + 5000);
    const at = [cutoff, cutoff + 1000, cutoff + 5000];
    const services = () => Promise.all(at.map((t) => history.servicesAt({ at: t })));
    const before = await services();
    expect(before.map((s) => s.map((x) => x.uid))).toEqual([['svc-uid-b'], [], []]);
    await store.prune(cutoff);
    const pruned = rows(store);
    await store.rebuild();
    expect(await services()).toEqual(before);
    expect(rows(store)).toEqual(pruned);
    store.close();
  });

  it('a rebuild after a prune keeps EndpointSlices as the source of a service whose slices all went before the cutoff', async () => {
    // the first-seen marks that choose the source came from events the prune deleted
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const t0 = tl.now;
    const endpoints = rawEndpoints({ uid: 'ep-uid-0', name: 'svc-0', ready: [pod0] });
    tl.put(store, t0, (t) => t.obs('Endpoints', 'ADDED', endpoints));
    tl.put(store, t0, (t) => t.obs('EndpointSlice', 'ADDED', slice('a', [pod0])));
    tl.put(store, t0 + 1000, (t) => t.obs('EndpointSlice', 'DELETED', slice('a', [pod0])));
    const cutoff = t0 + 2000;
    const sources = async () =>
      (await answers(store, [cutoff, cutoff + 5000])).map((a) => [a.source, a.addresses.length]);
    const before = await sources();
    expect(before).toEqual([
      ['ENDPOINT_SLICES', 0],
      ['ENDPOINT_SLICES', 0],
    ]);
    await store.prune(cutoff);
    await store.rebuild();
    expect(await sources()).toEqual(before);
    store.close();
  });

  it('a prune keeps a service deleted before the cutoff, and its last membership change, as last seen', async () => {
    // answers after the cutoff that look back: the service as last seen (deleted), no outage while
    // it did not exist, and the time of the last change to its endpoints
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const t0 = tl.now;
    const svc = rawService({ uid: 'svc-uid-0', name: 'svc-0' });
    recordingFrom(store, t0);
    tl.put(
      store,
      t0,
      (t) => t.obs('Service', 'ADDED', svc),
      (t) => t.obs('EndpointSlice', 'ADDED', slice('a', [pod0])),
    );
    tl.put(store, t0 + 1000, (t) => t.obs('EndpointSlice', 'MODIFIED', slice('a', [])));
    tl.put(store, t0 + 2000, (t) => t.obs('Service', 'DELETED', svc));
    const cutoff = t0 + 3000;
    const end = cutoff + 10_000;
    const history = new History(new SqliteReads(store.db), () => end);
    const ask = async () => ({
      service: await history.service({ namespace: 'default', name: 'svc-0', at: cutoff + 1000 }),
      outages: await history.outages({ namespace: 'default', service: 'svc-0', from: cutoff, to: end }),
      endpoints: await answers(store, [cutoff, end]),
    });
    const before = await ask();
    expect(before.service).toMatchObject({ uid: 'svc-uid-0', validTo: t0 + 2000 });
    expect(before.outages).toEqual([]);
    expect(before.endpoints.map((e) => e.lastChangeAt)).toEqual([t0 + 1000, t0 + 1000]);
    await store.prune(cutoff);
    expect(await ask()).toEqual(before);
    await store.rebuild();
    expect(await ask()).toEqual(before);
    store.close();
  });

  it('a second prune with an earlier cutoff than the first keeps every answer after the first', async () => {
    // the operator's mistake: prune --older-than 30d, then --older-than 60d a few days later
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const t0 = tl.now;
    tl.put(store, t0, (t) => t.obs('EndpointSlice', 'ADDED', slice('a', [pod0])));
    tl.put(store, t0 + 2000, (t) =>
      t.obs(
        'EndpointSlice',
        'ADDED',
        slice('b', [{ ip: '10.0.0.2', pod: { uid: 'pod-uid-1', name: 'pod-1' } }]),
      ),
    );
    const first = t0 + 3000;
    tl.put(store, first + 1000, (t) => t.obs('EndpointSlice', 'MODIFIED', slice('a', [])));
    const times = [first, first + 1000, first + 5000];
    const before = await answers(store, times);
    expect(before.map((a) => a.addresses.length)).toEqual([2, 1, 1]);
    await store.prune(first);
    const pruned = rows(store);
    expect((await store.prune(t0 + 1000)).cutoff).toBe(first);
    expect(rows(store)).toEqual(pruned);
    await store.rebuild();
    expect(await answers(store, times)).toEqual(before);
    expect(rows(store)).toEqual(pruned);
    store.close();
  });

  it('a prune never lets an event position be used twice, even when it deletes the newest event', async () => {
    // positions are what subscriptions and changes() cursors remember: one reused after a prune
    // would make a watcher skip the next changes as already seen
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const t0 = tl.now;
    tl.put(store, t0, (t) => t.obs('EndpointSlice', 'ADDED', slice('a', [pod0])));
    tl.put(store, t0 + 1000, (t) => t.obs('EndpointSlice', 'DELETED', slice('a', [pod0])));
    const history = new History(new SqliteReads(store.db), () => t0 + 10_000);
    const head = await history.eventLogHead();
    await store.prune(t0 + 5000);
    expect(await history.eventLogHead()).toBe(head);
    tl.put(store, t0 + 6000, (t) => t.obs('EndpointSlice', 'ADDED', slice('b', [pod0])));
    expect(await history.eventLogHead()).toBe(head + 1);
    expect(await history.observedSince(head)).toEqual({ min: t0 + 6000, max: t0 + 6000, head: head + 1 });
    await store.rebuild();
    expect((await answers(store, [t0 + 6000]))[0]!.addresses.map((a) => a.ip)).toEqual(['10.0.0.1']);
    store.close();
  });

  it('an event observed before the cutoff but recorded after the prune is kept at the cutoff by a rebuild', async () => {
    // a clock behind the cutoff (stepped back, or a prune run on a host whose clock is ahead): a
    // rebuild takes events before the cutoff for the baseline, so the store must not record one
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const t0 = tl.now;
    tl.put(store, t0, (t) => t.obs('EndpointSlice', 'ADDED', slice('a', [])));
    const cutoff = t0 + 5000;
    await store.prune(cutoff);
    tl.put(store, t0 + 1000, (t) => t.obs('EndpointSlice', 'MODIFIED', slice('a', [pod0])));
    const before = await answers(store, [cutoff, cutoff + 1000]);
    expect(before.map((a) => a.addresses.map((x) => [x.ip, x.since]))).toEqual([
      [['10.0.0.1', cutoff]],
      [['10.0.0.1', cutoff]],
    ]);
    await store.rebuild();
    expect(await answers(store, [cutoff, cutoff + 1000])).toEqual(before);
    store.close();
  });
});
