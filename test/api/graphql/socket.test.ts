import { afterEach, describe, expect, it } from 'vitest';
import { type Incident, incidentApp } from './harness.js';

let c: Incident | null = null;
afterEach(async () => {
  await c?.close();
  c = null;
});

async function listen(options: Parameters<typeof incidentApp>[0] = {}): Promise<string> {
  c = await incidentApp(options);
  return c.listen();
}

const post = (base: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

describe('GraphQL over a real socket', () => {
  it('answers the first question of the design over HTTP: which pods backed service-hello at 02:18', async () => {
    const base = await listen();
    const r = await post(
      base,
      '{ endpoints(namespace: "default", service: "service-hello", at: "2026-03-01T02:18:00Z") { addresses { ip pod { name } } } }',
    );
    expect(r.status).toBe(200);
    const body = (await r.json()) as {
      data: { endpoints: { addresses: { ip: string; pod: { name: string } }[] } };
    };
    expect(body.data.endpoints.addresses.map((a) => `${a.ip} ${a.pod.name}`)).toEqual([
      '10.244.1.23 hello-7d9f-bbbbb',
      '10.244.1.24 hello-7d9f-ccccc',
      '10.244.1.25 hello-7d9f-ddddd',
      '10.244.1.26 hello-8e0a-eeeee',
    ]);
  });

  it('needs the bearer token when auth is on: 401 without it or with a wrong one, 200 with it', async () => {
    const base = await listen({ authToken: 's3cret' });
    const none = await post(base, '{ clusters }');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(
      ((await none.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('EPH_ERR_UNAUTHENTICATED');
    expect((await post(base, '{ clusters }', { authorization: 'Bearer wrong' })).status).toBe(401);
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ clusters }')}`);
    expect(get.status).toBe(401);
    const ok = await post(base, '{ clusters }', { authorization: 'Bearer s3cret' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { clusters: ['test'] } });
    expect((await fetch(`${base}/graphiql`)).status).toBe(401);
    expect((await fetch(`${base}/graphiql`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(
      200,
    );
  });

  it('needs no token when auth is off', async () => {
    const base = await listen();
    expect((await post(base, '{ clusters }')).status).toBe(200);
  });

  it('sends CORS headers for an allowed origin when CORS is enabled, and none when it is not', async () => {
    const base = await listen({ cors: 'https://grafana.example' });
    const pre = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://grafana.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://grafana.example');
    const r = await post(base, '{ clusters }', { origin: 'https://grafana.example' });
    expect(r.headers.get('access-control-allow-origin')).toBe('https://grafana.example');
    await c!.close();
    c = null;
    const plain = await listen();
    expect(
      (await post(plain, '{ clusters }', { origin: 'https://grafana.example' })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
  });
});
