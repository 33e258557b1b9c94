import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import { History } from '../../../src/query/index.js';
import { SqliteReads, SqliteStore, type Store } from '../../../src/store/index.js';
import { historyOf } from '../../helpers/backend.js';
import { tempDbPath } from '../../helpers/k8s.js';
import { FLEET_NOW, recordFleet, t } from '../../query/fleetScenario.js';
import { loadDashboard, loadDatasources, shippedTargets } from './dashboard.js';
import { infinityUrl, type Scene } from './infinity.js';
import { get } from './request.js';

const dashboard = loadDashboard();
const datasource = loadDatasources().datasources[0]!;

let store: Store;
let history: History;
let app: FastifyInstance;
beforeAll(async () => {
  const rec = await recordFleet();
  store = rec.store;
  history = await historyOf(store, rec.path, FLEET_NOW);
  app = await buildApp({ history, now: () => FLEET_NOW });
});
afterAll(async () => {
  await app.close();
  history.close();
  await store.close();
});

const range = { from: t('01:50:00'), to: t('02:50:00') };

/** Every shipped query, requested as Infinity would with `cluster` chosen in the dashboard. */
async function dashboardFor(cluster: string) {
  const scene: Scene = {
    name: cluster,
    ...range,
    intervalMs: 60_000,
    variables: { cluster: [cluster], namespace: ['default'], service: ['service-hello'] },
  };
  const out = new Map<string, { status: number; body: string }>();
  for (const target of shippedTargets(dashboard)) {
    const url = infinityUrl(datasource.url, target.query, dashboard.templating.list, scene);
    const res = await app.inject({ method: 'GET', url: url.pathname + url.search });
    out.set(
      target.query.url.replace('/api/grafana/v1/', '') +
        (target.where.startsWith('panel') ? '' : ` ${target.where}`),
      {
        status: res.statusCode,
        body: res.body,
      },
    );
  }
  return out;
}

describe('Grafana over a store holding two clusters', () => {
  it('lists the clusters for the dashboard variable', async () => {
    expect((await get(app, 'clusters')).rows).toEqual([
      { __text: 'prod-eu', __value: 'prod-eu' },
      { __text: 'prod-us', __value: 'prod-us' },
    ]);
  });

  it('answers every shipped query for the chosen cluster from that cluster only', async () => {
    const eu = await dashboardFor('prod-eu');
    const us = await dashboardFor('prod-us');
    for (const [where, r] of [...eu, ...us]) expect(r.status, `${where}: ${r.body}`).toBe(200);
    const podsOf = (body: string) => [...new Set(body.match(/hello-(eu|us)/g))];
    expect(podsOf(eu.get('membership')!.body)).toEqual(['hello-eu']);
    expect(podsOf(us.get('membership')!.body)).toEqual(['hello-us']);
    expect(podsOf(us.get('endpoints-at')!.body)).toEqual(['hello-us']);
    // prod-us never watched Endpoints, its Pod stream broke, and its recorder is silent since 02:40
    // (every kind unknown after its last heartbeat): gaps only there
    expect(JSON.parse(eu.get('coverage')!.body)).toEqual([]);
    const usGaps = JSON.parse(us.get('coverage')!.body) as { kind: string; reason: string }[];
    expect([...new Set(usGaps.map((g) => g.kind))].sort()).toEqual([
      'EndpointSlice',
      'Endpoints',
      'Pod',
      'Service',
    ]);
    for (const kind of ['EndpointSlice', 'Service'])
      expect(
        usGaps.filter((g) => g.kind === kind).map((g) => g.reason),
        kind,
      ).toEqual(['recorder-silent']);
  });

  it('refuses a route needing one cluster when none is given, listing them (400)', async () => {
    for (const route of [
      'namespaces',
      'services',
      'ready-count',
      'membership',
      'endpoints-at',
      'outages',
      'coverage',
    ]) {
      const r = await get(app, route, { namespace: 'default', service: 'service-hello', ...range });
      expect([route, r.status, r.body]).toEqual([
        route,
        400,
        { error: expect.stringContaining('(prod-eu, prod-us)'), code: 'EPH_ERR_AMBIGUOUS_CLUSTER' },
      ]);
    }
  });

  it('refuses a cluster never recorded, a multi-value glob and a hostile name with 404 listing the recorded ones', async () => {
    for (const cluster of ['prod-ap', '{prod-eu,prod-us}', "prod-eu' OR 1=1 --", '*']) {
      for (const route of ['namespaces', 'ready-count', 'coverage']) {
        const r = await get(app, route, {
          cluster,
          namespace: 'default',
          service: 'service-hello',
          ...range,
        });
        expect([route, cluster, r.status, r.body]).toEqual([
          route,
          cluster,
          404,
          { error: expect.stringContaining('recorded: prod-eu, prod-us'), code: 'EPH_ERR_UNKNOWN_CLUSTER' },
        ]);
      }
    }
  });

  it('refuses a cluster given twice with 400', async () => {
    const r = await get(app, 'outages', { cluster: ['prod-eu', 'prod-us'], ...range });
    expect([r.status, (r.body as { code: string }).code]).toEqual([400, 'EPH_ERR_BAD_ARGUMENT']);
  });
});

describe('Grafana over an empty store', () => {
  it('offers no cluster, and the dashboard (cluster variable empty) shows unknown, not an error', async () => {
    const empty = SqliteStore.open(tempDbPath());
    const a = await buildApp({ history: new History(new SqliteReads(empty.db)) });
    expect((await get(a, 'clusters')).rows).toEqual([]);
    const gaps = await get(a, 'coverage', { cluster: '', from: 0, to: 1000 });
    expect(gaps.status).toBe(200);
    expect(gaps.rows.every((g) => g.reason === 'not-recording')).toBe(true);
    await a.close();
    empty.close();
  });
});
