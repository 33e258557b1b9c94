import { afterEach, describe, expect, it } from 'vitest';
import {
  coverage,
  EXPIRED,
  events,
  type Harness,
  listsOf,
  onRequest,
  probesOf,
  putPod,
  putService,
  startHarness,
  waitFor,
  watchesOf,
  watching,
} from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('Recorder: resuming a watch', () => {
  it('re-watches from the last RV after a clean server timeout, without relisting, leaving a tiny coverage gap', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'a');
    h.startRecorder({ kinds: ['Pod'], options: { watchTimeoutSeconds: [1, 1] } });
    await watching(h);
    const b = putPod(h.simStore, 'shop', 'b');
    await waitFor(() => watchesOf(h).length >= 2, 5000, 'second watch');
    expect(watchesOf(h)[1]!.query.resourceVersion).toBe(b.metadata.resourceVersion);
    expect(listsOf(h)).toHaveLength(1);
    await waitFor(() => coverage(h.store, 'Pod').length >= 2, 3000, 'coverage reopened');
    const cov = coverage(h.store, 'Pod');
    expect(cov[0]).toMatchObject({ start_reason: 'list', end_reason: 'eof' });
    expect(cov[1]).toMatchObject({ start_reason: 'resume' });
    expect(cov[1]!.started_at - cov[0]!.ended_at!).toBeLessThan(1000);
  });

  it('discards the half line at a mid-line connection drop and re-watches from the last complete RV, storing each event once', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'a');
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    const cursor = h.store.getCursor('sim', 'Pod')!.resourceVersion;
    h.sim.faults.dropConnections({ midLine: true });
    const b = putPod(h.simStore, 'shop', 'b');
    putPod(h.simStore, 'shop', 'c');
    await waitFor(() => events(h.store, "kind = 'Pod'").length === 3, 5000, 'b and c stored');
    const rewatch = watchesOf(h).slice(1);
    expect(rewatch[0]!.query.resourceVersion).toBe(cursor);
    const rows = events(h.store, "kind = 'Pod' AND name = 'b'");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'ADDED',
      source: 'watch',
      resource_version: b.metadata.resourceVersion,
    });
    // Replayed after the break: its window starts at the break, which coverage records as a gap.
    expect(rows[0]!.not_before).not.toBeNull();
    const cov = coverage(h.store, 'Pod');
    expect(cov[0]!.end_reason).toBe('network');
    expect(rows[0]!.not_before).toBe(cov[0]!.ended_at);
  });

  it('aborts a stalled (half-open) stream with the idle watchdog and resumes from the cursor', async () => {
    h = await startHarness({ bookmarkIntervalMs: 60_000 });
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    h.sim.faults.stall();
    putPod(h.simStore, 'shop', 'late');
    await waitFor(() => events(h.store, "name = 'late'").length === 1, 5000, 'late pod via the new stream');
    expect(coverage(h.store, 'Pod')[0]!.end_reason).toBe('idle');
    expect(listsOf(h)).toHaveLength(1);
    const metrics = await h.recorder!.registry.getSingleMetricAsString('eph_watch_restarts_total');
    expect(metrics).toContain('reason="idle"');
    h.sim.faults.unstall();
  });

  it('relists on an in-band 410 and records a pod deleted in the gap as a relist DELETED with the gap window', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'keep');
    putPod(h.simStore, 'shop', 'gone');
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    h.sim.faults.injectInBandError(EXPIRED);
    h.sim.faults.dropConnections();
    h.simStore.remove('Pod', 'shop', 'gone');
    await waitFor(
      () => events(h.store, "name = 'gone' AND type = 'DELETED'").length === 1,
      5000,
      'relist deletion',
    );
    const [del] = events(h.store, "name = 'gone' AND type = 'DELETED'");
    const cov = coverage(h.store, 'Pod');
    expect(del!.source).toBe('relist');
    expect(del!.not_before).toBe(cov[0]!.ended_at);
    expect(del!.observed_at).toBeGreaterThanOrEqual(del!.not_before!);
    expect(del!.resource_version).toBe(h.store.getCursor('sim', 'Pod')!.resourceVersion);
    expect(listsOf(h)).toHaveLength(2);
    expect(cov[1]!.start_reason).toBe('list');
  });

  it('restarts a list whose continue token expired between pages', async () => {
    h = await startHarness();
    for (let i = 0; i < 25; i++) putPod(h.simStore, 'shop', `p-${i}`);
    let compacted = false;
    onRequest(
      h,
      (r) => r.path === '/api/v1/pods' && r.query.continue !== undefined,
      () => {
        compacted = true;
        putService(h.simStore, 'shop', 'bump');
        h.sim.faults.compact();
      },
    );
    h.startRecorder({ kinds: ['Pod'], options: { listLimit: 10 } });
    await watching(h);
    expect(compacted).toBe(true);
    const statuses = listsOf(h).map((r) => [r.query.continue === undefined ? 'first' : 'next', r.status]);
    expect(statuses).toContainEqual(['next', 410]);
    expect(events(h.store, "kind = 'Pod'")).toHaveLength(25);
    const m = await h.recorder!.registry.getSingleMetricAsString('eph_relists_total');
    expect(m).toContain('reason="continue-expired"');
  });

  it('survives an apiserver restart: backoff while refused, 410 on re-watch, relist including deletions during downtime', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'a');
    putPod(h.simStore, 'shop', 'b');
    h.startRecorder({ kinds: ['Pod'], options: { relistAfterFailures: 1000 } });
    await watching(h);
    const restarting = h.sim.faults.restart({ downMs: 300 });
    h.simStore.remove('Pod', 'shop', 'b');
    await restarting;
    await waitFor(
      () => events(h.store, "name = 'b' AND type = 'DELETED'").length === 1,
      5000,
      'deletion via relist',
    );
    expect(events(h.store, "name = 'b' AND type = 'DELETED'")[0]!.source).toBe('relist');
    expect(h.recorder!.health().kinds.Pod!.relists).toBeGreaterThanOrEqual(2);
    const m = await h.recorder!.registry.getSingleMetricAsString('eph_watch_restarts_total');
    expect(m).toContain('reason="expired"');
  });
});

