import { afterEach, describe, expect, it } from 'vitest';
import type { Kind } from '../../src/model/types.js';
import { History } from '../../src/query/index.js';
import { type RawObject, startSimCluster } from '../../src/sim/index.js';
import { SqliteReads } from '../../src/store/index.js';
import type { RecorderOptions } from '../../src/watch/index.js';
import {
  coverage,
  EXPIRED,
  events,
  type Harness,
  onRequest,
  putPod,
  putService,
  resetWithNewUids,
  startHarness,
  waitFor,
} from './harness.js';

// The recorder's failure scenarios (3 a clean timeout, 4 an in-band 410, 6 a drop mid-line, 7 a stall,
// 8 an apiserver restart, 9 an RV reset, 10 forbidden slices: the numbering of the fake API server's
// checklist, kept in the test names) asked as a user would: endpointsAt / podsByIP at chosen T before,
// inside and after each gap. Every T is read from the stored rows (coverage and events), never guessed
// from the wall clock, so the answers are deterministic however slow the machine is.

let h: Harness;
let detach: (() => void) | undefined;
afterEach(async () => {
  detach?.();
  detach = undefined;
  await h?.close();
});

const SLICES = '/apis/discovery.k8s.io/v1/endpointslices';
const PODS = '/api/v1/pods';

/** A sim with its controllers, service shop/web and the given ready pods, recorded by a recorder. */
async function setup(
  pods: string[],
  kinds: Kind[],
  options: Partial<RecorderOptions> = {},
): Promise<{ history: History; ips: Map<string, string> }> {
  h = await startHarness();
  detach = startSimCluster(h.simStore).detach;
  putService(h.simStore, 'shop', 'web');
  const ips = new Map<string, string>();
  for (const name of pods) ips.set(name, podIp(putPod(h.simStore, 'shop', name)));
  h.startRecorder({ kinds, options });
  await waitFor(() => h.recorder!.health().status === 'ok', 5000, 'recording');
  return { history: new History(new SqliteReads(h.store.db), () => Date.now()), ips };
}

/**
 * These scenarios are about one stream's coverage (the recorder here watches Pods and EndpointSlices,
 * or Endpoints): an answer's `complete` needs the Service kind as well, which is not watched, so they
 * read the answer's completeness for its source kind — `complete` minus the Service kind's gaps.
 */
const sourceGaps = (set: { gaps: { kind: string }[]; source: string }) =>
  set.gaps.filter((g) => g.kind === (set.source === 'ENDPOINTS' ? 'Endpoints' : 'EndpointSlice'));
const sourceComplete = (set: { gaps: { kind: string }[]; source: string }) => sourceGaps(set).length === 0;

const podIp = (pod: RawObject) => (pod.status as { podIP: string }).podIP;
const web = (history: History, at: number) => history.endpointsAt({ namespace: 'shop', service: 'web', at });
const ready = async (history: History, at: number) =>
  (await web(history, at)).addresses.map((a) => a.ip).sort();
const holders = async (history: History, ip: string, at: number) =>
  (await history.podsByIP({ ip, at })).map((i) => i.pod.name);

