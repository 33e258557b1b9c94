import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import { README_QUERIES, WebAssets } from '../../../src/api/ui/index.js';
import type { History } from '../../../src/query/index.js';
import type { Store } from '../../../src/store/index.js';
import { packageRoot } from '../../../src/util/packageRoot.js';
import { cli } from '../../cli/helpers.js';
import { historyOf } from '../../helpers/backend.js';
import { tempDir } from '../../helpers/k8s.js';
import { INCIDENT_NOW, recordIncident } from '../../query/incidentRecording.js';

type App = Awaited<ReturnType<typeof buildApp>>;

let store: Store;
let history: History;
let db: string;
let app: App;
let locked: App;

beforeAll(async () => {
  ({ store, path: db } = await recordIncident());
  history = await historyOf(store, db, INCIDENT_NOW);
  app = await buildApp({ history, now: () => INCIDENT_NOW });
  locked = await buildApp({ history, now: () => INCIDENT_NOW, authToken: 's3cret' });
});
afterAll(async () => {
  await app.close();
  await locked.close();
  history.close();
  await store.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('the page shell and its assets', () => {
  it('serves the timeline page at / with a policy that allows nothing but this origin', async () => {
    const r = await get('/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('src="ui/page.js"');
    expect(r.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
  });

  it('serves the built bundles under /ui/, gzipped when asked, with a validator for revalidation', async () => {
    const plain = await get('/ui/page.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toContain('text/javascript');
    expect(plain.body).toBe(readFileSync(join(packageRoot(), 'dist/web/page.js'), 'utf8'));
    const gz = await get('/ui/page.js', { 'accept-encoding': 'gzip, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    const again = await get('/ui/page.js', { 'if-none-match': String(plain.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect((await get('/ui/graphiql/graphiql.js')).statusCode).toBe(200);
    expect((await get('/ui/graphiql/graphql.worker.js')).statusCode).toBe(200);
  });

  it('serves nothing outside the built folder, whatever the path looks like', async () => {
    for (const url of [
      '/ui/../package.json',
      '/ui/%2e%2e/package.json',
      '/ui/..%2fpackage.json',
      '/ui/graphiql/../../../package.json',
      '/ui/.hidden.js',
      '/ui/page.ts',
      '/ui/nope.js',
      '/ui/',
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body, url).not.toContain('"name": "endpoints-history"');
    }
  });

  it('says how to build the UI when the bundles are missing, instead of a blank page', async () => {
    const bare = await buildApp({ history, webAssets: new WebAssets(tempDir()) });
    try {
      const r = await bare.inject({ method: 'GET', url: '/' });
      expect(r.statusCode).toBe(503);
      expect(r.body).toContain('npm run build');
      expect((await bare.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(503);
      expect(
        (await bare.inject({ method: 'POST', url: '/graphql', payload: { query: '{ clusters }' } })).json(),
      ).toEqual({
        data: { clusters: ['test'] },
      });
    } finally {
      await bare.close();
    }
  });

  it('moves the JSON index to /api, linking the page, GraphQL and Grafana', async () => {
    const r = await get('/api');
    expect(r.json()).toMatchObject({
      page: '/',
      graphql: '/graphql',
      graphiql: '/graphiql',
      grafana: '/api/grafana/v1/',
    });
  });
});

describe('GraphiQL', () => {
  it('is our own build with the README example queries preloaded as tabs, and loads nothing from a CDN', async () => {
    const r = await get('/graphiql');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('src="ui/graphiql/graphiql.js"');
    expect(r.body).not.toMatch(/unpkg|esm\.sh|jsdelivr|(src|href)="(https?:)?\/\//);
    const config = JSON.parse(
      /<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(r.body)![1]!,
    );
    expect(config.tabs.map((t: { query: string }) => t.query)).toEqual(README_QUERIES.map((q) => q.query));
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('preloads exactly the queries the README shows', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    expect(README_QUERIES).toHaveLength(3);
    for (const q of README_QUERIES) expect(readme).toContain(q.query);
  });

  it('no longer serves mercurius’ CDN-loading GraphiQL files', async () => {
    expect((await get('/graphiql/config.js')).statusCode).toBe(404);
    expect((await get('/graphiql/sw.js')).statusCode).toBe(404);
  });
});

describe('GET /api/ui/v1/export', () => {
  const range = ['--from', '2026-03-01T02:00:00Z', '--to', '2026-03-01T02:30:00Z'];
  const query = 'namespace=default&service=service-hello&from=2026-03-01T02:00:00Z&to=2026-03-01T02:30:00Z';

  it('answers the same Markdown evidence pack as `endpoints-history export`, gap included, as a download', async () => {
    const r = await get(`/api/ui/v1/export?${query}&format=md`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/markdown');
    expect(r.headers['content-disposition']).toBe(
      'attachment; filename="evidence-test-default-service-hello-2026-03-01T02_00_00.000Z.md"',
    );
    const fromCli = await cli(
      ['export', '--service', 'default/service-hello', ...range, '--db', db],
      INCIDENT_NOW,
    );
    expect(fromCli.code).toBe(0);
    expect(r.body).toBe(fromCli.stdout);
    expect(r.body).toContain('stream-broken');
  });

  it('answers the same JSON evidence pack as `endpoints-history export --format json`', async () => {
    const r = await get(`/api/ui/v1/export?${query}&format=json`);
    const fromCli = await cli(
      ['export', '--service', 'default/service-hello', ...range, '--format', 'json', '--db', db],
      INCIDENT_NOW,
    );
    expect(r.json()).toEqual(JSON.parse(fromCli.stdout));
    expect(r.json().timeline.complete).toBe(false);
  });

  it('refuses an unknown service, a bad format, a missing name, a bad time and a range over the limit with one coded error', async () => {
    const cases: [string, number, string][] = [
      ['namespace=default&service=nope', 404, 'EPH_ERR_UNKNOWN_SERVICE'],
      [`${query}&format=pdf`, 400, 'EPH_ERR_BAD_ARGUMENT'],
      ['namespace=default', 400, 'EPH_ERR_BAD_ARGUMENT'],
      ['namespace=default&service=service-hello&from=yesterday', 400, 'EPH_ERR_BAD_TIME'],
      ['namespace=default&service=service-hello&from=-400d', 400, 'EPH_ERR_RANGE_TOO_LARGE'],
      ['namespace=default&service=service-hello&from=%2B1h&to=%2B2h', 400, 'EPH_ERR_BAD_RANGE'],
    ];
    for (const [q, status, code] of cases) {
      const r = await get(`/api/ui/v1/export?${q}`);
      expect(r.statusCode, q).toBe(status);
      expect(r.json().code, q).toBe(code);
    }
  });

  it('keeps a hostile service name out of the download header', async () => {
    const r = await get(
      `/api/ui/v1/export?namespace=default&service=${encodeURIComponent('x"\r\nset-cookie: a=b')}`,
    );
    expect(r.statusCode).toBe(404);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.headers['content-disposition']).toBeUndefined();
  });
});

describe('GET /api/ui/v1/kubectl', () => {
  it('prints the set at a moment exactly as `get endpoints` and `describe endpoints --at` do', async () => {
    const at = '2026-03-01T02:10:20Z';
    const r = await get(`/api/ui/v1/kubectl?namespace=default&service=service-hello&at=${at}`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.at).toBe(Date.parse(at));
    const getCli = await cli(
      ['get', 'endpoints', 'service-hello', '-n', 'default', '--at', at, '--db', db],
      INCIDENT_NOW,
    );
    const describeCli = await cli(
      ['describe', 'endpoints', 'service-hello', '-n', 'default', '--at', at, '--db', db],
      INCIDENT_NOW,
    );
    expect(body.get).toBe(getCli.stdout);
    expect(body.describe).toBe(describeCli.stdout);
    expect(body.describe).toContain('NotReadyAddresses');
  });

  it('answers a service never recorded with 404 EPH_ERR_UNKNOWN_SERVICE, and a bad time with EPH_ERR_BAD_TIME', async () => {
    const unknown = await get('/api/ui/v1/kubectl?namespace=default&service=nope');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'EPH_ERR_UNKNOWN_SERVICE']);
    const bad = await get('/api/ui/v1/kubectl?namespace=default&service=service-hello&at=02:10');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'EPH_ERR_BAD_TIME']);
  });
});

describe('with a token configured', () => {
  it('serves the page and its assets without it (so the page can ask for it) but no data', async () => {
    expect((await locked.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    expect((await locked.inject({ method: 'GET', url: '/ui/page.js' })).statusCode).toBe(200);
    for (const url of [
      '/api/ui/v1/export?namespace=default&service=service-hello',
      '/api/ui/v1/kubectl?namespace=default&service=service-hello',
      '/api/grafana/v1/services',
    ]) {
      const r = await locked.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(r.body, url).not.toContain('service-hello');
    }
    const ok = await locked.inject({
      method: 'GET',
      url: '/api/ui/v1/kubectl?namespace=default&service=service-hello',
      headers: { authorization: 'Bearer s3cret' },
    });
    expect(ok.statusCode).toBe(200);
  });
});
