import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../../src/query/index.js';
import { startSimCluster } from '../../src/sim/index.js';
import { SqliteReads } from '../../src/store/index.js';
import { coverage, events, type Harness, putPod, putService, startHarness, waitFor } from './harness.js';

// The reported case, recorded from the simulated cluster over HTTP: the Service watch is down (the
// API server forbids it for a while), the EndpointSlice watch is up; the service is deleted, its
// slices' deletion is seen live, the Service's only when its watch comes back.

let h: Harness;
let detach: (() => void) | undefined;
afterEach(async () => {
  detach?.();
  detach = undefined;
  await h?.close();
});

const lastOpen = (kind: string) => {
  const rows = coverage(h.store, kind);
  const last = rows.at(-1);
  return last && last.ended_at === null ? { count: rows.length, since: last.started_at } : null;
};

describe('a service deleted while the Service watch was down', () => {
  it('is answered incomplete with the Service gap, then certain again once the Service watch is back', async () => {
    h = await startHarness();
    detach = startSimCluster(h.simStore).detach;
    putService(h.simStore, 'shop', 'web');
    putPod(h.simStore, 'shop', 'a');
    h.startRecorder({ kinds: ['Pod', 'Service', 'EndpointSlice'], options: { forbiddenRetryMs: 300 } });
    await waitFor(() => h.recorder!.health().status === 'ok', 5000, 'recording');
    await waitFor(() => events(h.store, "kind = 'EndpointSlice'").length > 0, 5000, 'the slice');
    const history = new History(new SqliteReads(h.store.db), () => Date.now());
    const web = (at: number) => history.endpointsAt({ namespace: 'shop', service: 'web', at });

    h.sim.faults.forbid('services');
    h.sim.faults.dropConnections();
    await waitFor(() => coverage(h.store, 'Service').at(-1)?.ended_at, 5000, 'the Service watch down');
    await waitFor(() => (lastOpen('EndpointSlice')?.count ?? 0) >= 2, 5000, 'the slice watch back');
    h.simStore.remove('Service', 'shop', 'web');
    const [sliceGone] = await waitFor(
      () => {
        const rows = events(h.store, "kind = 'EndpointSlice' AND type = 'DELETED'");
        return rows.length > 0 ? rows : null;
      },
      5000,
      'the slice deletion, seen live',
    );
    expect(sliceGone!.source).toBe('watch');
    expect(lastOpen('Service')).toBeNull();

    const during = await web(sliceGone!.observed_at);
    expect(during.source).toBe('ENDPOINT_SLICES');
    expect(during.addresses).toEqual([]);
    expect(during.complete).toBe(false);
    expect(during.gaps.map((g) => g.kind)).toEqual(['Service']);

    h.sim.faults.allow('services');
    const back = await waitFor(() => lastOpen('Service'), 5000, 'the Service watch back');
    const serviceGone = await waitFor(
      () => {
        const rows = events(h.store, "kind = 'Service' AND type = 'DELETED'");
        return rows.length > 0 ? rows : null;
      },
      5000,
      'the Service deletion, learned late',
    );
    // replayed by the resumed watch (or inferred by a relist): dated within the gap, not at it
    expect(serviceGone[0]!.not_before).toBe(coverage(h.store, 'Service').at(-2)!.ended_at);
    const after = await web(Math.max(back.since, serviceGone[0]!.observed_at));
    expect(after).toMatchObject({ source: 'ENDPOINT_SLICES', complete: true, gaps: [], addresses: [] });
  });
});