describe('Answers around gaps, read from what the recorder stored', () => {
  it('scenario 3: a clean timeout leaves a complete answer, or a gap of milliseconds with reason eof, and the same endpoints on both sides', async () => {
    // A quiet store sends no bookmarks: the watchdog must outwait the 1 s server timeout.
    const { history, ips } = await setup(['a'], ['Pod', 'EndpointSlice'], {
      watchTimeoutSeconds: [1, 1],
      idleTimeoutMs: 5000,
    });
    await waitFor(() => coverage(h.store, 'EndpointSlice').length >= 2, 5000, 'resumed after the timeout');
    const [first, second] = coverage(h.store, 'EndpointSlice');
    expect(first).toMatchObject({ start_reason: 'list', end_reason: 'eof' });
    expect(second!.start_reason).toBe('resume');
    const before = await web(history, first!.ended_at! - 1);
    expect(sourceComplete(before)).toBe(true);
    expect(before.addresses.map((a) => a.ip)).toEqual([ips.get('a')]);
    const atBreak = await web(history, first!.ended_at!);
    if (second!.started_at > first!.ended_at!) {
      expect(sourceComplete(atBreak)).toBe(false);
      expect(sourceGaps(atBreak)).toMatchObject([
        {
          kind: 'EndpointSlice',
          covered: false,
          reason: 'eof',
          from: first!.ended_at,
          to: second!.started_at,
        },
      ]);
      expect(second!.started_at - first!.ended_at!).toBeLessThan(1000);
    } else expect(sourceComplete(atBreak)).toBe(true);
    const after = await web(history, second!.started_at);
    expect(sourceComplete(after)).toBe(true);
    expect(after.addresses.map((a) => a.ip)).toEqual([ips.get('a')]);
    expect(events(h.store, "kind = 'Pod'")).toHaveLength(1);
  });

  it('scenario 4: around an in-band 410, the answer lists the gone pod before the gap, is incomplete inside it, and lacks it after the relist whose DELETED starts at the gap', async () => {
    const { history, ips } = await setup(['keep', 'gone'], ['Pod', 'EndpointSlice']);
    for (const path of [PODS, SLICES]) {
      onRequest(
        h,
        (r) => r.path === path && r.query.watch === 'true',
        () => h.sim.faults.injectInBandError(EXPIRED),
      );
    }
    h.sim.faults.dropConnections();
    h.simStore.remove('Pod', 'shop', 'gone');
    await waitFor(() => events(h.store, "name = 'gone' AND type = 'DELETED'").length === 1, 5000, 'relist');
    await waitFor(() => coverage(h.store, 'EndpointSlice').length === 2, 5000, 'slices relisted');
    const [del] = events(h.store, "name = 'gone' AND type = 'DELETED'");
    const pods = coverage(h.store, 'Pod');
    const slices = coverage(h.store, 'EndpointSlice');
    expect(pods[1]!.start_reason).toBe('list');
    expect(del).toMatchObject({ source: 'relist', not_before: pods[0]!.ended_at });
    const sliceRelist = events(h.store, "kind = 'EndpointSlice' AND source = 'relist' AND type = 'MODIFIED'");
    expect(sliceRelist.map((r) => r.not_before)).toEqual([slices[0]!.ended_at]);

    const beforeGap = Math.min(pods[0]!.ended_at!, slices[0]!.ended_at!) - 1;
    expect(sourceComplete(await web(history, beforeGap))).toBe(true);
    expect(await ready(history, beforeGap)).toEqual([ips.get('gone'), ips.get('keep')].sort());
    expect(await holders(history, ips.get('gone')!, beforeGap)).toEqual(['gone']);

    const inGap = await web(history, slices[0]!.ended_at!);
    expect(sourceComplete(inGap)).toBe(false);
    expect(sourceGaps(inGap)).toMatchObject([
      {
        kind: 'EndpointSlice',
        covered: false,
        reason: 'network',
        from: slices[0]!.ended_at,
        to: slices[1]!.started_at,
      },
    ]);

    const afterRelist = Math.max(del!.observed_at, slices[1]!.started_at);
    expect(sourceComplete(await web(history, afterRelist))).toBe(true);
    expect(await ready(history, afterRelist)).toEqual([ips.get('keep')]);
    expect(await holders(history, ips.get('gone')!, del!.observed_at)).toEqual([]);
    expect(await holders(history, ips.get('gone')!, del!.observed_at - 1)).toEqual(['gone']);
  });

  it('scenario 6: a pod added during a mid-line drop is answered from its replayed rows, whose window starts at the break', async () => {
    const { history } = await setup(['a'], ['Pod', 'EndpointSlice']);
    h.sim.faults.dropConnections({ midLine: true });
    const b = podIp(putPod(h.simStore, 'shop', 'b'));
    await waitFor(async () => (await ready(history, Date.now())).includes(b), 5000, 'b in the slice');
    const [row] = events(h.store, "kind = 'Pod' AND name = 'b'");
    const pods = coverage(h.store, 'Pod');
    const slices = coverage(h.store, 'EndpointSlice');
    expect(pods[0]!.end_reason).toBe('network');
    expect(row).toMatchObject({ source: 'watch', not_before: pods[0]!.ended_at });
    const inGap = await web(history, slices[0]!.ended_at!);
    expect(sourceComplete(inGap)).toBe(false);
    expect(sourceGaps(inGap)[0]).toMatchObject({ reason: 'network', from: slices[0]!.ended_at });
    expect(inGap.addresses.map((a) => a.ip)).not.toContain(b);
    const sliceRow = events(h.store, "kind = 'EndpointSlice' AND type = 'MODIFIED'").at(-1)!;
    expect(sliceRow.not_before).toBe(slices[0]!.ended_at);
    expect(sourceComplete(await web(history, sliceRow.observed_at))).toBe(true);
    expect(await ready(history, sliceRow.observed_at)).toContain(b);
    expect(await holders(history, b, row!.observed_at)).toEqual(['b']);
    expect(await holders(history, b, row!.observed_at - 1)).toEqual([]);
  });

  it('scenario 7: a stall is a gap only from when the watchdog fires (reason idle); what happened in it is answered after the resume', async () => {
    const { history } = await setup(['a'], ['Pod', 'EndpointSlice']);
    h.sim.faults.stall();
    const late = podIp(putPod(h.simStore, 'shop', 'late'));
    await waitFor(
      async () => (await ready(history, Date.now())).includes(late),
      5000,
      'late via the new stream',
    );
    h.sim.faults.unstall();
    const slices = coverage(h.store, 'EndpointSlice');
    expect(slices[0]!.end_reason).toBe('idle');
    const sliceRow = events(h.store, "kind = 'EndpointSlice' AND type = 'MODIFIED'").at(-1)!;
    expect(sliceRow.not_before).toBe(slices[0]!.ended_at);
    // Until the watchdog fired the recorder believed the stream live: those answers say complete.
    expect(sourceComplete(await web(history, slices[0]!.ended_at! - 1))).toBe(true);
    const inGap = await web(history, slices[0]!.ended_at!);
    expect(sourceGaps(inGap)).toMatchObject([{ reason: 'idle', to: slices[1]!.started_at }]);
    expect(sourceComplete(await web(history, sliceRow.observed_at))).toBe(true);
    expect(await ready(history, sliceRow.observed_at)).toContain(late);
  });

  it('scenario 8: across an apiserver restart, a pod deleted while it was down is present before the gap and absent after the relist', async () => {
    const { history, ips } = await setup(['a', 'b'], ['Pod', 'EndpointSlice'], { relistAfterFailures: 1000 });
    const restarting = h.sim.faults.restart({ downMs: 300 });
    h.simStore.remove('Pod', 'shop', 'b');
    await restarting;
    await waitFor(() => events(h.store, "name = 'b' AND type = 'DELETED'").length === 1, 5000, 'relist');
    await waitFor(
      async () => !(await ready(history, Date.now())).includes(ips.get('b')!),
      5000,
      'slices relisted',
    );
    const [del] = events(h.store, "name = 'b' AND type = 'DELETED'");
    const pods = coverage(h.store, 'Pod');
    const slices = coverage(h.store, 'EndpointSlice');
    expect(del).toMatchObject({ source: 'relist', not_before: pods[0]!.ended_at });
    expect(await ready(history, slices[0]!.ended_at! - 1)).toContain(ips.get('b'));
    expect(await holders(history, ips.get('b')!, pods[0]!.ended_at! - 1)).toEqual(['b']);
    expect(sourceGaps(await web(history, slices[0]!.ended_at!))).toMatchObject([{ reason: 'network' }]);
    const after = slices.at(-1)!.started_at;
    expect(sourceComplete(await web(history, after))).toBe(true);
    expect(await ready(history, after)).toEqual([ips.get('a')]);
    expect(await holders(history, ips.get('b')!, del!.observed_at)).toEqual([]);
  });

  it('scenario 9: after an RV reset with new uids, podsByIP answers the old pod until the periodic relist and the new one after; the relist rows carry the window since the last verified list', async () => {
    const { history, ips } = await setup(['a'], ['Pod'], { relistIntervalMs: 500 });
    const oldUid = h.simStore.get('Pod', 'shop', 'a')!.metadata.uid;
    await resetWithNewUids(h);
    const newUid = h.simStore.get('Pod', 'shop', 'a')!.metadata.uid;
    await waitFor(() => events(h.store, 'uid = ?', newUid).length === 1, 5000, 'new uid');
    const [added] = events(h.store, 'uid = ?', newUid);
    const del = events(h.store, "uid = ? AND type = 'DELETED'", oldUid)[0]!;
    const ip = ips.get('a')!;
    expect(added).toMatchObject({ source: 'relist', type: 'ADDED' });
    expect(del.source).toBe('relist');
    expect(del.not_before).not.toBeNull();
    expect(added!.not_before).toBe(del.not_before);
    expect((await history.podsByIP({ ip, at: del.observed_at - 1 })).map((i) => i.pod.uid)).toEqual([oldUid]);
    expect((await history.podsByIP({ ip, at: added!.observed_at })).map((i) => i.pod.uid)).toEqual([newUid]);
  });

  it('scenario 10: while endpointslices are forbidden the answer comes complete from v1 Endpoints, and from slices once allowed', async () => {
    h = await startHarness();
    detach = startSimCluster(h.simStore).detach;
    h.sim.faults.forbid('endpointslices');
    putService(h.simStore, 'shop', 'web');
    const a = podIp(putPod(h.simStore, 'shop', 'a'));
    h.startRecorder({ kinds: ['Pod', 'Endpoints', 'EndpointSlice'], options: { forbiddenRetryMs: 300 } });
    await waitFor(() => h.recorder!.health().kinds.EndpointSlice?.state === 'forbidden', 3000, 'forbidden');
    await waitFor(() => events(h.store, "kind = 'Endpoints'").length === 1, 3000, 'endpoints');
    const history = new History(new SqliteReads(h.store.db), () => Date.now());
    const t1 = events(h.store, "kind = 'Endpoints'")[0]!.observed_at;
    expect((await web(history, t1)).source).toBe('ENDPOINTS');
    expect(sourceComplete(await web(history, t1))).toBe(true);
    expect(await ready(history, t1)).toEqual([a]);
    h.sim.faults.allow('endpointslices');
    await waitFor(() => events(h.store, "kind = 'EndpointSlice'").length === 1, 3000, 'slices');
    const t2 = events(h.store, "kind = 'EndpointSlice'")[0]!.observed_at;
    expect((await web(history, t2)).source).toBe('ENDPOINT_SLICES');
    expect(sourceComplete(await web(history, t2))).toBe(true);
    expect(await ready(history, t2)).toEqual([a]);
    expect((await web(history, t1)).source).toBe('ENDPOINTS');
  });
});
