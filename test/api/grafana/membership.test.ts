import { describe, expect, it } from 'vitest';
import { t } from '../../query/incidentRecording.js';
import { useFixture } from './fixture.js';
import { get } from './request.js';

const fx = useFixture();

const hello = { namespace: 'default', service: 'service-hello' };
const band = (rows: Record<string, unknown>[], pod: string) =>
  rows.filter((r) => r.pod === pod).map((r) => [r.time, r.timeEnd, r.state]);

describe('membership intervals', () => {
  it("tells each pod's states over the range as closed intervals clipped to it", async () => {
    const app = await fx.app();
    const { status, rows } = await get(app, 'membership', {
      ...hello,
      from: t('02:05:00'),
      to: t('02:30:00'),
    });
    expect(status).toBe(200);
    expect(band(rows, 'hello-7d9f-aaaaa')).toEqual([
      [t('02:05:00'), t('02:10:10'), 'ready'],
      [t('02:10:10'), t('02:10:40'), 'terminating'],
    ]);
    expect(band(rows, 'hello-8e0a-eeeee')).toEqual([
      [t('02:10:00'), t('02:10:05'), 'not-ready'],
      [t('02:10:05'), t('02:25:00'), 'ready'],
      // the EndpointSlice gap 02:25–02:27: not recorded, so not "still ready"
      [t('02:25:00'), t('02:27:00'), 'unknown'],
      [t('02:27:00'), t('02:30:00'), 'ready'],
    ]);
    expect(band(rows, 'hello-7d9f-bbbbb').map((r) => r[2])).toEqual([
      'ready',
      'not-ready',
      'ready',
      'unknown',
      'ready',
    ]);
    expect(band(rows, '(not recorded)')).toEqual([[t('02:25:00'), t('02:27:00'), 'unknown']]);
    expect(rows.find((r) => r.pod === 'hello-8e0a-fffff')).toMatchObject({
      ip: '10.244.1.22',
      service: 'default/service-hello',
    });
  });

  it('starts from the set at from when the range opens inside an interval', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'membership', { ...hello, from: t('02:15:10'), to: t('02:15:20') });
    expect(band(rows, 'hello-7d9f-bbbbb')).toEqual([[t('02:15:10'), t('02:15:20'), 'not-ready']]);
    expect(rows.map((r) => r.pod)).toEqual([
      'hello-7d9f-bbbbb',
      'hello-7d9f-ccccc',
      'hello-7d9f-ddddd',
      'hello-8e0a-eeeee',
    ]);
  });

  it('keeps the two endpoints of a dual-stack pod apart by IP', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'membership', {
      namespace: 'default',
      service: 'web-ds',
      from: t('02:30:00'),
      to: t('02:40:00'),
    });
    expect(rows.map((r) => [r.pod, r.ip, r.state])).toEqual([
      ['ds-1', '10.244.2.10', 'ready'],
      ['ds-1', 'fd00::a', 'ready'],
    ]);
  });

  it('names an endpoint without a pod by its IP', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'membership', {
      namespace: 'default',
      service: 'mysql',
      from: t('02:30:00'),
      to: t('02:40:00'),
    });
    expect(rows).toEqual([
      {
        time: t('02:30:00'),
        timeEnd: t('02:40:00'),
        pod: '192.168.111.200',
        ip: '192.168.111.200',
        service: 'default/mysql',
        state: 'ready',
      },
    ]);
  });

  it('drops what ended at from and never leaves an interval open past now', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'membership', {
      namespace: 'shop',
      service: 'cart',
      from: t('02:34:00'),
      to: t('05:00:00'),
    });
    expect(rows.map((r) => [r.pod, r.time, r.timeEnd, r.state])).toEqual([
      ['cart-1', t('02:34:00'), fx.now, 'ready'],
    ]);
  });

  it('rejects a reversed range, a too long range and an unknown service', async () => {
    const app = await fx.app({ limits: { maxRangeMs: 600_000 } });
    expect(
      (await get(app, 'membership', { ...hello, from: t('02:30:00'), to: t('02:00:00') })).body,
    ).toMatchObject({ code: 'EPH_ERR_BAD_RANGE' });
    expect((await get(app, 'membership', { ...hello, from: t('02:00:00'), to: t('02:30:00') })).status).toBe(
      400,
    );
    const small = { from: t('02:30:00'), to: t('02:35:00') };
    expect(
      (await get(app, 'membership', { namespace: 'shop', service: 'service-hello', ...small })).status,
    ).toBe(404);
  });

  it('refuses, rather than truncates, a range with more changes than maxPoints', async () => {
    const app = await fx.app({ limits: { maxPoints: 3 } });
    const res = await get(app, 'membership', { ...hello, from: t('02:05:00'), to: t('02:30:00') });
    expect([res.status, res.body]).toEqual([
      400,
      { error: expect.stringMatching(/narrow the range/), code: 'EPH_ERR_RANGE_TOO_LARGE' },
    ]);
  });
});

describe('endpoints-at', () => {
  it('lists the set at a time, ready and not-ready, with conditions, since, source and completeness', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'endpoints-at', { ...hello, at: '2026-03-01T02:10:15Z' });
    expect(rows.map((r) => [r.pod, r.ready, r.serving, r.terminating])).toEqual([
      ['hello-7d9f-bbbbb', true, true, false],
      ['hello-7d9f-ccccc', true, true, false],
      ['hello-7d9f-ddddd', true, true, false],
      ['hello-8e0a-eeeee', true, true, false],
      ['hello-7d9f-aaaaa', false, true, true],
    ]);
    expect(rows[4]).toMatchObject({
      ip: '10.244.1.22',
      node: 'node-1',
      since: t('02:10:10'),
      source: 'ENDPOINT_SLICES',
      complete: true,
      ports: 'http:8080/TCP',
    });
  });

  it("says a time inside a recording gap is incomplete, and accepts Infinity's trimmed ISO form", async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'endpoints-at', { ...hello, at: '2026-03-01T02:26:00.5Z' });
    expect(rows.length).toBe(5);
    expect(rows.every((r) => r.complete === false)).toBe(true);
  });

  it('defaults to now and rejects a bad time', async () => {
    const app = await fx.app();
    expect(
      (await get(app, 'endpoints-at', { namespace: 'shop', service: 'cart' })).rows.map((r) => r.pod),
    ).toEqual(['cart-1']);
    expect((await get(app, 'endpoints-at', { ...hello, at: '02:10' })).body).toMatchObject({
      code: 'EPH_ERR_BAD_TIME',
    });
  });

  it('rejects a time outside the Date range with EPH_ERR_BAD_TIME instead of answering an empty set', async () => {
    const app = await fx.app();
    for (const at of ['9999999999999999', '-9999999999999999', '+100000000000w']) {
      const { status, body } = await get(app, 'endpoints-at', { ...hello, at });
      expect([status, body], at).toEqual([400, { error: expect.any(String), code: 'EPH_ERR_BAD_TIME' }]);
    }
  });
});
