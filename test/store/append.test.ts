import { describe, expect, it } from 'vitest';
import { slimLine, toObservation } from '../../src/model/index.js';
import type { Observation } from '../../src/model/types.js';
import { History } from '../../src/query/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { rawPod, Timeline, tempDbPath } from '../helpers/k8s.js';

const count = (store: SqliteStore, sql = 'SELECT COUNT(*) FROM events') =>
  store.db.prepare(sql).pluck().get() as number;

describe('Store.append', () => {
  it('stores a re-delivered event once and counts it as a duplicate', async () => {
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const o = tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] }));
    expect(store.appendNow({ observations: [o] })).toMatchObject({ appended: 1, duplicates: 0 });
    expect(store.appendNow({ observations: [o, o] })).toMatchObject({ appended: 0, duplicates: 2 });
    expect(count(store)).toBe(1);
    store.close();
  });

  it('does not store a MODIFIED whose slim object is unchanged, but counts it', async () => {
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    store.appendNow({
      observations: [tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] }))],
    });
    // only the resourceVersion and fields we never store (env) changed
    const raw = rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] });
    (raw.spec as { containers: { env: unknown[] }[] }).containers[0]!.env = [{ name: 'X', value: 'changed' }];
    expect(store.appendNow({ observations: [tl.obs('Pod', 'MODIFIED', raw)] })).toMatchObject({
      appended: 0,
      unchanged: 1,
    });
    expect(count(store)).toBe(1);
    store.close();
  });

  it('raises an observed_at that goes backwards to the cluster clock and says so', async () => {
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    tl.now = 2_000_000;
    store.appendNow({ observations: [tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1' }))] });
    tl.now = 1_000_000;
    const r = store.appendNow({ observations: [tl.obs('Pod', 'ADDED', rawPod({ uid: 'u2', name: 'p2' }))] });
    expect(r).toMatchObject({ appended: 1, clockClamped: 1 });
    expect(store.db.prepare('SELECT observed_at FROM events ORDER BY position').pluck().all()).toEqual([
      2_000_000, 2_000_000,
    ]);
    store.close();
  });

  it('keeps dedupe across a restart of the store', async () => {
    const path = tempDbPath();
    const tl = new Timeline();
    const o = tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1' }));
    let store = SqliteStore.open(path);
    store.appendNow({ observations: [o] });
    store.close();
    store = SqliteStore.open(path);
    expect(store.appendNow({ observations: [o] })).toMatchObject({ appended: 0, duplicates: 1 });
    store.close();
  });

  it('knows after a restart which version of each object is the latest and which objects are gone', async () => {
    const path = tempDbPath();
    const tl = new Timeline();
    const kept = rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] });
    const gone = rawPod({ uid: 'u2', name: 'p2', ips: ['10.0.0.2'] });
    const first = tl.obs('Pod', 'ADDED', kept);
    const latest = tl.obs(
      'Pod',
      'MODIFIED',
      rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'], ready: false }),
    );
    const deleted = tl.obs('Pod', 'DELETED', gone);
    let store = SqliteStore.open(path);
    store.appendNow({ observations: [first, tl.obs('Pod', 'ADDED', gone), latest, deleted] });
    store.close();
    store = SqliteStore.open(path);
    expect(store.appendNow({ observations: [latest] })).toMatchObject({ duplicates: 1 });
    expect(store.appendNow({ observations: [{ ...latest, resourceVersion: '999' }] })).toMatchObject({
      unchanged: 1,
    });
    expect(store.appendNow({ observations: [{ ...deleted, resourceVersion: '998' }] })).toMatchObject({
      unchanged: 1,
    });
    // the older version again: a duplicate, and not taken for a change back
    expect(store.appendNow({ observations: [first] })).toMatchObject({ appended: 0, duplicates: 1 });
    expect(count(store)).toBe(4);
    store.close();
  });

  it('finds an older version delivered again among many new events written in one statement', async () => {
    const path = tempDbPath();
    const tl = new Timeline();
    const first = tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] }));
    const latest = tl.obs(
      'Pod',
      'MODIFIED',
      rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'], ready: false }),
    );
    let store = SqliteStore.open(path);
    store.appendNow({ observations: [first, latest] });
    store.close();
    store = SqliteStore.open(path);
    const fresh = Array.from({ length: 70 }, (_, i) =>
      tl.obs('Pod', 'ADDED', rawPod({ uid: `n${i}`, name: `n${i}`, ips: [`10.0.1.${i}`] })),
    );
    // in the middle of the batch: in the second statement of many rows
    const batch = [...fresh.slice(0, 40), first, ...fresh.slice(40)];
    expect(store.appendNow({ observations: batch })).toMatchObject({ appended: 70, duplicates: 1 });
    expect(count(store)).toBe(72);
    expect(count(store, "SELECT COUNT(*) FROM pod_states WHERE uid LIKE 'n%'")).toBe(70);
    store.close();
  });

  it('writes events, the watch cursor and coverage in one transaction, and rolls all back on failure', async () => {
    const store = SqliteStore.open(tempDbPath());
    const tl = new Timeline();
    const good = tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] }));
    const bad = {
      ...tl.obs('Pod', 'ADDED', rawPod({ uid: 'u2', name: 'p2' })),
      type: 'EXPLODED',
    } as unknown as Observation;
    expect(() =>
      store.appendNow({
        observations: [good, bad],
        cursors: [{ cluster: 'test', kind: 'Pod', resourceVersion: '999' }],
        coverage: [{ op: 'open', cluster: 'test', kind: 'Pod', at: tl.now, reason: 'list' }],
      }),
    ).toThrow(/CHECK constraint/);
    expect(count(store)).toBe(0);
    expect(count(store, 'SELECT COUNT(*) FROM pod_ips')).toBe(0);
    expect(store.getCursor('test', 'Pod')).toBeNull();
    expect(store.openCoverageSince('test', 'Pod')).toBeNull();
    // the caches were reloaded: the good event can still be written afterwards
    expect(
      store.appendNow({
        observations: [good],
        cursors: [{ cluster: 'test', kind: 'Pod', resourceVersion: '101' }],
      }),
    ).toMatchObject({ appended: 1 });
    expect(store.getCursor('test', 'Pod')).toMatchObject({ resourceVersion: '101' });
    store.close();
  });

  it('rejects malformed and oversized input before the store, with a typed reason', async () => {
    expect(slimLine('Pod', '{"metadata": {')).toMatchObject({ ok: false, reason: 'malformed-json' });
    const huge = rawPod({ uid: 'u', name: 'p' });
    (huge.metadata as Record<string, unknown>).labels = { big: 'x'.repeat(5 * 1024 * 1024) };
    expect(
      toObservation({ cluster: 'c', kind: 'Pod', type: 'ADDED', source: 'watch', raw: huge, observedAt: 1 }),
    ).toMatchObject({ ok: false, reason: 'too-large' });
    const noUid = rawPod({ uid: '', name: 'p' });
    expect(
      toObservation({ cluster: 'c', kind: 'Pod', type: 'ADDED', source: 'watch', raw: noUid, observedAt: 1 }),
    ).toMatchObject({ ok: false, reason: 'missing-uid' });
  });

  it('never stores env values, secrets, volumes, args or managedFields', async () => {
    const path = tempDbPath();
    const store = SqliteStore.open(path);
    const tl = new Timeline();
    const raw = rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.1'] });
    Object.assign(raw.spec as object, { volumes: [{ name: 'creds', secret: { secretName: 'db-creds' } }] });
    Object.assign((raw.spec as { containers: object[] }).containers[0]!, {
      args: ['--password=sup3r'],
      command: ['/bin/run'],
    });
    Object.assign(raw.metadata as object, { managedFields: [{ manager: 'kubectl-client-side-apply' }] });
    store.appendNow({ observations: [tl.obs('Pod', 'ADDED', raw)] });
    const stored = JSON.stringify(store.sqlite.reader.event(1)!.object);
    for (const needle of [
      'hunter2',
      'DB_PASSWORD',
      'db-creds',
      'sup3r',
      '/bin/run',
      'kubectl-client-side-apply',
      'managedFields',
      'volumes',
      '"env"',
    ]) {
      expect(stored).not.toContain(needle);
    }
    store.close();
  });

  it('makes an appended change answerable by a second read-only connection at once', async () => {
    const path = tempDbPath();
    const store = SqliteStore.open(path);
    const tl = new Timeline();
    store.appendNow({
      observations: [tl.obs('Pod', 'ADDED', rawPod({ uid: 'u1', name: 'p1', ips: ['10.0.0.9'] }))],
    });
    const reader = History.open(path, { now: () => tl.now });
    expect((await reader.podsByIP({ ip: '10.0.0.9' })).map((p) => p.pod.name)).toEqual(['p1']);
    reader.close();
    store.close();
  });
});
