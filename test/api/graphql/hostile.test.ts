import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { codes, type GqlResponse, type Incident, incidentApp } from './harness.js';
import { connect } from './wsClient.js';

let c: Incident;
let ws: string;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  c = await incidentApp();
  ws = `${(await c.listen()).replace(/^http/, 'ws')}/graphql`;
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.terminate();
});
afterAll(() => c.close());

/**
 * The fragment bomb of issue 12: each of n fragments spreads the next one twice, so the query
 * selects 2^n fields while its text is about 1 KB (n = 25: 1,127 bytes written out like this).
 */
function fragmentBomb(n: number, operation = 'query', on = 'Query', leaf = 'clusters'): string {
  let text = `${operation} {\n  ...F0\n}\n`;
  for (let i = 0; i < n; i++) text += `fragment F${i} on ${on} {\n  ...F${i + 1}\n  ...F${i + 1}\n}\n`;
  return `${text}fragment F${n} on ${on} {\n  ${leaf}\n}\n`;
}

/** POSTs a raw JSON body to /graphql. */
async function post(body: string): Promise<GqlResponse> {
  const r = await c.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: body,
  });
  return { status: r.statusCode, ...(r.json() as Omit<GqlResponse, 'status'>) };
}

const refusedWith = (r: GqlResponse): [number, string[]] => [r.status, codes(r)];

describe('hostile GraphQL documents over HTTP get one coded client error', () => {
  it('refuses the n = 25 fragment bomb with EPH_ERR_QUERY_TOO_COMPLEX instead of expanding 2^25 fields', async () => {
    const bomb = fragmentBomb(25);
    expect(bomb.length).toBeLessThan(1200);
    expect(refusedWith(await c.gql(bomb))).toEqual([400, ['EPH_ERR_QUERY_TOO_COMPLEX']]);
    // as deep as it is wide: each fragment nests a level and spreads the next twice
    let deep = 'query { pod(namespace: "default", name: "x") { ...D0 } }';
    for (let i = 0; i < 25; i++) deep += ` fragment D${i} on Pod { history { ...D${i + 1} ...D${i + 1} } }`;
    deep += ' fragment D25 on Pod { name }';
    expect(refusedWith(await c.gql(deep))).toEqual([400, ['EPH_ERR_QUERY_TOO_DEEP']]);
  });

  it('refuses 5,000 nested braces with EPH_ERR_QUERY_TOO_DEEP, never EPH_ERR_INTERNAL', async () => {
    const braces = `{${'a{'.repeat(5000)}b${'}'.repeat(5001)}`;
    expect(refusedWith(await c.gql(braces))).toEqual([400, ['EPH_ERR_QUERY_TOO_DEEP']]);
    const lists = `{ clusters(x: ${'['.repeat(5000)}1${']'.repeat(5000)}) }`;
    expect(refusedWith(await c.gql(lists))).toEqual([400, ['EPH_ERR_QUERY_TOO_DEEP']]);
  });

  it('refuses a query that is not GraphQL text with EPH_ERR_BAD_QUERY: a number, null, an object, a JSON AST', async () => {
    for (const body of [
      '{"query":42}',
      '{"query":null}',
      '{}',
      '{"query":{"kind":"Document","definitions":[]}}',
      JSON.stringify({ query: JSON.stringify({ kind: 'Document', definitions: [{ kind: 'Nope' }] }) }),
      JSON.stringify({
        query: JSON.stringify({
          kind: 'Document',
          definitions: [
            {
              kind: 'OperationDefinition',
              operation: 'query',
              selectionSet: {
                kind: 'SelectionSet',
                selections: [{ kind: 'Field', name: { kind: 'Name', value: 'clusters' } }],
              },
            },
          ],
        }),
      }),
    ]) {
      expect([body, ...refusedWith(await post(body))]).toEqual([body, 400, ['EPH_ERR_BAD_QUERY']]);
    }
  });

  it('caps the query text: bytes, tokens and aliases are EPH_ERR_QUERY_TOO_LARGE', async () => {
    expect(codes(await c.gql(`{ clusters }${' '.repeat(40_000)}`))).toEqual(['EPH_ERR_QUERY_TOO_LARGE']);
    expect(codes(await c.gql(`{ clusters ${'__typename '.repeat(2500)}}`))).toEqual([
      'EPH_ERR_QUERY_TOO_LARGE',
    ]);
    const aliases = Array.from({ length: 101 }, (_, i) => `a${i}: clusters`).join(' ');
    expect(codes(await c.gql(`{ ${aliases} }`))).toEqual(['EPH_ERR_QUERY_TOO_LARGE']);
    const fragments = Array.from({ length: 33 }, (_, i) => `fragment G${i} on Query { clusters }`).join(' ');
    const spreads = Array.from({ length: 33 }, (_, i) => `...G${i}`).join(' ');
    expect(codes(await c.gql(`{ ${spreads} } ${fragments}`))).toEqual(['EPH_ERR_QUERY_TOO_LARGE']);
  });

  it("refuses one field repeated hundreds of times, which graphql's overlap rule compares pairwise", async () => {
    const repeated = Array.from({ length: 300 }, (_, i) => `namespaces(cluster: "c${i}")`).join(' ');
    expect(refusedWith(await c.gql(`{ ${repeated} }`))).toEqual([400, ['EPH_ERR_QUERY_TOO_COMPLEX']]);
  });

  it('refuses a subscription sent over HTTP, POST or GET, with EPH_ERR_BAD_QUERY naming the WebSocket', async () => {
    const sub = 'subscription { endpointsChanged(namespace: "default", service: "mysql") { ip } }';
    const r = await c.gql(sub);
    expect(refusedWith(r)).toEqual([400, ['EPH_ERR_BAD_QUERY']]);
    expect(r.errors![0]!.message).toContain('WebSocket');
    const get = await c.app.inject(`/graphql?query=${encodeURIComponent(sub)}`);
    expect([get.statusCode, get.json().errors[0].extensions.code]).toEqual([400, 'EPH_ERR_BAD_QUERY']);
  });

  it('refuses a request naming an operation the document does not have, or none of several, GET or POST', async () => {
    for (const [query, operationName] of [
      ['query A { clusters }', 'Nope'],
      ['query A { clusters } query B { namespaces }', undefined],
    ] as const) {
      const params = new URLSearchParams({ query, ...(operationName ? { operationName } : {}) });
      const get = await c.app.inject(`/graphql?${params}`);
      expect([get.statusCode, get.json().errors[0].extensions.code]).toEqual([400, 'EPH_ERR_BAD_QUERY']);
      expect(refusedWith(await post(JSON.stringify({ query, operationName })))).toEqual([
        400,
        ['EPH_ERR_BAD_QUERY'],
      ]);
    }
    const named = await c.app.inject(
      `/graphql?${new URLSearchParams({ query: 'query A { namespaces } query B { clusters }', operationName: 'B' })}`,
    );
    expect(named.json()).toEqual({ data: { clusters: ['test'] } });
  });

  it('still answers an ordinary query after all of that', async () => {
    expect(await c.gql('{ clusters }')).toEqual({ status: 200, data: { clusters: ['test'] } });
  });
});

