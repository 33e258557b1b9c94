import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import { History } from '../../../src/query/index.js';
import { SqliteReads, type SqliteStore } from '../../../src/store/index.js';
import { FLEET_NOW, recordFleet } from '../../query/fleetScenario.js';

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = (await recordFleet()).store as SqliteStore;
  app = await buildApp({
    history: new History(new SqliteReads(store.db), () => FLEET_NOW),
    now: () => FLEET_NOW,
  });
});
afterAll(async () => {
  await app.close();
  store.close();
});

const Q = 'namespace=default&service=service-hello&from=-2h';

describe('GET /api/ui/v1/export over a store holding two clusters', () => {
  it('names the chosen cluster in the pack and in the file name', async () => {
    const md = await app.inject(`/api/ui/v1/export?${Q}&cluster=prod-us`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-disposition']).toMatch(
      /^attachment; filename="evidence-prod-us-default-service-hello-/,
    );
    expect(md.body).toContain('| Cluster | prod-us |');
    const json = await app.inject(`/api/ui/v1/export?${Q}&cluster=prod-eu&format=json`);
    const pack = json.json();
    expect([pack.cluster, pack.ipMap.map((h: { pod: string }) => h.pod)]).toEqual(['prod-eu', ['hello-eu']]);
  });

  it('refuses no cluster (400, listing them) and one never recorded (404)', async () => {
    const none = await app.inject(`/api/ui/v1/export?${Q}`);
    expect([none.statusCode, none.json().code]).toEqual([400, 'EPH_ERR_AMBIGUOUS_CLUSTER']);
    expect(none.json().error).toContain('prod-eu, prod-us');
    const unknown = await app.inject(`/api/ui/v1/export?${Q}&cluster=${encodeURIComponent('../prod-eu')}`);
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'EPH_ERR_UNKNOWN_CLUSTER']);
  });
});
