import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../cli/helpers.js';
import { INCIDENT_NOW } from '../../query/incidentRecording.js';
import { at, KUBECTL_TABLE, type KubeApp, kubeApp } from './kubeHarness.js';

let k: KubeApp;
beforeAll(async () => {
  k = await kubeApp();
});
afterAll(() => k.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  k.app.inject({ method: 'GET', url, headers });
const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('discovery', () => {
  it('answers aggregated discovery with its own content type when kubectl asks for it, else the unaggregated documents', async () => {
    const agg = await get(`${at('02:15:10')}/api`, { accept: AGGREGATED });
    expect(agg.statusCode).toBe(200);
    expect(agg.headers['content-type']).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    expect(agg.json().kind).toBe('APIGroupDiscoveryList');
    const legacy = await get(`${at('02:15:10')}/api`, { accept: 'application/json, */*' });
    expect(legacy.json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const v1 = await get(`${at('02:15:10')}/api/v1`);
    expect(v1.json().resources.map((r: { name: string }) => r.name)).toEqual([
      'endpoints',
      'namespaces',
      'pods',
      'services',
    ]);
    const version = await get(`${at('02:15:10')}/version`);
    expect(version.json().gitVersion).toContain('endpoints-history');
  });
});

describe('lists and objects at T', () => {
  it("lists pods as the API server lists them: items without kind, each with its recorded resourceVersion, the list's a log position", async () => {
    const r = await get(`${at('02:15:10')}/api/v1/namespaces/default/pods`);
    expect(r.statusCode).toBe(200);
    const list = r.json();
    expect(list).toMatchObject({ kind: 'PodList', apiVersion: 'v1' });
    expect(list.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      'hello-7d9f-bbbbb',
      'hello-7d9f-ccccc',
      'hello-7d9f-ddddd',
      'hello-8e0a-eeeee',
    ]);
    expect(list.items[0].kind).toBeUndefined();
    expect(list.items[0].metadata.resourceVersion).toMatch(/^\d+$/);
    expect(Number(list.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(r.headers.warning).toBeUndefined();
    // nothing outside the whitelist: no env, volumes, commands, managedFields
    expect(r.body).not.toMatch(/"env"|"volumes"|"command"|"managedFields"/);
  });

  it('serves v1 Endpoints exactly as `endpoints-history get endpoints -o json` prints them at the same moment', async () => {
    for (const name of ['service-hello', 'big', 'web-ds', 'mysql']) {
      const r = await get(`${at('02:15:10')}/api/v1/namespaces/default/endpoints/${name}`);
      const ours = await cli(
        ['get', 'endpoints', name, '--at', '2026-03-01T02:15:10Z', '-o', 'json', '--db', k.store.db.name],
        INCIDENT_NOW,
      );
      expect(r.json()).toEqual(JSON.parse(ours.stdout));
    }
  });

  it("prints a Table with kubectl's columns and the cells of the moment asked (AGE as of T)", async () => {
    const r = await get(`${at('02:15:10')}/api/v1/namespaces/default/pods`, { accept: KUBECTL_TABLE });
    const table = r.json();
    expect(table.kind).toBe('Table');
    expect(
      table.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}/${c.priority}`),
    ).toEqual([
      'Name/0',
      'Ready/0',
      'Status/0',
      'Restarts/0',
      'Age/0',
      'IP/1',
      'Node/1',
      'Nominated Node/1',
      'Readiness Gates/1',
    ]);
    expect(table.rows[0].cells).toEqual([
      'hello-7d9f-bbbbb',
      '0/1',
      'Running',
      '0',
      '59d',
      '10.244.1.23',
      'node-1',
      '<none>',
      '<none>',
    ]);
    expect(table.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 'hello-7d9f-bbbbb' },
    });
    const one = await get(
      `${at('02:15:10')}/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/service-hello-x7k2p`,
      {
        accept: KUBECTL_TABLE,
      },
    );
    expect(one.json().rows).toHaveLength(1);
    expect(one.json().rows[0].cells.slice(0, 4)).toEqual([
      'service-hello-x7k2p',
      'IPv4',
      '8080',
      '10.244.1.23,10.244.1.24,10.244.1.25 + 1 more...',
    ]);
  });

  it('says NotFound for an object absent at a recorded moment, naming it', async () => {
    const r = await get(`${at('02:15:10')}/api/v1/namespaces/default/pods/hello-7d9f-aaaaa`);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      details: { name: 'hello-7d9f-aaaaa', kind: 'pods' },
    });
    expect(r.json().message).toBe('pods "hello-7d9f-aaaaa" not found at 2026-03-01T02:15:10.000Z');
  });

  it('lists only the namespaces that held recorded objects, and events as an empty list for describe', async () => {
    const ns = await get(`${at('02:15:10')}/api/v1/namespaces`);
    expect(ns.json().items).toEqual([{ metadata: { name: 'default' } }]);
    const ev = await get(
      `${at('02:15:10')}/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dx`,
    );
    expect(ev.json()).toMatchObject({ kind: 'EventList', items: [] });
  });
});

describe('unknown is not empty', () => {
  it('warns in a recording gap (kubectl prints it on stderr) and names the gap; no warning where recorded', async () => {
    const r = await get(`${at('02:26:00')}/apis/discovery.k8s.io/v1/endpointslices`);
    expect(r.statusCode).toBe(200);
    expect(r.headers.warning).toBe(
      '299 - "endpoints-history: endpointslices.discovery.k8s.io in all namespaces at 2026-03-01T02:26:00.000Z may be missing or out of date: not recorded (EndpointSlice 2026-03-01T02:25:00.000Z to 2026-03-01T02:27:00.000Z (stream-broken)); shown as last recorded"',
    );
    expect((await get(`${at('02:26:00')}/api/v1/pods`)).headers.warning).toBeUndefined();
    expect(
      (await get(`${at('02:28:00')}/apis/discovery.k8s.io/v1/endpointslices`)).headers.warning,
    ).toBeUndefined();
  });

  it('answers 404 "not recorded" (not an empty list) before recording began, with the code as the cause', async () => {
    const r = await get(`${at('01:00:00')}/api/v1/pods`);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({
      reason: 'NotFound',
      details: { causes: [{ reason: 'EPH_ERR_NOT_RECORDED' }] },
    });
    expect(r.json().message).toBe(
      'not recorded: pods in all namespaces at 2026-03-01T01:00:00.000Z is unknown (recording gap Pod before 2026-03-01T01:59:00.000Z (not-recording))',
    );
    const one = await get(`${at('01:00:00')}/api/v1/namespaces/default/endpoints/service-hello`);
    expect(one.statusCode).toBe(404);
    expect(one.json().details.causes[0].reason).toBe('EPH_ERR_NOT_RECORDED');
  });
});

describe('a moment that has not come yet', () => {
  it('warns that nothing after now is recorded, though the live recording covers up to now; `now` itself does not', async () => {
    // "now" is 03:00 and the recording is live: its coverage is open, which a later T must not read as recorded
    const r = await get(`${at('04:00:00')}/api/v1/namespaces/default/pods`);
    expect(r.statusCode).toBe(200);
    expect(r.headers.warning).toBe(
      '299 - "endpoints-history: pods in namespace default at 2026-03-01T04:00:00.000Z may be missing or out of date: it is after now (2026-03-01T03:00:00.000Z), nothing is recorded yet; shown as last recorded"',
    );
    expect(r.json().items.length).toBeGreaterThan(0);
    const one = await get(`${at('04:00:00')}/api/v1/namespaces/default/endpoints/service-hello`);
    expect(one.headers.warning).toContain('it is after now');
    expect(
      (await get('/kube/clusters/test/at/now/api/v1/namespaces/default/pods')).headers.warning,
    ).toBeUndefined();
    expect((await get(`${at('02:59:00')}/api/v1/namespaces/default/pods`)).headers.warning).toBeUndefined();
  });
});

describe('selectors and paging', () => {
  it('selects by label and by the field selectors kubectl sends', async () => {
    const names = async (q: string) =>
      (await get(`${at('02:20:10')}/api/v1/pods?${q}`))
        .json()
        .items.map((p: { metadata: { name: string } }) => p.metadata.name);
    expect(await names('labelSelector=run%3Dhello')).toHaveLength(5);
    expect(await names('labelSelector=run%3Dnope')).toEqual([]);
    expect(await names('fieldSelector=status.podIP%3D10.244.1.22')).toEqual(['hello-8e0a-fffff']);
    expect(await names('fieldSelector=metadata.name%3Dhello-7d9f-ccccc,spec.nodeName%3Dnode-1')).toEqual([
      'hello-7d9f-ccccc',
    ]);
    expect(await names('fieldSelector=status.phase!%3DRunning')).toEqual([]);
  });

  it('refuses a selector it cannot apply with a 400 Status, never an unfiltered list', async () => {
    const bad = await get(`${at('02:20:10')}/api/v1/pods?fieldSelector=spec.schedulerName%3Dx`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect(bad.json().message).toContain('endpoints-history does not record it');
    const labels = await get(`${at('02:20:10')}/api/v1/pods?labelSelector=a%20in%20(`);
    expect(labels.statusCode).toBe(400);
    expect(
      (await get(`${at('02:20:10')}/api/v1/services?fieldSelector=status.podIP%3D1.2.3.4`)).statusCode,
    ).toBe(400);
  });

  it('pages with limit and continue, every page with the first one’s resourceVersion and moment, selectors too', async () => {
    const first = (await get(`${at('02:20:10')}/api/v1/pods?limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const names = first.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    let token = first.metadata.continue as string;
    while (token) {
      const page = (await get(`${at('02:20:10')}/api/v1/pods?limit=2&continue=${token}`)).json();
      expect(page.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      names.push(...page.items.map((p: { metadata: { name: string } }) => p.metadata.name));
      token = page.metadata.continue;
    }
    const all = (await get(`${at('02:20:10')}/api/v1/pods`)).json();
    expect(names).toEqual(all.items.map((p: { metadata: { name: string } }) => p.metadata.name));
    // a page of a selection holds `limit` selected objects, however many it passes over
    const selected = (
      await get(
        `${at('02:20:10')}/api/v1/pods?limit=1&fieldSelector=spec.nodeName%3Dnode-1,metadata.name!%3Dhello-7d9f-bbbbb`,
      )
    ).json();
    expect(selected.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      'hello-7d9f-ccccc',
    ]);
    const rest = (
      await get(
        `${at('02:20:10')}/api/v1/pods?limit=10&continue=${selected.metadata.continue}&fieldSelector=spec.nodeName%3Dnode-1,metadata.name!%3Dhello-7d9f-bbbbb`,
      )
    ).json();
    expect(rest.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      'hello-7d9f-ddddd',
      'hello-8e0a-eeeee',
      'hello-8e0a-fffff',
    ]);
    expect(rest.metadata.continue).toBeUndefined();
    // derived kinds page too: v1 Endpoints, two by two
    const eps = (await get(`${at('02:20:10')}/api/v1/endpoints?limit=2`)).json();
    const eps2 = (
      await get(`${at('02:20:10')}/api/v1/endpoints?limit=2&continue=${eps.metadata.continue}`)
    ).json();
    expect([...eps.items, ...eps2.items].map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(
      ['big', 'legacy', 'mysql', 'service-hello'],
    );
    // a token of another moment, or with a resourceVersion, is refused
    const other = await get(`${at('02:15:10')}/api/v1/pods?limit=2&continue=${first.metadata.continue}`);
    expect(other.statusCode).toBe(400);
    const withRv = await get(
      `${at('02:20:10')}/api/v1/pods?limit=2&resourceVersion=5&continue=${first.metadata.continue}`,
    );
    expect(withRv.statusCode).toBe(400);
    expect((await get(`${at('02:20:10')}/api/v1/pods?continue=garbage`)).statusCode).toBe(400);
  });

  it('reads `now` as the present (the app’s clock)', async () => {
    const live = (await get('/kube/clusters/test/at/now/api/v1/namespaces/default/pods')).json();
    const fixed = (await get(`/kube/clusters/test/at/${INCIDENT_NOW}/api/v1/namespaces/default/pods`)).json();
    expect(live.items).toEqual(fixed.items);
  });
});

describe("the operator's mistakes and hostile requests", () => {
  it('answers each with one Status: unknown cluster, bad or relative time, bad speed, unserved paths', async () => {
    const cases: [string, number, string][] = [
      ['/kube/clusters/prod/at/now/api/v1/pods', 404, 'EPH_ERR_UNKNOWN_CLUSTER'],
      ['/kube/clusters/test/at/yesterday/api/v1/pods', 400, 'EPH_ERR_BAD_TIME'],
      ['/kube/clusters/test/at/-2h/api/v1/pods', 400, 'EPH_ERR_BAD_TIME'],
      ['/kube/clusters/test/at/1e300/api/v1/pods', 400, 'EPH_ERR_BAD_TIME'],
      ['/kube/clusters/test/at/now/speed/0/api/v1/pods', 400, 'EPH_ERR_BAD_ARGUMENT'],
      ['/kube/clusters/test/at/now/speed/abc/api/v1/pods', 400, 'EPH_ERR_BAD_ARGUMENT'],
      ['/kube/clusters/test/at/now/api/v1/pods?limit=abc', 400, 'EPH_ERR_BAD_ARGUMENT'],
    ];
    for (const [url, status, code] of cases) {
      const r = await get(url);
      expect([url, r.statusCode, r.json().kind, r.json().details.causes[0].reason]).toEqual([
        url,
        status,
        'Status',
        code,
      ]);
    }
    for (const url of [
      '/kube/clusters/test/at/now/apis/apps/v1/deployments',
      '/kube/clusters/test/at/now/api/v1/secrets',
      '/kube/clusters/test/at/now/api/v1/namespaces/default/pods/x/log',
      '/kube/clusters/test/at/now/api/v1/namespaces/default/pods/../../../etc/passwd',
      '/kube/clusters/test/at/now/openapi/v2',
    ]) {
      const r = await get(url);
      expect([url, r.statusCode, r.json().kind]).toEqual([url, 404, 'Status']);
    }
  });
});
