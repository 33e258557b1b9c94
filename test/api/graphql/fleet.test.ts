import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import { History } from '../../../src/query/index.js';
import { SqliteReads, SqliteStore } from '../../../src/store/index.js';
import { tempDbPath } from '../../helpers/k8s.js';
import { recordFleet, SHARED_IP } from '../../query/fleetScenario.js';
import { codes, type Incident, incidentApp } from './harness.js';

let c: Incident;
beforeAll(async () => {
  c = await incidentApp({}, recordFleet);
});
afterAll(() => c.close());

const HELLO = 'namespace: "default", service: "service-hello"';

describe('GraphQL over a store holding two clusters', () => {
  it('lists both clusters with their coverage per kind, first and last recorded and heartbeat', async () => {
    const r = await c.gql(`{ clusters fleet { name firstRecordedAt lastObservedAt heartbeatAt alive
      kinds { kind watched recording firstRecordedAt lastRecordedAt gapCount } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.clusters).toEqual(['prod-eu', 'prod-us']);
    const [eu, us] = r.data.fleet;
    expect(eu).toMatchObject({
      name: 'prod-eu',
      firstRecordedAt: '2026-03-01T01:00:00.000Z',
      lastObservedAt: '2026-03-01T02:00:00.000Z',
      heartbeatAt: '2026-03-01T02:59:50.000Z',
      alive: true,
    });
    expect(eu.kinds.every((k: { watched: boolean; recording: boolean }) => k.watched && k.recording)).toBe(
      true,
    );
    // live: open up to now (the moments after now are a `future` gap, not a recording gap)
    expect(eu.kinds.find((k: { kind: string }) => k.kind === 'Pod')).toEqual({
      kind: 'Pod',
      watched: true,
      recording: true,
      firstRecordedAt: '2026-03-01T01:00:00.000Z',
      lastRecordedAt: null,
      gapCount: 0,
    });
    expect(us).toMatchObject({
      name: 'prod-us',
      firstRecordedAt: '2026-03-01T01:30:00.000Z',
      heartbeatAt: '2026-03-01T02:40:00.000Z',
      alive: false,
    });
    const kind = (k: string) => us.kinds.find((x: { kind: string }) => x.kind === k);
    // never watched: not "recorded with nothing in it"
    expect(kind('Endpoints')).toEqual({
      kind: 'Endpoints',
      watched: false,
      recording: false,
      firstRecordedAt: null,
      lastRecordedAt: null,
      gapCount: 0,
    });
    // its interval is open, but nobody has written for 20 minutes: not recording
    expect(kind('Pod')).toMatchObject({ watched: true, recording: false, gapCount: 1 });
  });

  it('gives a cluster its intervals and gaps over a range', async () => {
    const r = await c.gql(`{ fleet(cluster: "prod-us") { name
      coverage(from: "2026-03-01T02:00:00Z", to: "2026-03-01T02:30:00Z") { cluster kind from to covered reason } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.fleet).toHaveLength(1);
    const pods = r.data.fleet[0].coverage.filter((i: { kind: string }) => i.kind === 'Pod');
    expect(pods).toEqual([
      {
        cluster: 'prod-us',
        kind: 'Pod',
        from: '2026-03-01T02:00:00.000Z',
        to: '2026-03-01T02:10:00.000Z',
        covered: true,
        reason: 'list',
      },
      {
        cluster: 'prod-us',
        kind: 'Pod',
        from: '2026-03-01T02:10:00.000Z',
        to: '2026-03-01T02:20:00.000Z',
        covered: false,
        reason: 'network',
      },
      {
        cluster: 'prod-us',
        kind: 'Pod',
        from: '2026-03-01T02:20:00.000Z',
        to: '2026-03-01T02:30:00.000Z',
        covered: true,
        reason: 'list',
      },
    ]);
    const endpoints = r.data.fleet[0].coverage.filter((i: { kind: string }) => i.kind === 'Endpoints');
    expect(endpoints).toEqual([expect.objectContaining({ covered: false, reason: 'not-recording' })]);
  });

  it('searches every cluster for an IP when none is named, each holder naming its cluster', async () => {
    const r = await c.gql(
      `{ podsByIP(ip: "${SHARED_IP}") { cluster ip from to pod { cluster name uid nodeName } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.podsByIP).toEqual([
      {
        cluster: 'prod-eu',
        ip: SHARED_IP,
        from: '2026-03-01T02:00:00.000Z',
        to: null,
        pod: { cluster: 'prod-eu', name: 'hello-eu', uid: 'uid-same', nodeName: 'node-prod-eu' },
      },
      {
        cluster: 'prod-us',
        ip: SHARED_IP,
        from: '2026-03-01T02:05:00.000Z',
        to: null,
        pod: { cluster: 'prod-us', name: 'hello-us', uid: 'uid-same', nodeName: 'node-prod-us' },
      },
    ]);
  });

  it('keeps a fleet search incomplete when one cluster was not recording pods, naming that cluster', async () => {
    const r = await c.gql(`{ ipHolders(ip: "${SHARED_IP}", at: "2026-03-01T02:15:00Z") {
      complete gaps { cluster kind reason } intervals { cluster pod { name } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.ipHolders).toEqual({
      complete: false,
      gaps: [{ cluster: 'prod-us', kind: 'Pod', reason: 'network' }],
      intervals: [
        { cluster: 'prod-eu', pod: { name: 'hello-eu' } },
        { cluster: 'prod-us', pod: { name: 'hello-us' } },
      ],
    });
    const eu = await c.gql(`{ ipHolders(cluster: "prod-eu", ip: "${SHARED_IP}", at: "2026-03-01T02:15:00Z") {
      complete intervals { cluster } } }`);
    expect(eu.data.ipHolders).toEqual({ complete: true, intervals: [{ cluster: 'prod-eu' }] });
  });

  it('answers a named cluster from its own rows only, even where the other shares uids and names', async () => {
    const r = await c.gql(`{
      eu: endpoints(cluster: "prod-eu", ${HELLO}) { cluster complete addresses { ip pod { cluster name } } }
      us: endpoints(cluster: "prod-us", ${HELLO}, at: "2026-03-01T02:30:00Z") { cluster complete addresses { pod { name } } }
      pod(cluster: "prod-us", namespace: "default", name: "hello-us") { cluster
        endpoints(from: "2026-03-01T01:00:00Z") { namespace service from } }
      byIp: podsByIP(cluster: "prod-us", ip: "${SHARED_IP}") { cluster pod { name } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.eu).toEqual({
      cluster: 'prod-eu',
      complete: true,
      addresses: [{ ip: SHARED_IP, pod: { cluster: 'prod-eu', name: 'hello-eu' } }],
    });
    expect(r.data.us).toEqual({
      cluster: 'prod-us',
      complete: true,
      addresses: [{ pod: { name: 'hello-us' } }],
    });
    // the pod's services: prod-us's only, though prod-eu has a pod with the same uid
    expect(r.data.pod.endpoints).toEqual([
      { namespace: 'default', service: 'service-hello', from: '2026-03-01T02:05:00.000Z' },
    ]);
    expect(r.data.byIp).toEqual([{ cluster: 'prod-us', pod: { name: 'hello-us' } }]);
  });

  it('refuses a question needing one cluster when none is named, listing the clusters', async () => {
    for (const q of [
      `{ endpoints(${HELLO}) { complete } }`,
      '{ services { name } }',
      '{ pod(namespace: "default", name: "hello-eu") { name } }',
      '{ coverage(from: "-1h", to: "now") { kind } }',
      '{ namespaces }',
    ]) {
      const r = await c.gql(q);
      expect(codes(r), q).toEqual(['EPH_ERR_AMBIGUOUS_CLUSTER']);
      expect(r.errors![0]!.message).toContain('prod-eu, prod-us');
      // no answer at all, not an empty one
      expect(Object.values(r.data ?? {}).every((v) => v === null)).toBe(true);
    }
  });

  it('refuses a cluster never recorded with EPH_ERR_UNKNOWN_CLUSTER listing the recorded ones, never an empty list', async () => {
    for (const q of [
      `{ podsByIP(cluster: "prod-ap", ip: "${SHARED_IP}") { ip } }`,
      '{ fleet(cluster: "prod-ap") { name } }',
      `{ endpoints(cluster: "PROD-EU", ${HELLO}) { complete } }`,
      '{ services(cluster: "prod-eu ") { name } }',
    ]) {
      const r = await c.gql(q);
      expect(codes(r), q).toEqual(['EPH_ERR_UNKNOWN_CLUSTER']);
      expect(r.errors![0]!.message).toContain('recorded: prod-eu, prod-us');
    }
  });

  it('treats hostile cluster names as names: no error leaks, no row of another cluster', async () => {
    for (const name of ["prod-eu' OR '1'='1", '%', 'prod-%', '\u0000', 'x'.repeat(5000)]) {
      const r = await c.gql('query ($c: String) { podsByIP(cluster: $c, ip: "10.244.1.23") { cluster } }', {
        c: name,
      });
      expect(codes(r), name.slice(0, 20)).toEqual(['EPH_ERR_UNKNOWN_CLUSTER']);
    }
  });
});

describe('GraphQL over an empty store', () => {
  it('lists no clusters, and refuses a question about one with EPH_ERR_UNKNOWN_CLUSTER', async () => {
    const store = SqliteStore.open(tempDbPath());
    const app = await buildApp({ history: new History(new SqliteReads(store.db)) });
    const gql = async (query: string) =>
      (await app.inject({ method: 'POST', url: '/graphql', payload: { query } })).json();
    expect((await gql('{ clusters fleet { name } }')).data).toEqual({ clusters: [], fleet: [] });
    const r = await gql('{ podsByIP(ip: "10.0.0.1") { cluster } }');
    expect(r.errors[0].extensions.code).toBe('EPH_ERR_UNKNOWN_CLUSTER');
    expect(r.errors[0].message).toContain('nothing has been recorded');
    await app.close();
    store.close();
  });
});
