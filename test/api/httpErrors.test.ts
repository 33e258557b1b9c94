import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Incident, incidentApp } from './graphql/harness.js';
import { getHead, postHead, type RawResponse, rawRequest } from './rawHttp.js';

let c: Incident;
let port: number;
beforeAll(async () => {
  c = await incidentApp();
  await c.listen();
  port = (c.app.server.address() as AddressInfo).port;
});
afterAll(() => c.close());

/** Status and code of an answer, after checking the body carries the code in both of its forms. */
function coded(r: RawResponse): [number, string] {
  const body = JSON.parse(r.body) as {
    error: string;
    code: string;
    errors: { extensions: { code: string } }[];
  };
  expect(body.error).toEqual(expect.any(String));
  expect(body.errors[0]!.extensions.code).toBe(body.code);
  return [r.status, body.code];
}

describe("fastify's and Node's own answers carry a code", () => {
  it('answers a path no route serves with 404 EPH_ERR_NOT_FOUND', async () => {
    expect(coded(await rawRequest(port, getHead('/nope')))).toEqual([404, 'EPH_ERR_NOT_FOUND']);
    expect(coded(await rawRequest(port, getHead('/graphql/')))).toEqual([404, 'EPH_ERR_NOT_FOUND']);
  });

  it('answers a malformed URL with 400 EPH_ERR_BAD_REQUEST', async () => {
    expect(coded(await rawRequest(port, getHead('/%zz')))).toEqual([400, 'EPH_ERR_BAD_REQUEST']);
  });

  it('answers a GraphQL body over 1 MiB with 413 EPH_ERR_REQUEST_TOO_LARGE', async () => {
    const r = await c.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: `{ clusters }${' '.repeat(1_100_000)}` }),
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().errors[0].extensions.code).toBe('EPH_ERR_REQUEST_TOO_LARGE');
  });

  it('answers headers over the limit with 431 and a request line Node cannot parse with 400', async () => {
    const big = await rawRequest(port, getHead('/healthz', { 'X-Big': 'a'.repeat(20_000) }));
    expect(coded(big)).toEqual([431, 'EPH_ERR_REQUEST_TOO_LARGE']);
    const garbage = await rawRequest(port, 'NOT HTTP AT ALL');
    expect(coded(garbage)).toEqual([400, 'EPH_ERR_BAD_REQUEST']);
  });

  it('answers a GraphQL POST whose body is not JSON with EPH_ERR_BAD_QUERY', async () => {
    const r = await rawRequest(port, postHead('/graphql', '{bad'), '{bad');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).errors[0].extensions.code).toBe('EPH_ERR_BAD_QUERY');
  });
});