describe('Recorder: which events of a resumed watch are late', () => {
  it('marks only the events replayed from the gap with not_before, none of the live ones that keep coming after it', async () => {
    h = await startHarness({ bookmarkIntervalMs: 60_000 });
    putPod(h.simStore, 'shop', 'before');
    h.startRecorder({ kinds: ['Pod'] });
    await watching(h);
    h.sim.faults.dropConnections();
    // Written while the recorder is disconnected: the resumed watch replays it.
    const during = putPod(h.simStore, 'shop', 'during');
    await waitFor(() => events(h.store, "name = 'during'").length === 1, 5000, 'replayed pod');
    // A busy cluster: a change every 10 ms, never a quiet moment after the resume.
    const live: string[] = [];
    for (let i = 0; i < 40; i++) {
      live.push(putPod(h.simStore, 'shop', `live-${i}`).metadata.name);
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitFor(() => events(h.store, "name = 'live-39'").length === 1, 5000, 'live pods');
    const cov = coverage(h.store, 'Pod');
    expect(cov[0]).toMatchObject({ end_reason: 'network' });
    const [replayed] = events(h.store, "name = 'during'");
    expect(replayed).toMatchObject({ resource_version: during.metadata.resourceVersion, source: 'watch' });
    expect(replayed!.not_before).toBe(cov[0]!.ended_at);
    const late = events(h.store, "name LIKE 'live-%' AND not_before IS NOT NULL").map((e) => e.name);
    expect(late).toEqual([]);
    expect(events(h.store, "name LIKE 'live-%'")).toHaveLength(40);
    // The boundary came from a limit=1 list read right before the resumed watch.
    const resumed = watchesOf(h)[1]!;
    const probe = probesOf(h).at(-1)!;
    expect(probe.at).toBeLessThanOrEqual(resumed.at);
  });
});
