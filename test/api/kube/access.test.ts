import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, type KubeApp, kubeApp } from './kubeHarness.js';

const TOKEN = 'kube-s3cret';
let k: KubeApp;
beforeAll(async () => {
  k = await kubeApp({ authToken: TOKEN });
});
afterAll(() => k.close());

const BEARER = { authorization: `Bearer ${TOKEN}` };
const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const eventCount = () => k.store.db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;

describe('writes are refused', () => {
  it('answers 405 MethodNotAllowed "read-only" to every write, on collections, objects and subresources, and changes nothing', async () => {
    const before = eventCount();
    const pod = `${at('02:15:10')}/api/v1/namespaces/default/pods/hello-7d9f-ccccc`;
    const writes: [string, string, string | undefined][] = [
      ['POST', `${at('02:15:10')}/api/v1/namespaces/default/pods`, '{"kind":"Pod","metadata":{"name":"x"}}'],
      ['PUT', pod, '{"kind":"Pod"}'],
      ['PATCH', pod, '{"metadata":{"labels":{"a":"b"}}}'],
      ['DELETE', pod, '{"propagationPolicy":"Background"}'],
      ['DELETE', `${at('02:15:10')}/api/v1/namespaces/default/pods`, undefined],
      ['POST', `${pod}/eviction`, '{}'],
      ['POST', `${pod}/exec?command=sh`, undefined],
      ['PUT', `${pod}/status`, 'not even json'],
      ['POST', `${at('02:15:10')}/apis/apps/v1/namespaces/default/deployments`, '{}'],
    ];
    for (const [method, url, payload] of writes) {
      const r = await k.app.inject({
        method: method as 'POST',
        url,
        headers: {
          ...BEARER,
          'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
        },
        ...(payload !== undefined ? { payload } : {}),
      });
      expect([method, url, r.statusCode]).toEqual([method, url, 405]);
      expect(r.json()).toMatchObject({
        kind: 'Status',
        reason: 'MethodNotAllowed',
        code: 405,
        details: { causes: [{ reason: 'EPH_ERR_READ_ONLY' }] },
      });
      expect(r.json().message).toContain('read-only');
    }
    expect(eventCount()).toBe(before);
    const still = await k.app.inject({ method: 'GET', url: pod, headers: BEARER });
    expect(still.json().metadata.labels).toEqual({ run: 'hello' });
  });

  it('refuses a write without the token as 401 first: a refusal tells nothing to a stranger', async () => {
    const r = await k.app.inject({
      method: 'DELETE',
      url: `${at('02:15:10')}/api/v1/namespaces/default/pods/x`,
    });
    expect(r.statusCode).toBe(401);
  });
});

describe('the token', () => {
  it('is required, and its refusal is a Kubernetes Status (kubectl: "You must be logged in")', async () => {
    const r = await k.app.inject({ method: 'GET', url: `${at('02:15:10')}/api/v1/pods` });
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer');
    expect(r.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect(r.body).not.toContain('hello');
  });

  it('is taken as a bearer token, and as the password of Basic credentials (what kubectl sends over plain HTTP)', async () => {
    const url = `${at('02:15:10')}/api/v1/pods`;
    expect((await k.app.inject({ method: 'GET', url, headers: BEARER })).statusCode).toBe(200);
    expect(
      (await k.app.inject({ method: 'GET', url, headers: basic('endpoints-history', TOKEN) })).statusCode,
    ).toBe(200);
    expect((await k.app.inject({ method: 'GET', url, headers: basic('anyone', TOKEN) })).statusCode).toBe(
      200,
    );
    expect(
      (await k.app.inject({ method: 'GET', url, headers: basic('endpoints-history', 'wrong') })).statusCode,
    ).toBe(401);
    expect((await k.app.inject({ method: 'GET', url, headers: basic(TOKEN, '') })).statusCode).toBe(401);
    expect(
      (await k.app.inject({ method: 'GET', url, headers: { authorization: 'Basic !!!' } })).statusCode,
    ).toBe(401);
    // a wrong bearer token is not rescued by anything else
    expect(
      (
        await k.app.inject({
          method: 'GET',
          url,
          headers: { authorization: 'Bearer wrong', cookie: `eph_token=${TOKEN}` },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('is not taken from Basic credentials anywhere else (they may be a proxy’s)', async () => {
    const r = await k.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...basic('endpoints-history', TOKEN), 'content-type': 'application/json' },
      payload: { query: '{ clusters }' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('EPH_ERR_UNAUTHENTICATED');
  });
});
