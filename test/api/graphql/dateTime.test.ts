import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Classic, classicApp, codes } from './harness.js';

let c: Classic;
beforeAll(async () => {
  c = await classicApp();
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
