import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { History } from '../../src/query/index.js';
import type { Store } from '../../src/store/index.js';
import { historyOf, storedEvents } from '../helpers/backend.js';
import { INCIDENT_NOW, recordIncident, t } from './incidentRecording.js';

let store: Store;
let history: History;

beforeAll(async () => {
  const rec = await recordIncident();
  store = rec.store;
  history = await historyOf(store, rec.path, INCIDENT_NOW);
});
afterAll(async () => {
  history.close();
  await store.close();
});

const ips = (xs: { ip: string }[]) => xs.map((x) => x.ip);
const hello = (at: string) =>
  history.endpointsAt({ namespace: 'default', service: 'service-hello', at: t(at) });

describe('endpointsAt on the incident recording', () => {
  it('answers the four original tomcat pods from EndpointSlices before the rollout', async () => {
    const set = await hello('02:05:00');
    expect(set.source).toBe('ENDPOINT_SLICES');
    expect(ips(set.addresses)).toEqual(['10.244.1.22', '10.244.1.23', '10.244.1.24', '10.244.1.25']);
    expect(set.notReadyAddresses).toEqual([]);
    expect(set.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP', appProtocol: null }]);
    expect(set.complete).toBe(true);
    expect(set.lastChangeAt).toBe(t('02:00:00'));
    expect(set.addresses[0]!.targetRef).toEqual({
      kind: 'Pod',
      namespace: 'default',
      name: 'hello-7d9f-aaaaa',
      uid: 'uid-a',
    });
  });

  it('lists a terminating pod as not ready but serving while the new pod is ready', async () => {
    const set = await hello('02:10:15');
    expect(ips(set.addresses)).toEqual(['10.244.1.23', '10.244.1.24', '10.244.1.25', '10.244.1.26']);
    expect(set.notReadyAddresses).toHaveLength(1);
    expect(set.notReadyAddresses[0]).toMatchObject({
      ip: '10.244.1.22',
      ready: false,
      serving: true,
      terminating: true,
      since: t('02:10:10'),
    });
  });

  it('includes changes observed exactly at T and excludes those after it', async () => {
    expect(ips((await hello('02:10:05')).addresses)).toContain('10.244.1.26');
    expect(ips((await hello('02:10:04.999')).addresses)).not.toContain('10.244.1.26');
  });

  it('shows the readiness flap only while it lasted', async () => {
    expect(ips((await hello('02:15:10')).notReadyAddresses)).toEqual(['10.244.1.23']);
    expect((await hello('02:15:10')).notReadyAddresses[0]).toMatchObject({
      ready: false,
      serving: false,
      terminating: false,
    });
    expect(ips((await hello('02:15:40')).addresses)).toContain('10.244.1.23');
  });

  it('says an answer inside a recording gap is incomplete and names the gap', async () => {
    const set = await hello('02:26:00');
    expect(set.complete).toBe(false);
    expect(set.gaps).toEqual([
      {
        cluster: 'test',
        kind: 'EndpointSlice',
        from: t('02:25:00'),
        to: t('02:27:00'),
        covered: false,
        reason: 'stream-broken',
      },
    ]);
    expect((await hello('02:28:00')).complete).toBe(true);
  });

  it('says the time before recording started is unknown, not empty', async () => {
    const set = await history.endpointsAt({
      namespace: 'default',
      service: 'service-hello',
      at: t('01:00:00'),
    });
    expect(set.source).toBe('NONE');
    expect(set.complete).toBe(false);
    expect(set.gaps[0]).toMatchObject({ from: null, to: t('01:59:00'), reason: 'not-recording' });
  });

  it('answers a selector-less service from its mirrored slice, pointing at the external database', async () => {
    const set = await history.endpointsAt({ namespace: 'default', service: 'mysql', at: t('02:05:00') });
    expect(set.source).toBe('ENDPOINT_SLICES');
    expect(set.addresses).toHaveLength(1);
    expect(set.addresses[0]).toMatchObject({
      ip: '192.168.111.200',
      ready: true,
      serving: true,
      terminating: false,
      targetRef: null,
    });
    expect(set.ports).toEqual([{ name: null, port: 3306, protocol: 'TCP', appProtocol: null }]);
  });

  it('falls back to v1 Endpoints for a service that never had slices, keeping not-ready apart', async () => {
    const set = await history.endpointsAt({ namespace: 'default', service: 'legacy', at: t('02:05:00') });
    expect(set.source).toBe('ENDPOINTS');
    expect(ips(set.addresses)).toEqual(['10.244.3.5']);
    expect(ips(set.notReadyAddresses)).toEqual(['10.244.3.6']);
  });

  it('unions the IPv4 and IPv6 slices of a dual-stack service with canonical IPv6', async () => {
    const set = await history.endpointsAt({ namespace: 'default', service: 'web-ds', at: t('02:05:00') });
    expect(ips(set.addresses)).toEqual(['10.244.2.10', 'fd00::a']);
  });

  it('returns all 1200 endpoints of a big service from slices although Endpoints was truncated', async () => {
    const set = await history.endpointsAt({ namespace: 'default', service: 'big', at: t('02:05:00') });
    expect(set.addresses).toHaveLength(1200);
    expect(new Set(ips(set.addresses)).size).toBe(1200);
  });

  it('rejects a service that was never recorded with EPH_ERR_UNKNOWN_SERVICE', async () => {
    await expect(history.endpointsAt({ namespace: 'default', service: 'nope' })).rejects.toThrow(
      expect.objectContaining({ code: 'EPH_ERR_UNKNOWN_SERVICE' }),
    );
  });
});

describe('pods and IPs on the incident recording', () => {
  it('says which pod held 10.244.1.22 before and after it was reused', async () => {
    expect((await history.podsByIP({ ip: '10.244.1.22', at: t('02:05:00') })).map((p) => p.pod.name)).toEqual(
      ['hello-7d9f-aaaaa'],
    );
    expect(await history.podsByIP({ ip: '10.244.1.22', at: t('02:15:00') })).toEqual([]);
    expect((await history.podsByIP({ ip: '10.244.1.22', at: t('02:25:00') })).map((p) => p.pod.name)).toEqual(
      ['hello-8e0a-fffff'],
    );
    const range = await history.podsByIP({ ip: '10.244.1.22', from: t('02:00:00'), to: t('02:30:00') });
    expect(range.map((p) => [p.pod.name, p.from, p.to])).toEqual([
      ['hello-7d9f-aaaaa', t('02:00:00'), t('02:10:40')],
      ['hello-8e0a-fffff', t('02:20:00'), null],
    ]);
    expect(range[0]!.pod.deletedAt).toBe(Date.parse('2026-03-01T02:10:40Z'));
  });

  it('returns a pod as it was at T and nothing once it is gone', async () => {
    expect(
      await history.podAt({ namespace: 'default', name: 'hello-7d9f-aaaaa', at: t('02:05:00') }),
    ).toMatchObject({
      ready: true,
      phase: 'Running',
      ip: '10.244.1.22',
      nodeName: 'node-1',
      ownerKind: 'ReplicaSet',
      deletedAt: null,
    });
    expect(
      await history.podAt({ namespace: 'default', name: 'hello-7d9f-aaaaa', at: t('02:10:20') }),
    ).toMatchObject({ ready: false });
    expect(
      await history.podAt({ namespace: 'default', name: 'hello-7d9f-aaaaa', at: t('02:11:00') }),
    ).toBeNull();
  });

  it('rejects a malformed IP with EPH_ERR_BAD_IP', async () => {
    await expect(history.podsByIP({ ip: '10.244.1.300' })).rejects.toThrow(
      expect.objectContaining({ code: 'EPH_ERR_BAD_IP' }),
    );
  });

  it('canonicalises an IPv6 question like the stored answer', async () => {
    await expect(history.podsByIP({ ip: 'FD00::000A' })).resolves.toBeDefined();
  });
});

describe('range questions on the incident recording', () => {
  it('diffs two moments: added, removed and condition flips', async () => {
    const d = await history.endpointsDiff({
      namespace: 'default',
      service: 'service-hello',
      from: t('02:05:00'),
      to: t('02:10:15'),
    });
    expect(ips(d.added)).toEqual(['10.244.1.26']);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([
      {
        ip: '10.244.1.22',
        targetRef: { kind: 'Pod', namespace: 'default', name: 'hello-7d9f-aaaaa', uid: 'uid-a' },
        before: { ready: true, serving: true, terminating: false, nodeName: 'node-1' },
        after: { ready: false, serving: true, terminating: true, nodeName: 'node-1' },
      },
    ]);
    const later = await history.endpointsDiff({
      namespace: 'default',
      service: 'service-hello',
      from: t('02:05:00'),
      to: t('02:25:00'),
    });
    expect(ips(later.removed)).toEqual(['10.244.1.22']);
    expect(later.removed[0]!.targetRef!.uid).toBe('uid-a');
    expect(later.added.map((a) => a.targetRef!.uid).sort()).toEqual(['uid-e', 'uid-f']);
  });

  it('counts ready endpoints as a step function with change points', async () => {
    const points = await history.readyCount({
      namespace: 'default',
      service: 'service-hello',
      from: t('02:00:00'),
      to: t('02:30:00'),
    });
    expect(points.map((p) => [p.time, p.ready, p.notReady, p.complete])).toEqual([
      [t('02:00:00'), 4, 0, true],
      [t('02:10:00'), 4, 1, true],
      [t('02:10:05'), 5, 0, true],
      [t('02:10:10'), 4, 1, true],
      [t('02:10:40'), 4, 0, true],
      [t('02:15:00'), 3, 1, true],
      [t('02:15:30'), 4, 0, true],
      [t('02:20:05'), 5, 0, true],
      // the EndpointSlice gap: split at its edges, the last recorded count marked unknown
      [t('02:25:00'), 5, 0, false],
      [t('02:27:00'), 5, 0, true],
    ]);
  });

  it('keeps a flap visible in buckets: last value plus min and max, never an average', async () => {
    const buckets = await history.readyCount({
      namespace: 'default',
      service: 'service-hello',
      from: t('02:14:00'),
      to: t('02:17:59'),
      step: 120_000,
    });
    expect(buckets.map((b) => [b.time, b.ready, b.readyMin, b.readyMax])).toEqual([
      [t('02:14:00'), 4, 3, 4],
      [t('02:16:00'), 4, 4, 4],
    ]);
  });

  it('finds no outage while at least one endpoint was ready', async () => {
    expect(
      await history.outages({
        namespace: 'default',
        service: 'service-hello',
        from: t('02:00:00'),
        to: t('02:30:00'),
      }),
    ).toEqual([]);
  });

  it('pages through membership changes with stable cursors', async () => {
    const all = await history.changes({
      namespace: 'default',
      service: 'service-hello',
      from: t('02:00:00'),
      to: t('02:30:00'),
      first: 100,
    });
    const p1 = await history.changes({
      namespace: 'default',
      service: 'service-hello',
      from: t('02:00:00'),
      to: t('02:30:00'),
      first: 3,
    });
    const p2 = await history.changes({
      namespace: 'default',
      service: 'service-hello',
      from: t('02:00:00'),
      to: t('02:30:00'),
      first: 100,
      after: p1.pageInfo.endCursor,
    });
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect([...p1.edges, ...p2.edges].map((e) => e.node)).toEqual(all.edges.map((e) => e.node));
    const types = all.edges.map((e) => [e.node.at, e.node.type, e.node.ip]);
    expect(types).toContainEqual([t('02:10:10'), 'CHANGED', '10.244.1.22']);
    expect(types).toContainEqual([t('02:10:40'), 'REMOVED', '10.244.1.22']);
    expect(types).toContainEqual([t('02:20:05'), 'ADDED', '10.244.1.22']);
    await expect(
      history.changes({ namespace: 'default', service: 'service-hello', from: 0, to: 1, after: 'garbage' }),
    ).rejects.toThrow(expect.objectContaining({ code: 'EPH_ERR_BAD_CURSOR' }));
  });

  it('lists services that existed at T', async () => {
    expect((await history.servicesAt({ at: t('02:05:00') })).map((s) => s.name)).toEqual([
      'big',
      'legacy',
      'mysql',
      'service-hello',
      'web-ds',
    ]);
    const svc = (await history.service({ namespace: 'default', name: 'service-hello', at: t('02:05:00') }))!;
    expect(svc).toMatchObject({ type: 'NodePort', selector: { run: 'hello' } });
    expect(svc.ports[0]).toMatchObject({ port: 80, targetPort: 8080, nodePort: 31111 });
  });

  it('rejects an inverted range with EPH_ERR_BAD_RANGE', async () => {
    await expect(
      history.endpointsDiff({
        namespace: 'default',
        service: 'service-hello',
        from: t('02:10:00'),
        to: t('02:00:00'),
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'EPH_ERR_BAD_RANGE' }));
  });
});

describe('objects as recorded', () => {
  it('gives back each object at T with the resourceVersion it was recorded with', async () => {
    const { objects } = await history.endpointsObjects({
      namespace: 'default',
      name: 'service-hello',
      at: t('02:15:10'),
    });
    const ep = objects[0]?.endpoints;
    const stored = (await storedEvents(store))
      .filter((e) => e.kind === 'Endpoints' && e.name === 'service-hello' && e.observedAt <= t('02:15:10'))
      .at(-1)?.resourceVersion;
    expect(ep!.meta.resourceVersion).toBe(stored);
  });
});