describe('hostile messages over the WebSocket get coded errors', () => {
  const open = () => connect(ws, {}, sockets);
  const errorOf = async (client: Awaited<ReturnType<typeof open>>) => {
    const e = await client.next('error', 5000);
    return (e?.payload as { extensions: { code: string } }[] | undefined)?.map((x) => x.extensions.code);
  };

  it('refuses a mutation with EPH_ERR_READ_ONLY and a query with EPH_ERR_BAD_QUERY', async () => {
    const client = await open();
    client.send({ id: '1', type: 'subscribe', payload: { query: 'mutation { deleteEverything }' } });
    expect(await errorOf(client)).toEqual(['EPH_ERR_READ_ONLY']);
    client.send({ id: '2', type: 'subscribe', payload: { query: '{ clusters }' } });
    const e = await client.next('error', 5000);
    expect([e?.id, e?.payload[0].extensions.code]).toEqual(['2', 'EPH_ERR_BAD_QUERY']);
  });

  it('refuses the fragment bomb as a subscription, and 5,000 nested braces', async () => {
    const client = await open();
    const bomb = fragmentBomb(
      25,
      'subscription',
      'Subscription',
      'endpointsChanged(namespace: "default", service: "mysql") { ip }',
    );
    client.send({ id: '1', type: 'subscribe', payload: { query: bomb } });
    expect(await errorOf(client)).toEqual(['EPH_ERR_QUERY_TOO_COMPLEX']);
    client.send({ id: '2', type: 'subscribe', payload: { query: `subscription {${'a{'.repeat(5000)}}` } });
    expect(await errorOf(client)).toEqual(['EPH_ERR_QUERY_TOO_DEEP']);
  });

  it('refuses a message that is not JSON, a message of an unknown type and a query that is not text', async () => {
    const client = await open();
    client.sendRaw('not json');
    expect(await errorOf(client)).toEqual(['EPH_ERR_BAD_QUERY']);
    client.send({ id: '1', type: 'launch' });
    expect(await errorOf(client)).toEqual(['EPH_ERR_BAD_QUERY']);
    client.send({ id: '2', type: 'subscribe', payload: { query: { kind: 'Document', definitions: [] } } });
    expect(await errorOf(client)).toEqual(['EPH_ERR_BAD_QUERY']);
    client.send({ id: '3', type: 'subscribe' });
    expect(await errorOf(client)).toEqual(['EPH_ERR_BAD_QUERY']);
  });

  it('refuses variables that do not coerce with a code, not as an internal error', async () => {
    const client = await open();
    const query = 'subscription($ns: String!) { endpointsChanged(namespace: $ns, service: "mysql") { ip } }';
    client.send({ id: '1', type: 'subscribe', payload: { query, variables: { ns: 5 } } });
    expect(await errorOf(client)).toEqual(['EPH_ERR_BAD_QUERY']);
  });

  it('gives a subscribe sent before connection_init a coded connection_error', async () => {
    const socket = new WebSocket(ws, 'graphql-transport-ws');
    sockets.push(socket);
    const first = new Promise<string>((resolve) => socket.once('message', (d) => resolve(String(d))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { x }' } }));
    expect(JSON.parse(await first)).toMatchObject({
      type: 'connection_error',
      payload: { extensions: { code: 'EPH_ERR_BAD_QUERY' } },
    });
  });
});
