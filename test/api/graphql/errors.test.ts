import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import { History } from '../../../src/query/index.js';
import { openTestStore, readsOf } from '../../helpers/backend.js';
import { codes, type Incident, incidentApp } from './harness.js';

let c: Incident;
beforeAll(async () => {
  c = await incidentApp({ limits: { maxRangeMs: 3_600_000 } });
});
afterAll(() => c.close());

const svc = (fields: string) =>
  c.gql(`{ service(namespace: "default", name: "service-hello") { ${fields} } }`);

describe('error codes', () => {
  it('gives an unknown service EPH_ERR_UNKNOWN_SERVICE with its path', async () => {
    const r = await c.gql('{ endpoints(namespace: "default", service: "nope") { at } }');
    expect(r.status).toBe(200);
    expect(r.errors).toEqual([
      expect.objectContaining({
        path: ['endpoints'],
        extensions: { code: 'EPH_ERR_UNKNOWN_SERVICE' },
        message: expect.stringContaining('default/nope'),
      }),
    ]);
  });

  it('gives an unknown cluster EPH_ERR_UNKNOWN_CLUSTER', async () => {
    expect(codes(await c.gql('{ namespaces(cluster: "prod") }'))).toEqual(['EPH_ERR_UNKNOWN_CLUSTER']);
  });

  it('gives an inverted range EPH_ERR_BAD_RANGE wherever a range is taken', async () => {
    const from = '"2026-03-01T02:30:00Z"';
    const to = '"2026-03-01T02:00:00Z"';
    expect(
      codes(
        await c.gql(
          `{ endpointsDiff(namespace: "default", service: "service-hello", from: ${from}, to: ${to}) { source } }`,
        ),
      ),
    ).toEqual(['EPH_ERR_BAD_RANGE']);
    expect(codes(await c.gql(`{ coverage(from: ${from}, to: ${to}) { kind } }`))).toEqual([
      'EPH_ERR_BAD_RANGE',
    ]);
    expect(codes(await c.gql(`{ podsByIP(ip: "10.244.1.22", from: ${from}, to: ${to}) { ip } }`))).toEqual([
      'EPH_ERR_BAD_RANGE',
    ]);
    for (const f of ['readyCount', 'outages']) {
      expect(codes(await svc(`${f}(from: ${from}, to: ${to}) { __typename }`))).toEqual([
        'EPH_ERR_BAD_RANGE',
      ]);
    }
    expect(codes(await svc(`changes(from: ${from}, to: ${to}) { totalCount }`))).toEqual([
      'EPH_ERR_BAD_RANGE',
    ]);
  });

  it('gives a range longer than the maximum EPH_ERR_RANGE_TOO_LARGE', async () => {
    const r = await svc('outages(from: "2026-03-01T00:00:00Z", to: "2026-03-01T02:00:01Z") { from }');
    expect(codes(r)).toEqual(['EPH_ERR_RANGE_TOO_LARGE']);
    expect(
      codes(await c.gql('{ coverage(from: "2026-03-01T00:00:00Z", to: "2026-03-01T03:00:00Z") { kind } }')),
    ).toEqual(['EPH_ERR_RANGE_TOO_LARGE']);
  });

  it('gives a page above the maximum EPH_ERR_PAGE_TOO_LARGE and a foreign cursor EPH_ERR_BAD_CURSOR', async () => {
    expect(codes(await svc('changes(first: 1001) { totalCount }'))).toEqual(['EPH_ERR_PAGE_TOO_LARGE']);
    expect(codes(await svc('changes(after: "not-a-cursor") { totalCount }'))).toEqual(['EPH_ERR_BAD_CURSOR']);
  });

  it('gives a malformed IP EPH_ERR_BAD_IP and at with from/to EPH_ERR_BAD_ARGUMENT', async () => {
    expect(codes(await c.gql('{ podsByIP(ip: "10.244.1.300") { ip } }'))).toEqual(['EPH_ERR_BAD_IP']);
    expect(codes(await c.gql('{ podsByIP(ip: "10.244.1.22", at: "now", from: "-1h") { ip } }'))).toEqual([
      'EPH_ERR_BAD_ARGUMENT',
    ]);
  });

  it('gives a step making too many points EPH_ERR_BAD_STEP', async () => {
    expect(codes(await svc('readyCount(from: "-1h", step: 1) { time }'))).toEqual(['EPH_ERR_BAD_STEP']);
  });

  it('gives syntax errors, unknown fields and missing arguments EPH_ERR_BAD_QUERY with status 400', async () => {
    for (const q of ['{ endpoints(', '{ nope }', '{ endpoints(namespace: "default") { at } }']) {
      const r = await c.gql(q);
      expect(r.status).toBe(400);
      expect(new Set(codes(r))).toEqual(new Set(['EPH_ERR_BAD_QUERY']));
    }
    const noQuery = await c.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: '{"query": ',
    });
    expect(noQuery.statusCode).toBe(400);
    expect(noQuery.json().errors[0].extensions.code).toBe('EPH_ERR_BAD_QUERY');
  });

  it('refuses a mutation with EPH_ERR_READ_ONLY, by POST and by GET', async () => {
    const r = await c.gql('mutation { deleteEverything }');
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(['EPH_ERR_READ_ONLY']);
    const get = await c.app.inject({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent('mutation { x }')}`,
    });
    expect(get.json().errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'EPH_ERR_READ_ONLY',
    ]);
  });

  it('hides an unexpected failure behind EPH_ERR_INTERNAL without leaking its message', async () => {
    const { store, path } = await openTestStore();
    const broken = new History(await readsOf(store, path));
    broken.close();
    await store.close();
    const app = await buildApp({ history: broken });
    const r = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ clusters }' } });
    expect(r.json().errors).toEqual([
      {
        message: expect.not.stringContaining('database'),
        path: ['clusters'],
        locations: expect.any(Array),
        extensions: { code: 'EPH_ERR_INTERNAL' },
      },
    ]);
    await app.close();
  });

  it('gives a database holding several clusters and no cluster named EPH_ERR_AMBIGUOUS_CLUSTER', async () => {
    const { store, path } = await openTestStore();
    const open = (cluster: string) => ({
      op: 'open' as const,
      cluster,
      kind: 'Pod' as const,
      at: 1,
      reason: 'list',
    });
    await store.append({ observations: [], coverage: [open('a'), open('b')] });
    const history = new History(await readsOf(store, path));
    const app = await buildApp({ history });
    const r = await app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ namespaces }' } });
    expect(r.json().errors[0].extensions.code).toBe('EPH_ERR_AMBIGUOUS_CLUSTER');
    await app.close();
    history.close();
    await store.close();
  });
});
