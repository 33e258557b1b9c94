import { afterEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/types.js';
import { SYSTEM_CLOCK } from '../../src/watch/index.js';
import { coverage, type Harness, putPod, putService, startHarness, waitFor, watching } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Coverage reopened at or after `t` for `kind`, if it has. */
const reopenedAt = (kind: string, t: number) =>
  coverage(h.store, kind).find((c) => c.started_at >= t && c.ended_at === null)?.started_at;

describe('Recorder: a short API-server outage', () => {
  it('covers every kind again within a second of the server’s return after a 0.7 s outage, relisting at once on the 410 it meets', async () => {
    // Real timings (backoff 500 ms → 30 s), no bookmarks; the jitter is pinned to the middle of its range.
    h = await startHarness({ bookmarkIntervalMs: 60_000 });
    putPod(h.simStore, 'shop', 'a');
    putService(h.simStore, 'shop', 'web');
    h.startRecorder({
      namespaces: ['shop'],
      clock: { ...SYSTEM_CLOCK, random: () => 0.5 },
      options: { backoffBaseMs: 500, backoffMaxMs: 30_000, relistAfterFailures: 5, idleTimeoutMs: 90_000 },
    });
    await waitFor(
      () => KINDS.every((k) => h.recorder!.health().kinds[k]?.state === 'watching'),
      5000,
      'watching',
    );
    // A write no stream of the recorder sees: every cursor is now behind the revision the restarted
    // server's watch cache starts from, so each re-watch gets 410 Expired, as after a real restart.
    putPod(h.simStore, 'elsewhere', 'x');
    const down = Date.now();
    await h.sim.faults.restart({ downMs: 700 });
    const back = Date.now();
    expect(back - down).toBeGreaterThanOrEqual(700);
    const reopened = await waitFor(
      () => {
        const at = KINDS.map((k) => reopenedAt(k, back));
        return at.every((t) => t !== undefined) ? (at as number[]) : null;
      },
      10_000,
      'every kind covered again',
    );
    for (const t of reopened) expect(t - back).toBeLessThan(1000);
    const m = await h.recorder!.registry.getSingleMetricAsString('eph_watch_restarts_total');
    for (const kind of KINDS) expect(m).toContain(`kind="${kind}",reason="expired"`);
  });

  it('wakes a stream sleeping after a network failure as soon as the server answers another one', async () => {
    h = await startHarness();
    putPod(h.simStore, 'shop', 'a');
    // EndpointSlices are forbidden: that stream asks every 300 ms and gets a 403, an answer each time.
    h.sim.faults.forbid('endpointslices');
    h.startRecorder({
      kinds: ['Pod', 'EndpointSlice'],
      clock: { ...SYSTEM_CLOCK, random: () => 0 },
      options: { backoffBaseMs: 5000, backoffMaxMs: 30_000, forbiddenRetryMs: 300, idleTimeoutMs: 90_000 },
    });
    await watching(h, 'Pod');
    await waitFor(() => h.recorder!.health().kinds.EndpointSlice?.state === 'forbidden', 5000, 'forbidden');
    // The Pod stream's connection drops (no answer): its backoff says 2.5 s at least.
    const dropped = Date.now();
    h.sim.faults.dropConnections();
    const back = await waitFor(() => reopenedAt('Pod', dropped), 10_000, 'Pod covered again');
    expect(back - dropped).toBeLessThan(1500);
  });
});
