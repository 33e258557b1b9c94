import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, type Incident, incidentApp } from './harness.js';

let c: Incident;
beforeAll(async () => {
  c = await incidentApp();
});
afterAll(() => c.close());

const AT =
  'query($at: DateTime) { endpoints(namespace: "default", service: "service-hello", at: $at) { at } }';
const atOf = async (at: unknown) => (await c.gql(AT, { at })).data?.endpoints.at;

describe('DateTime', () => {
  it('accepts RFC 3339 with any zone and prints RFC 3339 UTC with milliseconds', async () => {
    expect(await atOf('2026-03-01T02:18:00Z')).toBe('2026-03-01T02:18:00.000Z');
    expect(await atOf('2026-03-01T03:18:00.250+01:00')).toBe('2026-03-01T02:18:00.250Z');
  });

  it('accepts epoch milliseconds as a number, a numeric string and a literal, as Grafana sends them', async () => {
    const ms = Date.parse('2026-03-01T02:18:00Z');
    expect(await atOf(ms)).toBe('2026-03-01T02:18:00.000Z');
    expect(await atOf(String(ms))).toBe('2026-03-01T02:18:00.000Z');
    const lit = await c.gql(
      `{ endpoints(namespace: "default", service: "service-hello", at: ${ms}) { at } }`,
    );
    expect(lit.data.endpoints.at).toBe('2026-03-01T02:18:00.000Z');
    const str = await c.gql(
      `{ endpoints(namespace: "default", service: "service-hello", at: "${ms}") { at } }`,
    );
    expect(str.data.endpoints.at).toBe('2026-03-01T02:18:00.000Z');
  });

  it('resolves now and relative times against the server clock', async () => {
    expect(await atOf('now')).toBe('2026-03-01T03:00:00.000Z');
    expect(await atOf('-2h')).toBe('2026-03-01T01:00:00.000Z');
    expect(await atOf(null)).toBe('2026-03-01T03:00:00.000Z');
  });

  it('rejects a bad time, as a variable or a literal, with EPH_ERR_BAD_TIME and status 400', async () => {
    for (const bad of [
      'yesterday',
      '2026-03-01',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      1.5,
      true,
    ]) {
      const r = await c.gql(AT, { at: bad });
      expect(r.status).toBe(400);
      expect(codes(r)).toEqual(['EPH_ERR_BAD_TIME']);
    }
    const lit = await c.gql(
      '{ endpoints(namespace: "default", service: "service-hello", at: "02:18") { at } }',
    );
    expect(codes(lit)).toEqual(['EPH_ERR_BAD_TIME']);
    expect(lit.errors![0]!.message).toContain('RFC 3339');
  });

  it('accepts a step as milliseconds or a duration string and rejects nonsense with EPH_ERR_BAD_STEP', async () => {
    const q = (step: string) =>
      c.gql(
        `{ service(namespace: "default", name: "service-hello") { readyCount(from: "2026-03-01T02:14:00Z", to: "2026-03-01T02:17:59Z", step: ${step}) { time } } }`,
      );
    expect((await q('"2m"')).data.service.readyCount).toHaveLength(2);
    expect((await q('"120000"')).data.service.readyCount).toHaveLength(2);
    expect(codes(await q('"fortnight"'))).toEqual(['EPH_ERR_BAD_STEP']);
    expect(codes(await q('0'))).toEqual(['EPH_ERR_BAD_STEP']);
  });
});

