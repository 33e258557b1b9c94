import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Incident, incidentApp } from './harness.js';

let c: Incident;
beforeAll(async () => {
  c = await incidentApp();
});
afterAll(() => c.close());

const HELLO = 'namespace: "default", service: "service-hello"';

describe('Query on the incident recording', () => {
  it('lists the recorded clusters and namespaces', async () => {
    const r = await c.gql('{ clusters namespaces namespacesOfTest: namespaces(cluster: "test") }');
    expect(r.data).toEqual({ clusters: ['test'], namespaces: ['default'], namespacesOfTest: ['default'] });
  });

  it('answers which pods backed service-hello at a moment, which were ready, with ports and coverage', async () => {
    const r = await c.gql(`{ endpoints(${HELLO}, at: "2026-03-01T02:10:15Z") {
      cluster namespace service at source complete gaps { kind } lastChangeAt
      addresses { ip nodeName hostname zone ready serving terminating since targetRef { kind namespace name uid } ports { name port protocol appProtocol } }
      notReadyAddresses { ip ready serving terminating since targetRef { name } }
      ports { name port protocol appProtocol } } }`);
    expect(r.errors).toBeUndefined();
    const set = r.data.endpoints;
    expect(set).toMatchObject({
      cluster: 'test',
      namespace: 'default',
      service: 'service-hello',
      at: '2026-03-01T02:10:15.000Z',
      source: 'ENDPOINT_SLICES',
      complete: true,
      gaps: [],
      lastChangeAt: '2026-03-01T02:10:10.000Z',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP', appProtocol: null }],
    });
    expect(set.addresses.map((a: { ip: string }) => a.ip)).toEqual([
      '10.244.1.23',
      '10.244.1.24',
      '10.244.1.25',
      '10.244.1.26',
    ]);
    expect(set.addresses[0]).toEqual({
      ip: '10.244.1.23',
      nodeName: 'node-1',
      hostname: null,
      zone: null,
      ready: true,
      serving: true,
      terminating: false,
      since: '2026-03-01T02:00:00.000Z',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'hello-7d9f-bbbbb', uid: 'uid-b' },
      ports: [{ name: 'http', port: 8080, protocol: 'TCP', appProtocol: null }],
    });
    expect(set.notReadyAddresses).toEqual([
      {
        ip: '10.244.1.22',
        ready: false,
        serving: true,
        terminating: true,
        since: '2026-03-01T02:10:10.000Z',
        targetRef: { name: 'hello-7d9f-aaaaa' },
      },
    ]);
  });

  it('resolves each address to its pod as it was at the same moment', async () => {
    const r = await c.gql(`{ endpoints(${HELLO}, at: "2026-03-01T02:10:15Z") {
      addresses { ip pod { name uid ready phase } } notReadyAddresses { ip pod { name ready deletedAt deletionRequestedAt } } } }`);
    expect(r.data.endpoints.addresses[3]).toEqual({
      ip: '10.244.1.26',
      pod: { name: 'hello-8e0a-eeeee', uid: 'uid-e', ready: true, phase: 'Running' },
    });
    expect(r.data.endpoints.notReadyAddresses).toEqual([
      {
        ip: '10.244.1.22',
        // terminating, not gone yet: asked to be gone by 02:10:40
        pod: {
          name: 'hello-7d9f-aaaaa',
          ready: false,
          deletedAt: null,
          deletionRequestedAt: '2026-03-01T02:10:40.000Z',
        },
      },
    ]);
  });

  it('says an answer inside a recording gap is incomplete and names the gap', async () => {
    const r = await c.gql(
      `{ endpoints(${HELLO}, at: "2026-03-01T02:26:00Z") { complete gaps { cluster kind from to covered reason } } }`,
    );
    expect(r.data.endpoints).toEqual({
      complete: false,
      gaps: [
        {
          cluster: 'test',
          kind: 'EndpointSlice',
          from: '2026-03-01T02:25:00.000Z',
          to: '2026-03-01T02:27:00.000Z',
          covered: false,
          reason: 'stream-broken',
        },
      ],
    });
  });

  it('names v1 Endpoints as the source of a service that never had slices, and a selector-less target as null', async () => {
    const r =
      await c.gql(`{ legacy: endpoints(namespace: "default", service: "legacy", at: "2026-03-01T02:05:00Z") { source addresses { ip } notReadyAddresses { ip } }
      mysql: endpoints(namespace: "default", service: "mysql", at: "2026-03-01T02:05:00Z") { source addresses { ip targetRef { name } pod { name } } } }`);
    expect(r.data).toEqual({
      legacy: {
        source: 'ENDPOINTS',
        addresses: [{ ip: '10.244.3.5' }],
        notReadyAddresses: [{ ip: '10.244.3.6' }],
      },
      mysql: {
        source: 'ENDPOINT_SLICES',
        addresses: [{ ip: '192.168.111.200', targetRef: null, pod: null }],
      },
    });
  });

  it('says which pod held an IP at a moment and over a range', async () => {
    const r =
      await c.gql(`{ at: podsByIP(ip: "10.244.1.22", at: "2026-03-01T02:05:00Z") { ip from to pod { name uid } }
      range: podsByIP(ip: "10.244.1.22", from: "2026-03-01T02:00:00Z", to: "2026-03-01T02:30:00Z") { from to pod { name deletedAt } } }`);
    expect(r.data.at).toEqual([
      {
        ip: '10.244.1.22',
        from: '2026-03-01T02:00:00.000Z',
        to: '2026-03-01T02:10:40.000Z',
        pod: { name: 'hello-7d9f-aaaaa', uid: 'uid-a' },
      },
    ]);
    expect(r.data.range).toEqual([
      {
        from: '2026-03-01T02:00:00.000Z',
        to: '2026-03-01T02:10:40.000Z',
        pod: { name: 'hello-7d9f-aaaaa', deletedAt: '2026-03-01T02:10:40.000Z' },
      },
      { from: '2026-03-01T02:20:00.000Z', to: null, pod: { name: 'hello-8e0a-fffff', deletedAt: null } },
    ]);
  });

  it('returns a pod with every field as it was at T, and null once it is gone', async () => {
    const r = await c.gql(`{ pod(namespace: "default", name: "hello-7d9f-aaaaa", at: "2026-03-01T02:05:00Z") {
      cluster namespace name uid ip ips nodeName phase ready restarts createdAt deletedAt ownerKind ownerName validFrom validTo }
      gone: pod(namespace: "default", name: "hello-7d9f-aaaaa", at: "2026-03-01T02:11:00Z") { name } }`);
    expect(r.data).toEqual({
      pod: {
        cluster: 'test',
        namespace: 'default',
        name: 'hello-7d9f-aaaaa',
        uid: 'uid-a',
        ip: '10.244.1.22',
        ips: ['10.244.1.22'],
        nodeName: 'node-1',
        phase: 'Running',
        ready: true,
        restarts: 0,
        createdAt: '2026-01-01T00:00:00.000Z',
        deletedAt: null,
        ownerKind: 'ReplicaSet',
        ownerName: 'hello-7d9f',
        validFrom: '2026-03-01T02:00:00.000Z',
        validTo: '2026-03-01T02:10:10.000Z',
      },
      gone: null,
    });
  });

  it("tells a pod's own history and which services it backed, when", async () => {
    const r = await c.gql(`{ pod(namespace: "default", name: "hello-7d9f-bbbbb", at: "2026-03-01T02:05:00Z") {
      history(from: "2026-03-01T02:00:00Z", to: "2026-03-01T02:30:00Z") { ready validFrom validTo }
      endpoints(from: "2026-03-01T02:14:00Z", to: "2026-03-01T02:16:00Z") { namespace service source ip ready serving terminating from to } } }`);
    expect(r.data.pod.history).toEqual([
      { ready: true, validFrom: '2026-03-01T02:00:00.000Z', validTo: '2026-03-01T02:15:00.000Z' },
      { ready: false, validFrom: '2026-03-01T02:15:00.000Z', validTo: '2026-03-01T02:15:30.000Z' },
      { ready: true, validFrom: '2026-03-01T02:15:30.000Z', validTo: null },
    ]);
    const slices = r.data.pod.endpoints.filter((m: { source: string }) => m.source === 'ENDPOINT_SLICES');
    expect(slices).toEqual([
      {
        namespace: 'default',
        service: 'service-hello',
        source: 'ENDPOINT_SLICES',
        ip: '10.244.1.23',
        ready: true,
        serving: true,
        terminating: false,
        from: '2026-03-01T02:00:00.000Z',
        to: '2026-03-01T02:15:00.000Z',
      },
      {
        namespace: 'default',
        service: 'service-hello',
        source: 'ENDPOINT_SLICES',
        ip: '10.244.1.23',
        ready: false,
        serving: false,
        terminating: false,
        from: '2026-03-01T02:15:00.000Z',
        to: '2026-03-01T02:15:30.000Z',
      },
      {
        namespace: 'default',
        service: 'service-hello',
        source: 'ENDPOINT_SLICES',
        ip: '10.244.1.23',
        ready: true,
        serving: true,
        terminating: false,
        from: '2026-03-01T02:15:30.000Z',
        to: null,
      },
    ]);
    expect(r.data.pod.endpoints.filter((m: { source: string }) => m.source === 'ENDPOINTS')).toHaveLength(3);
  });

  it('lists the services that existed at T with type, ports and selector', async () => {
    const r = await c.gql(`{ services(at: "2026-03-01T02:05:00Z") { name }
      service(namespace: "default", name: "service-hello") { cluster namespace name uid type clusterIP selector { key value }
        ports { name protocol port targetPort nodePort appProtocol } publishNotReadyAddresses validFrom validTo }
      mysql: service(namespace: "default", name: "mysql") { selector { key } }
      missing: service(namespace: "default", name: "nope") { name } }`);
    expect(r.data.services.map((s: { name: string }) => s.name)).toEqual([
      'big',
      'legacy',
      'mysql',
      'service-hello',
      'web-ds',
    ]);
    expect(r.data.service).toEqual({
      cluster: 'test',
      namespace: 'default',
      name: 'service-hello',
      uid: 'svc-hello',
      type: 'NodePort',
      clusterIP: '10.96.0.10',
      selector: [{ key: 'run', value: 'hello' }],
      ports: [
        { name: 'http', protocol: 'TCP', port: 80, targetPort: '8080', nodePort: 31111, appProtocol: null },
      ],
      publishNotReadyAddresses: false,
      validFrom: '2026-03-01T02:00:00.000Z',
      validTo: null,
    });
    expect(r.data.mysql).toEqual({ selector: null });
    expect(r.data.missing).toBeNull();
  });

  it('diffs two moments: added, removed and condition flips, with pods at each end', async () => {
    const r =
      await c.gql(`{ endpointsDiff(${HELLO}, from: "2026-03-01T02:05:00Z", to: "2026-03-01T02:25:00Z") {
      from to source added { ip pod { name } } removed { ip pod { name ready } } changed { ip } } }`);
    expect(r.data.endpointsDiff).toEqual({
      from: '2026-03-01T02:05:00.000Z',
      to: '2026-03-01T02:25:00.000Z',
      source: 'ENDPOINT_SLICES',
      added: [
        { ip: '10.244.1.22', pod: { name: 'hello-8e0a-fffff' } },
        { ip: '10.244.1.26', pod: { name: 'hello-8e0a-eeeee' } },
      ],
      removed: [{ ip: '10.244.1.22', pod: { name: 'hello-7d9f-aaaaa', ready: true } }],
      changed: [],
    });
    const flip =
      await c.gql(`{ endpointsDiff(${HELLO}, from: "2026-03-01T02:05:00Z", to: "2026-03-01T02:10:15Z") {
      changed { ip targetRef { uid } before { ready serving terminating nodeName } after { ready serving terminating nodeName } } } }`);
    expect(flip.data.endpointsDiff.changed).toEqual([
      {
        ip: '10.244.1.22',
        targetRef: { uid: 'uid-a' },
        before: { ready: true, serving: true, terminating: false, nodeName: 'node-1' },
        after: { ready: false, serving: true, terminating: true, nodeName: 'node-1' },
      },
    ]);
  });

  it('lists covered intervals and gaps clipped to the range', async () => {
    const r = await c.gql(
      '{ coverage(from: "2026-03-01T02:20:00Z", to: "2026-03-01T02:30:00Z") { kind from to covered reason } }',
    );
    const slices = r.data.coverage.filter((i: { kind: string }) => i.kind === 'EndpointSlice');
    expect(slices).toEqual([
      {
        kind: 'EndpointSlice',
        from: '2026-03-01T02:20:00.000Z',
        to: '2026-03-01T02:25:00.000Z',
        covered: true,
        reason: 'list',
      },
      {
        kind: 'EndpointSlice',
        from: '2026-03-01T02:25:00.000Z',
        to: '2026-03-01T02:27:00.000Z',
        covered: false,
        reason: 'stream-broken',
      },
      {
        kind: 'EndpointSlice',
        from: '2026-03-01T02:27:00.000Z',
        to: '2026-03-01T02:30:00.000Z',
        covered: true,
        reason: 'resume',
      },
    ]);
    expect(r.data.coverage.filter((i: { kind: string }) => i.kind === 'Pod')).toEqual([
      {
        kind: 'Pod',
        from: '2026-03-01T02:20:00.000Z',
        to: '2026-03-01T02:30:00.000Z',
        covered: true,
        reason: 'list',
      },
    ]);
  });
});

