import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, type Incident, incidentApp } from './harness.js';

let c: Incident;
beforeAll(async () => {
  c = await incidentApp({ limits: { maxDepth: 5, maxCost: 500, maxPageSize: 100 } });
});
afterAll(() => c.close());

describe('protection limits', () => {
  it('accepts a query at the maximum depth and refuses one deeper with EPH_ERR_QUERY_TOO_DEEP', async () => {
    // service › changes › edges › node › at = 5 levels
    const ok = await c.gql(
      '{ service(namespace: "default", name: "mysql") { changes(first: 1) { edges { node { at } } } } }',
    );
    expect(ok.errors).toBeUndefined();
    const deep = await c.gql(
      '{ service(namespace: "default", name: "mysql") { changes(first: 1) { edges { node { targetRef { name } } } } } }',
    );
    expect(deep.status).toBe(400);
    expect(codes(deep)).toEqual(['EPH_ERR_QUERY_TOO_DEEP']);
  });

  it('counts depth through fragments', async () => {
    const r = await c.gql(`{ endpoints(namespace: "default", service: "mysql") { ...A } }
      fragment A on EndpointSet { addresses { pod { history { history { name } } } } }`);
    expect(codes(r)).toEqual(['EPH_ERR_QUERY_TOO_DEEP']);
  });

  it('refuses a query whose lists multiply past the cost limit with EPH_ERR_QUERY_TOO_COMPLEX', async () => {
    // services (100) × endpoints › addresses (100) × 2 fields: far above 500
    const r = await c.gql('{ services { endpoints { addresses { ip nodeName } } } }');
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(['EPH_ERR_QUERY_TOO_COMPLEX']);
  });

  it('prices a connection by its first argument, literal or variable', async () => {
    // cost = service 1 + changes 1 + first × (edge 1 + cursor 1 + node 1 + 5 fields) = 2 + 8 × first
    const q =
      'query($n: Int) { service(namespace: "default", name: "service-hello") { changes(first: $n) { edges { cursor node { at type ip position source } } } } }';
    expect((await c.gql(q, { n: 10 })).errors).toBeUndefined();
    expect((await c.gql(q, { n: 62 })).errors).toBeUndefined();
    expect(codes(await c.gql(q, { n: 63 }))).toEqual(['EPH_ERR_QUERY_TOO_COMPLEX']);
    expect(codes(await c.gql(q.replace('query($n: Int) ', '').replace('$n', '63')))).toEqual([
      'EPH_ERR_QUERY_TOO_COMPLEX',
    ]);
  });

  it('does not count introspection against depth or cost, so GraphiQL can load the schema', async () => {
    const r = await c.gql(
      `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.__schema.types.map((t: { name: string }) => t.name)).toContain('EndpointSet');
  });
});

describe('transport', () => {
  it('answers GET with the query in the URL and variables as JSON', async () => {
    const q = encodeURIComponent(
      'query($ns: String!) { endpoints(namespace: $ns, service: "legacy", at: 1772330700000) { source } }',
    );
    const r = await c.app.inject({
      method: 'GET',
      url: `/graphql?query=${q}&variables=${encodeURIComponent('{"ns":"default"}')}`,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ data: { endpoints: { source: 'ENDPOINTS' } } });
  });

  it('answers POST with application/graphql bodies too', async () => {
    const r = await c.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/graphql' },
      payload: '{ clusters }',
    });
    expect(r.json()).toEqual({ data: { clusters: ['test'] } });
  });

  it('serves GraphiQL at /graphiql, from our own bundle (test/api/ui has the rest)', async () => {
    const page = await c.app.inject({ method: 'GET', url: '/graphiql' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('ui/graphiql/graphiql.js');
  });
});