describe('times resolve per request', () => {
  /** An app whose clock the test moves; the rest is the incident recording. */
  const movingClock = async (tick = 0) => {
    let clock = Date.parse('2026-03-01T03:00:00Z');
    const now = () => {
      const t = clock;
      clock += tick;
      return t;
    };
    const app = await incidentApp({ now });
    return {
      app,
      advance: (ms: number) => {
        clock += ms;
      },
    };
  };

  it('resolves now and -24h written in the query text anew for every request, compiled or not', async () => {
    const { app, advance } = await movingClock();
    try {
      const q = `{ a: endpoints(namespace: "default", service: "service-hello", at: "now") { at }
        b: endpoints(namespace: "default", service: "service-hello", at: "-24h") { at } }`;
      // mercurius compiles a query text with graphql-jit once it has run once: ask four times
      for (let i = 0; i < 4; i++) {
        const r = await app.gql(q);
        const now = Date.parse('2026-03-01T03:00:00Z') + i * 1000;
        expect(r.data.a.at, `request ${i}`).toBe(new Date(now).toISOString());
        expect(r.data.b.at, `request ${i}`).toBe(new Date(now - 86_400_000).toISOString());
        advance(1000);
      }
    } finally {
      await app.close();
    }
  });

  it('resolves every time and default of one request against one now', async () => {
    // a clock that moves 1 ms each time it is read: two reads in one request would show
    const { app } = await movingClock(1);
    try {
      for (let i = 0; i < 5; i++) {
        const r =
          await app.gql(`{ a: endpoints(namespace: "default", service: "service-hello", at: "now") { at }
          b: endpoints(namespace: "default", service: "service-hello") { at }
          service(namespace: "default", name: "service-hello") {
            outages(from: "-31d") { from } readyCount(from: "-31d") { time } e: endpoints { at } } }`);
        expect(r.errors, `request ${i}`).toBeUndefined();
        expect(r.data.b.at).toBe(r.data.a.at);
        expect(r.data.service.e.at).toBe(r.data.a.at);
        expect(Date.parse(r.data.service.readyCount[0].time)).toBe(Date.parse(r.data.a.at) - 31 * 86_400_000);
      }
      const v = await app.gql('query($f: DateTime!, $t: DateTime!) { coverage(from: $f, to: $t) { to } }', {
        f: '-31d',
        t: 'now',
      });
      expect(v.errors).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('refuses an unknown operationName every time, also after the query text was compiled', async () => {
    const post = (query: string, operationName: string) =>
      c.app.inject({ method: 'POST', url: '/graphql', payload: { query, operationName } });
    const one = 'query Known { clusters }';
    for (let i = 0; i < 3; i++) expect((await post(one, 'Known')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await post(one, 'Other');
      expect(r.statusCode).toBe(400);
      expect(r.json().errors[0].extensions.code).toBe('EPH_ERR_BAD_QUERY');
    }
    const get = await c.app.inject({
      url: `/graphql?query=${encodeURIComponent(one)}&operationName=Other`,
    });
    expect(get.statusCode).toBe(400);
    // two operations in one text: each request runs the one it names
    const two = 'query A { clusters } query B { namespaces }';
    for (const name of ['A', 'A', 'A', 'B', 'B', 'A']) {
      const r = (await post(two, name)).json();
      expect(Object.keys(r.data), name).toEqual([name === 'A' ? 'clusters' : 'namespaces']);
    }
  });

  it('rejects a time outside the Date range with EPH_ERR_BAD_TIME every time, literal or variable', async () => {
    for (const bad of [
      '1e300',
      '"+100000000000w"',
      '9999999999999999',
      '"9999999999999999"',
      '"-100000000000w"',
    ]) {
      const lit = `{ endpoints(namespace: "default", service: "service-hello", at: ${bad}) { at } }`;
      for (let i = 0; i < 3; i++) {
        const r = await c.gql(lit);
        expect(r.status, `${bad} #${i}`).toBe(400);
        expect(codes(r), `${bad} #${i}`).toEqual(['EPH_ERR_BAD_TIME']);
      }
      const v = await c.gql(AT, { at: JSON.parse(bad.replace('1e300', '1e300')) });
      expect(codes(v), bad).toEqual(['EPH_ERR_BAD_TIME']);
    }
  });

  it('rejects a duration without a minus sign as a time, rather than reading it as a moment', async () => {
    // the operator meant -24h
    expect(codes(await c.gql(AT, { at: '24h' }))).toEqual(['EPH_ERR_BAD_TIME']);
  });

  it('refuses a step longer than the longest range, rather than one bucket at 1970', async () => {
    const q = (step: string) =>
      c.gql(
        `{ service(namespace: "default", name: "service-hello") { readyCount(step: ${step}) { time } } }`,
      );
    for (const step of ['1e300', '"32d"', '9999999999999999']) {
      for (let i = 0; i < 2; i++) expect(codes(await q(step)), `${step} #${i}`).toEqual(['EPH_ERR_BAD_STEP']);
    }
    expect((await q('"1d"')).data.service.readyCount.length).toBeGreaterThan(0);
  });
});