describe('Service fields on the incident recording', () => {
  const svc = (fields: string, at = '') =>
    c.gql(`{ service(namespace: "default", name: "service-hello"${at}) { ${fields} } }`).then((r) => {
      expect(r.errors).toBeUndefined();
      return r.data.service;
    });

  it('reads endpoints at the moment the service was asked about unless told otherwise', async () => {
    const s = await svc(
      'endpoints { at addresses { ip } } later: endpoints(at: "2026-03-01T02:25:00Z") { addresses { ip } }',
      ', at: "2026-03-01T02:05:00Z"',
    );
    expect(s.endpoints.at).toBe('2026-03-01T02:05:00.000Z');
    expect(s.endpoints.addresses).toHaveLength(4);
    expect(s.later.addresses.map((a: { ip: string }) => a.ip)).toEqual([
      '10.244.1.22',
      '10.244.1.23',
      '10.244.1.24',
      '10.244.1.25',
      '10.244.1.26',
    ]);
    const now = await svc('endpoints { at }');
    expect(now.endpoints.at).toBe('2026-03-01T03:00:00.000Z');
  });

  it('says whether the Service object existed at a moment', async () => {
    const s = await svc('during: existsAt(at: "2026-03-01T02:30:00Z") now: existsAt');
    expect(s).toEqual({ during: true, now: true });
    // 01:00 is before recording began (01:59): unknown, not false (test/api/graphql/unknownTime.test.ts)
  });

  it('pages through membership changes with stable cursors', async () => {
    const all = await svc(
      'changes(from: "2026-03-01T02:00:00Z", to: "2026-03-01T02:30:00Z", first: 100) { totalCount edges { node { at type ip position source before { ready } after { ready terminating } targetRef { uid } } } }',
    );
    expect(all.changes.totalCount).toBe(11);
    const nodes = all.changes.edges.map((e: { node: { at: string; type: string; ip: string } }) => [
      e.node.at,
      e.node.type,
      e.node.ip,
    ]);
    expect(nodes).toEqual([
      ['2026-03-01T02:00:00.000Z', 'ADDED', '10.244.1.22'],
      ['2026-03-01T02:00:00.000Z', 'ADDED', '10.244.1.23'],
      ['2026-03-01T02:00:00.000Z', 'ADDED', '10.244.1.24'],
      ['2026-03-01T02:00:00.000Z', 'ADDED', '10.244.1.25'],
      ['2026-03-01T02:10:00.000Z', 'ADDED', '10.244.1.26'],
      ['2026-03-01T02:10:05.000Z', 'CHANGED', '10.244.1.26'],
      ['2026-03-01T02:10:10.000Z', 'CHANGED', '10.244.1.22'],
      ['2026-03-01T02:10:40.000Z', 'REMOVED', '10.244.1.22'],
      ['2026-03-01T02:15:00.000Z', 'CHANGED', '10.244.1.23'],
      ['2026-03-01T02:15:30.000Z', 'CHANGED', '10.244.1.23'],
      ['2026-03-01T02:20:05.000Z', 'ADDED', '10.244.1.22'],
    ]);
    expect(all.changes.edges[6].node).toMatchObject({
      source: 'ENDPOINT_SLICES',
      before: { ready: true },
      after: { ready: false, terminating: true },
      targetRef: { uid: 'uid-a' },
    });
    const p1 = await svc(
      'changes(from: "2026-03-01T02:00:00Z", to: "2026-03-01T02:30:00Z", first: 4) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ip } } }',
    );
    expect(p1.changes.pageInfo.hasNextPage).toBe(true);
    expect(p1.changes.pageInfo.endCursor).toBe(p1.changes.edges[3].cursor);
    const p2 = await svc(
      `changes(from: "2026-03-01T02:00:00Z", to: "2026-03-01T02:30:00Z", first: 100, after: "${p1.changes.pageInfo.endCursor}") { pageInfo { hasNextPage } edges { node { at } } }`,
    );
    expect(p2.changes.pageInfo.hasNextPage).toBe(false);
    expect(p2.changes.edges.map((e: { node: { at: string } }) => e.node.at)).toEqual(
      nodes.slice(4).map((n: string[]) => n[0]),
    );
  });

  it('counts ready endpoints at change points, and in buckets given a step', async () => {
    const s =
      await svc(`points: readyCount(from: "2026-03-01T02:00:00Z", to: "2026-03-01T02:30:00Z") { time ready notReady complete }
      buckets: readyCount(from: "2026-03-01T02:14:00Z", to: "2026-03-01T02:17:59Z", step: "2m") { time ready readyMin readyMax }
      msBuckets: readyCount(from: "2026-03-01T02:14:00Z", to: "2026-03-01T02:17:59Z", step: 120000) { time }`);
    const known = (time: string, ready: number, notReady: number, complete = true) => ({
      time: `2026-03-01T${time}.000Z`,
      ready,
      notReady,
      complete,
    });
    expect(s.points).toEqual([
      known('02:00:00', 4, 0),
      known('02:10:00', 4, 1),
      known('02:10:05', 5, 0),
      known('02:10:10', 4, 1),
      known('02:10:40', 4, 0),
      known('02:15:00', 3, 1),
      known('02:15:30', 4, 0),
      known('02:20:05', 5, 0),
      // the EndpointSlice gap: the last recorded count, marked unknown, then known again
      known('02:25:00', 5, 0, false),
      known('02:27:00', 5, 0),
    ]);
    expect(s.buckets).toEqual([
      { time: '2026-03-01T02:14:00.000Z', ready: 4, readyMin: 3, readyMax: 4 },
      { time: '2026-03-01T02:16:00.000Z', ready: 4, readyMin: 4, readyMax: 4 },
    ]);
    expect(s.msBuckets).toEqual([{ time: '2026-03-01T02:14:00.000Z' }, { time: '2026-03-01T02:16:00.000Z' }]);
  });

  it('finds no outage while an endpoint was ready, and diffs through the service', async () => {
    const s =
      await svc(`outages(from: "2026-03-01T02:00:00Z", to: "2026-03-01T02:30:00Z") { from to ongoing durationMs complete }
      diff(from: "2026-03-01T02:05:00Z", to: "2026-03-01T02:10:05Z") { added { ip } removed { ip } }`);
    expect(s).toEqual({ outages: [], diff: { added: [{ ip: '10.244.1.26' }], removed: [] } });
  });

  it('defaults a range to the 24 hours before now', async () => {
    const s = await svc('readyCount { time ready complete }');
    // nothing was recorded before 01:59: unknown, not zero
    expect(s.readyCount[0]).toEqual({ time: '2026-02-28T03:00:00.000Z', ready: 0, complete: false });
    expect(s.readyCount[1]).toEqual({ time: '2026-03-01T01:59:00.000Z', ready: 0, complete: true });
    expect(s.readyCount.at(-1)).toEqual({ time: '2026-03-01T02:27:00.000Z', ready: 5, complete: true });
  });
});
