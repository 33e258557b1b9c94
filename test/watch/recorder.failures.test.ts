import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';
import {
  coverage,
  events,
  type Harness,
  isHeadProbe,
  putPod,
  resetWithNewUids,
  startHarness,
  waitFor,
  watching,
} from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const requestsTo = (h: Harness, part: string) => h.sim.requests.filter((r) => r.path.includes(part));

describe('Recorder: failures become backoff, retry and health', () => {
  it('detects an RV reset with new uids by the periodic relist and re-records every object', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'a');
    putPod(h.simStore, 'shop', 'b');
    for (let i = 0; i < 20; i++) putPod(h.simStore, 'other', `churn-${i}`);
    h.startRecorder({ kinds: ['Pod'], options: { relistIntervalMs: 500 } });
    await watching(h);
    const oldUid = h.simStore.get('Pod', 'shop', 'a')!.metadata.uid;
    await resetWithNewUids(h);
    const newUid = h.simStore.get('Pod', 'shop', 'a')!.metadata.uid;
    await waitFor(() => events(h.store, 'uid = ?', newUid).length === 1, 5000, 'new uid recorded');
    expect(events(h.store, 'uid = ?', newUid)[0]).toMatchObject({ type: 'ADDED', source: 'relist' });
    expect(events(h.store, 'uid = ?', oldUid).map((r) => [r.type, r.source])).toEqual([
      ['ADDED', 'relist'],
      ['DELETED', 'relist'],
    ]);
    const cur = [...h.store.currentObjects('sim', 'Pod').values()].map(
      (o) => `${o.name}/${o.uid.slice(0, 4)}/${o.resourceVersion}`,
    );
    if (cur.length !== 22) console.log(cur, events(h.store));
    expect(cur.length).toBe(22);
    const m = await h.recorder!.registry.getSingleMetricAsString('eph_relists_total');
    expect(m).toContain('reason="rv-reset"');
  });

  it('relists as soon as a resumed watch stays silent (an RV reset) and dates what it finds from the restart', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'a');
    // enough revisions that ours stays ahead of the restored server's (3)
    for (let i = 0; i < 20; i++) putPod(h.simStore, 'other', `churn-${i}`);
    h.startRecorder({
      kinds: ['Pod'],
      // no periodic relist and no relist for the failure count: only the silence can trigger it
      options: { relistIntervalMs: 0, idleTimeoutMs: 300, resumeConfirmMs: 50, relistAfterFailures: 100 },
    });
    await watching(h);
    const oldUid = h.simStore.get('Pod', 'shop', 'a')!.metadata.uid;
    const watchesBefore = h.sim.requests.filter((r) => r.query.watch === 'true').length;
    await resetWithNewUids(h);
    // the watch resumed from our (now too high) resourceVersion is accepted and stays silent, without
    // even a bookmark: when the watchdog breaks it, the recorder lists
    await waitFor(
      () => events(h.store, "uid = ? AND type = 'DELETED'", oldUid)[0],
      10_000,
      'the relist deleting the old uid',
    );
    const silentWatches = h.sim.requests.filter((r) => r.query.watch === 'true').slice(watchesBefore);
    expect(silentWatches.length).toBeGreaterThanOrEqual(1); // 2 when a loaded machine delays the resume confirmation
    expect(await h.recorder!.registry.getSingleMetricAsString('eph_relists_total')).toContain(
      'reason="silent"',
    );
    const deleted = events(h.store, "uid = ? AND type = 'DELETED'", oldUid)[0]!;
    // the gap began when the restart broke the live stream, before the first silent re-watch
    expect(deleted.not_before).not.toBeNull();
    expect(deleted.not_before!).toBeLessThanOrEqual(silentWatches[0]!.at);
  });

  it.each([
    ['a paginated list', false],
    ['a WatchList stream', true],
  ])(
    'keeps an object the slimmer cannot read in a relist (%s) as alive: not recorded as deleted',
    async (_, watchList) => {
      h = await startHarness();
      putPod(h.simStore, 'shop', 'odd');
      putPod(h.simStore, 'shop', 'fine');
      h.startRecorder({ kinds: ['Pod'], options: { relistIntervalMs: 400, watchList } });
      await watching(h);
      await waitFor(() => events(h.store).length === 2, 3000, 'both pods recorded');
      // a version the slimmer rejects (a field of the wrong type): the watch and every relist skip it
      const odd = h.simStore.get('Pod', 'shop', 'odd')!;
      h.simStore.put('Pod', { ...odd, status: { ...(odd.status as object), phase: 42 } });
      const relists = h.recorder!.health().kinds.Pod!.relists;
      await waitFor(
        () => h.recorder!.health().kinds.Pod!.relists >= relists + 2,
        5000,
        'two periodic relists',
      );
      expect(events(h.store, "name = 'odd'").map((e) => e.type)).toEqual(['ADDED']);
      expect([...h.store.currentObjects('sim', 'Pod').values()].map((o) => o.name).sort()).toEqual([
        'fine',
        'odd',
      ]);
    },
  );

  it('reports 403 on endpointslices as forbidden with a long backoff while the other kinds keep recording', async () => {
    h = await startHarness();
    h.sim.faults.forbid('endpointslices');
    h.startRecorder({ kinds: ['Pod', 'EndpointSlice'], options: { forbiddenRetryMs: 400 } });
    await waitFor(() => h.recorder!.health().kinds.EndpointSlice?.state === 'forbidden', 3000, 'forbidden');
    putPod(h.simStore, 'shop', 'still-recorded');
    await waitFor(() => events(h.store, "name = 'still-recorded'").length === 1, 3000, 'pod recorded');
    await new Promise((r) => setTimeout(r, 1000));
    const health = h.recorder!.health();
    expect(health.status).toBe('degraded');
    expect(health.kinds.Pod!.state).toBe('watching');
    expect(health.kinds.EndpointSlice!.lastError).toContain('403');
    // ~1.1 s at one try per 400 ms: a handful of requests, never a tight loop.
    expect(requestsTo(h, 'endpointslices').length).toBeLessThanOrEqual(5);
    h.sim.faults.allow('endpointslices');
    await waitFor(() => h.recorder!.health().status === 'ok', 3000, 'recovered');
  });

  it('marks EndpointSlices unavailable on 404 and stays ok with the other kinds', async () => {
    h = await startHarness();
    h.sim.faults.injectHttpError({ status: 404, pathIncludes: 'endpointslices', count: 1000 });
    h.startRecorder({ kinds: ['Endpoints', 'EndpointSlice'] });
    await waitFor(
      () => h.recorder!.health().kinds.EndpointSlice?.state === 'unavailable',
      3000,
      'unavailable',
    );
    await waitFor(() => h.recorder!.health().status === 'ok', 3000, 'ok');
  });

  it('honours Retry-After on 429 and backs off on 5xx before listing again', async () => {
    h = await startHarness();
    h.sim.faults.injectHttpError({
      status: 429,
      pathIncludes: '/api/v1/pods',
      count: 1,
      retryAfterSeconds: 1,
    });
    h.sim.faults.injectHttpError({ status: 503, pathIncludes: '/api/v1/pods', count: 2 });
    const started = Date.now();
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(
      requestsTo(h, '/api/v1/pods')
        .map((r) => r.status)
        .slice(0, 4),
    ).toEqual([429, 503, 503, 200]);
  });

  it('closes coverage on stop with reason shutdown, and on restart resumes from the stored cursor without listing', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'a');
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    await h.stopRecorder();
    expect(coverage(h.store, 'Pod')).toMatchObject([{ start_reason: 'list', end_reason: 'shutdown' }]);
    const cursor = h.store.getCursor('sim', 'Pod')!.resourceVersion;
    const b = putPod(h.simStore, 'shop', 'b');
    const before = h.sim.requests.length;
    h.startRecorder({ kinds: ['Pod'] });
    await waitFor(() => events(h.store, "name = 'b'").length === 1, 3000, 'b');
    const after = h.sim.requests.slice(before);
    // The resume reads the server's head first (which of the events it replays happened in the gap).
    expect(isHeadProbe(after[0]!)).toBe(true);
    expect(after[1]).toMatchObject({ query: { watch: 'true', resourceVersion: cursor } });
    expect(after.filter((r) => r.query.watch === undefined && !isHeadProbe(r))).toHaveLength(0);
    const row = events(h.store, "name = 'b'")[0]!;
    expect(row).toMatchObject({ source: 'watch', resource_version: b.metadata.resourceVersion });
    expect(row.not_before).not.toBeNull();
    await waitFor(() => coverage(h.store, 'Pod').length === 2);
    expect(coverage(h.store, 'Pod')[1]).toMatchObject({ start_reason: 'resume', ended_at: null });
  });

  it('closes the coverage of quiet kinds left open by a crash at the last heartbeat, not at their last write', async () => {
    h = await startHarness({ bookmarkIntervalMs: 60_000 });
    putPod(h.simStore, 'shop', 'a');
    h.store.close();
    const first = SqliteStore.open(h.dbPath);
    const crashed = h.startRecorder({
      store: first,
      kinds: ['Pod', 'Service'],
      options: { heartbeatMs: 100, idleTimeoutMs: 10_000 },
    });
    await watching(h, 'Pod');
    await watching(h, 'Service');
    const lastWrite = Math.max(
      first.getCursor('sim', 'Pod')!.updatedAt,
      first.getCursor('sim', 'Service')!.updatedAt,
    );
    await new Promise((r) => setTimeout(r, 800));
    // The process dies: nothing it does reaches the file any more.
    const diedAt = Date.now();
    first.close();
    h.recorder = null;
    h.store = SqliteStore.open(h.dbPath);
    h.startRecorder({ kinds: ['Pod', 'Service'] });
    for (const kind of ['Pod', 'Service']) {
      const [closed] = coverage(h.store, kind);
      expect(closed).toMatchObject({ end_reason: 'crash' });
      expect(closed!.ended_at!).toBeGreaterThan(lastWrite + 500);
      expect(closed!.ended_at!).toBeGreaterThanOrEqual(diedAt - 250);
      expect(closed!.ended_at!).toBeLessThanOrEqual(diedAt);
    }
    await crashed.stop();
  });

  it('closes a coverage interval left open by a crash before recording again', async () => {
    h = await startHarness();
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    // Simulate a crash: forget the recorder without stopping it (its streams die with the server drop).
    const crashed = h.recorder!;
    h.recorder = null;
    expect(h.store.openCoverageSince('sim', 'Pod')).not.toBeNull();
    const cursorAt = h.store.getCursor('sim', 'Pod')!.updatedAt;
    h.startRecorder({ kinds: ['Pod'] });
    const cov = coverage(h.store, 'Pod');
    expect(cov[0]).toMatchObject({ end_reason: 'crash' });
    expect(cov[0]!.ended_at).toBeGreaterThanOrEqual(cursorAt);
    await crashed.stop();
  });
});
