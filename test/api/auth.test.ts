import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTE } from '../../src/api/publicRoute.js';
import { type Incident, incidentApp } from './graphql/harness.js';
import { getHead, postHead, type RawResponse, rawRequest, upgradeHead } from './rawHttp.js';

const TOKEN = 's3cret-token';
const BEARER = { Authorization: `Bearer ${TOKEN}` };
const QUERY = JSON.stringify({ query: '{ clusters }' });

let c: Incident;
let port: number;
beforeAll(async () => {
  c = await incidentApp({ authToken: TOKEN, registry: new Registry() });
  // routes added once the app is built, directly and in a plugin: the hook must cover them too
  c.app.get('/added-later', async () => ({ secret: 'data' }));
  await c.app.register(async (scope) => {
    scope.get('/plugin-later', async () => ({ secret: 'data' }));
  });
  c.app.get('/page-shell', { config: PUBLIC_ROUTE }, async () => 'a page without data');
  await c.listen();
  port = (c.app.server.address() as AddressInfo).port;
});
afterAll(() => c.close());

const send = (head: string, body?: string) => rawRequest(port, head, body);
const code = (r: RawResponse): string => (JSON.parse(r.body) as { code: string }).code;

/** The request sent without a token is refused with 401 EPH_ERR_UNAUTHENTICATED, in both body forms. */
function expectRefused(r: RawResponse): void {
  expect(r.status).toBe(401);
  expect(r.headers['www-authenticate']).toBe('Bearer');
  const body = JSON.parse(r.body) as { code: string; errors: { extensions: { code: string } }[] };
  expect(body.code).toBe('EPH_ERR_UNAUTHENTICATED');
  expect(body.errors[0]!.extensions.code).toBe('EPH_ERR_UNAUTHENTICATED');
  expect(r.body).not.toContain('test'); // the cluster name: no data leaks into a refusal
}

describe('the token is checked on the routed request, for every spelling of a path', () => {
  it('percent-encoded /%67raphql: 401 without the token, the answer with it', async () => {
    expectRefused(await send(postHead('/%67raphql', QUERY), QUERY));
    const ok = await send(postHead('/%67raphql', QUERY, BEARER), QUERY);
    expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { data: { clusters: ['test'] } }]);
  });

  it('percent-encoded /%61pi/grafana/v1/namespaces', async () => {
    expectRefused(await send(getHead('/%61pi/grafana/v1/namespaces')));
    const ok = await send(getHead('/%61pi/grafana/v1/namespaces', BEARER));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toContainEqual({ __text: 'default', __value: 'default' });
  });

  it('an absolute-form target, GET http://x/api/grafana/v1/services', async () => {
    expectRefused(await send(getHead('http://x/api/grafana/v1/services')));
    const ok = await send(getHead('http://x/api/grafana/v1/services', BEARER));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toContainEqual({ __text: 'default/mysql', __value: 'default/mysql' });
  });

  it('GraphQL over GET, with the query in the URL', async () => {
    const target = `/graphql?query=${encodeURIComponent('{ clusters }')}`;
    expectRefused(await send(getHead(target)));
    expect((await send(getHead(target, BEARER))).status).toBe(200);
  });

  it('a double slash, a trailing slash and other cases are refused before the router says 404', async () => {
    for (const target of ['//graphql', '/graphql/', '/GRAPHQL', '/Graphql', '/api/grafana/v1/services/']) {
      expectRefused(await send(postHead(target, QUERY), QUERY));
      const routed = await send(postHead(target, QUERY, BEARER), QUERY);
      expect([target, routed.status, code(routed)]).toEqual([target, 404, 'EPH_ERR_NOT_FOUND']);
    }
  });

  it('a path no route serves is 401 without the token and a coded 404 with it', async () => {
    expectRefused(await send(getHead('/nope')));
    const notFound = await send(getHead('/nope', BEARER));
    expect([notFound.status, code(notFound)]).toEqual([404, 'EPH_ERR_NOT_FOUND']);
  });

  it('a WebSocket upgrade to /%67raphql: 401 without the token, 101 with it', async () => {
    expectRefused(await send(upgradeHead('/%67raphql')));
    expect((await send(upgradeHead('/%67raphql', BEARER))).status).toBe(101);
  });

  it('routes registered after the hook, on the app and in a plugin', async () => {
    for (const target of ['/added-later', '/plugin-later']) {
      expectRefused(await send(getHead(target)));
      const ok = await send(getHead(target, BEARER));
      expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { secret: 'data' }]);
    }
  });

  it('GraphiQL, /metrics and the JSON index need the token too', async () => {
    for (const target of ['/graphiql', '/metrics', '/api']) {
      expectRefused(await send(getHead(target)));
      expect((await send(getHead(target, BEARER))).status).toBe(200);
    }
  });

  it('leaves /healthz (in any spelling) and routes declared public open', async () => {
    for (const target of ['/healthz', '/%68ealthz', '/page-shell']) {
      expect((await send(getHead(target))).status).toBe(200);
    }
  });

  it('refuses a wrong token, a prefix of the right one and the right one with more after it', async () => {
    for (const given of ['wrong', TOKEN.slice(0, -1), `${TOKEN}x`, '']) {
      expectRefused(await send(postHead('/graphql', QUERY, { Authorization: `Bearer ${given}` }), QUERY));
    }
    expectRefused(await send(postHead('/graphql', QUERY, { Authorization: `Basic ${TOKEN}` }), QUERY));
    expect(
      (await send(postHead('/graphql', QUERY, { Authorization: `bearer ${TOKEN}` }), QUERY)).status,
    ).toBe(200);
  });
});

describe('the eph_token cookie, for a browser that entered the token on the web page', () => {
  it('opens GraphQL and GraphiQL; a wrong cookie or a wrong header beside a right cookie does not', async () => {
    const cookie = { Cookie: `theme=dark; eph_token=${TOKEN}` };
    expect((await send(postHead('/graphql', QUERY, cookie), QUERY)).status).toBe(200);
    expect((await send(getHead('/graphiql', cookie))).status).toBe(200);
    expectRefused(await send(getHead('/graphiql', { Cookie: 'eph_token=wrong' })));
    expectRefused(await send(getHead('/graphiql', { ...cookie, Authorization: 'Bearer wrong' })));
    // a proxy's Basic credentials are not our token: the cookie still decides
    expect(
      (await send(getHead('/graphiql', { ...cookie, Authorization: 'Basic dXNlcjpwdw==' }))).status,
    ).toBe(200);
  });

  it('opens a WebSocket only from a page of this server: another Origin is 403 EPH_ERR_CROSS_ORIGIN', async () => {
    const host = `127.0.0.1:${port}`;
    const cookie = { Host: host, Cookie: `eph_token=${TOKEN}` };
    const hijack = await send(upgradeHead('/graphql', { ...cookie, Origin: 'https://evil.example' }));
    expect([hijack.status, code(hijack)]).toEqual([403, 'EPH_ERR_CROSS_ORIGIN']);
    const noOrigin = await send(upgradeHead('/graphql', cookie));
    expect(noOrigin.status).toBe(403);
    expect((await send(upgradeHead('/graphql', { ...cookie, Origin: `http://${host}` }))).status).toBe(101);
  });
});

describe('/metrics with --metrics-public', () => {
  it('is open while everything else still needs the token', async () => {
    const open = await incidentApp({ authToken: TOKEN, registry: new Registry(), metricsPublic: true });
    try {
      expect((await open.app.inject('/metrics')).statusCode).toBe(200);
      expect((await open.app.inject('/graphiql')).statusCode).toBe(401);
    } finally {
      await open.close();
    }
  });
});
