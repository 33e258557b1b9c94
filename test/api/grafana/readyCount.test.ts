// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Grafana template variables are literal text here
import { describe, expect, it } from 'vitest';
import { t } from '../../query/incidentRecording.js';
import { useFixture } from './fixture.js';
import { get } from './request.js';

const fx = useFixture();

const hello = { namespace: 'default', service: 'service-hello' };

describe('ready-count as change points', () => {
  it('returns the value at from, every change, and an anchor at to, labelled namespace/name', async () => {
    const app = await fx.app();
    const { status, rows } = await get(app, 'ready-count', {
      ...hello,
      from: t('02:05:00'),
      to: t('02:30:00'),
      step: 30000,
    });
    expect(status).toBe(200);
    expect(rows.map((r) => [r.time, r.ready, r.notReady])).toEqual([
      [t('02:05:00'), 4, 0],
      [t('02:10:00'), 4, 1],
      [t('02:10:05'), 5, 0],
      [t('02:10:10'), 4, 1],
      [t('02:10:40'), 4, 0],
      [t('02:15:00'), 3, 1],
      [t('02:15:30'), 4, 0],
      [t('02:20:05'), 5, 0],
      // the EndpointSlice gap: a gap in the series, not a count
      [t('02:25:00'), null, null],
      [t('02:27:00'), 5, 0],
      [t('02:30:00'), 5, 0],
    ]);
    expect(
      rows.every(
        (r) => r.service === 'default/service-hello' && r.readyMin === r.ready && r.readyMax === r.ready,
      ),
    ).toBe(true);
  });

  it('gives several services one dense shared grid, with explicit zeros before a service existed', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'ready-count', {
      service: 'default/service-hello,shop/cart',
      from: t('02:25:00'),
      to: t('02:40:00'),
    });
    const times = [
      t('02:25:00'),
      t('02:27:00'),
      t('02:30:00'),
      t('02:32:00'),
      t('02:33:00'),
      t('02:34:00'),
      t('02:40:00'),
    ];
    expect(rows.map((r) => [r.time, r.service])).toEqual(
      times.flatMap((x) => [
        [x, 'default/service-hello'],
        [x, 'shop/cart'],
      ]),
    );
    const cart = rows.filter((r) => r.service === 'shop/cart').map((r) => [r.ready, r.notReady]);
    expect(cart).toEqual([
      // cart has no slice history yet: the slice gap leaves its (EndpointSlice-sourced) count unknown
      [null, null],
      [0, 0],
      [2, 0],
      [0, 2],
      [1, 1],
      [1, 0],
      [1, 0],
    ]);
  });

  it('answers explicit zeros for a service that never had an endpoint, never a missing series', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'ready-count', {
      namespace: 'shop',
      service: 'empty',
      from: t('02:30:00'),
      to: t('02:50:00'),
    });
    expect(rows).toEqual([
      { time: t('02:30:00'), service: 'shop/empty', ready: 0, notReady: 0, readyMin: 0, readyMax: 0 },
      { time: t('02:50:00'), service: 'shop/empty', ready: 0, notReady: 0, readyMin: 0, readyMax: 0 },
    ]);
  });
});

describe('ready-count in buckets, past maxPoints', () => {
  it('falls back to a server-chosen step for a non-numeric step and keeps last, min and max per bucket', async () => {
    const app = await fx.app({ limits: { maxPoints: 5 } });
    const { status, rows } = await get(app, 'ready-count', {
      ...hello,
      from: t('02:00:00'),
      to: t('02:30:00'),
      step: '${__interval_ms}',
    });
    expect(status).toBe(200);
    // ceil(30 min / 5) = 6 min, raised so alignment cannot exceed 5 buckets: ceil(30 min / 3) = 10 min.
    expect(rows.map((r) => [r.time, r.ready, r.readyMin, r.readyMax])).toEqual([
      [t('02:00:00'), 4, 4, 4],
      [t('02:10:00'), 4, 3, 5],
      // holds the 02:25–02:27 EndpointSlice gap: a dip there would be unseen, so no value at all
      [t('02:20:00'), null, null, null],
      [t('02:30:00'), 5, 5, 5],
    ]);
    expect(rows.length).toBeLessThanOrEqual(5);
  });

  it('uses the asked step when it fits, aligned to multiples of it, as ms or as a duration', async () => {
    const app = await fx.app({ limits: { maxPoints: 5 } });
    for (const step of ['1200000', '20m']) {
      const { rows } = await get(app, 'ready-count', {
        ...hello,
        from: t('02:05:00'),
        to: t('02:30:00'),
        step,
      });
      expect(rows.map((r) => [r.time, r.ready, r.readyMin, r.readyMax])).toEqual([
        [t('02:00:00'), 4, 3, 5],
        [t('02:20:00'), null, null, null],
      ]);
    }
  });

  it('raises a step too small for the range rather than returning more than maxPoints buckets', async () => {
    const app = await fx.app({ limits: { maxPoints: 5 } });
    const { rows } = await get(app, 'ready-count', {
      ...hello,
      from: t('02:00:00'),
      to: t('02:30:00'),
      step: 1,
    });
    expect(rows.length).toBeLessThanOrEqual(5);
  });
});

describe('ready-count input and range', () => {
  it('rejects a step that is a number but not positive, or longer than the longest range', async () => {
    const app = await fx.app();
    for (const step of ['0', '-5', '-1m', `1${'0'.repeat(300)}`, '32d']) {
      const { status, body } = await get(app, 'ready-count', { ...hello, step });
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: 'EPH_ERR_BAD_STEP' });
    }
  });

  it('answers no rows for a range wholly in the future and stops a range at now', async () => {
    const app = await fx.app();
    expect(
      (await get(app, 'ready-count', { ...hello, from: t('03:10:00'), to: t('03:20:00') })).rows,
    ).toEqual([]);
    const { rows } = await get(app, 'ready-count', { ...hello, from: t('02:50:00'), to: t('04:00:00') });
    expect(rows.at(-1)!.time).toBe(fx.now);
  });

  it('defaults to the last hour up to now', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'ready-count', hello);
    expect([rows[0]!.time, rows.at(-1)!.time]).toEqual([fx.now - 3_600_000, fx.now]);
  });

  it('rejects bad times, reversed ranges, too long ranges and unknown services with their codes', async () => {
    const app = await fx.app({ limits: { maxRangeMs: 3_600_000 } });
    const cases: [Record<string, string | number>, number, string][] = [
      [{ from: 'yesterday' }, 400, 'EPH_ERR_BAD_TIME'],
      [{ from: '-100000000000w' }, 400, 'EPH_ERR_BAD_TIME'],
      [{ to: '9999999999999999' }, 400, 'EPH_ERR_BAD_TIME'],
      [{ from: t('02:30:00'), to: t('02:00:00') }, 400, 'EPH_ERR_BAD_RANGE'],
      [{ from: t('00:00:00'), to: t('02:00:00') }, 400, 'EPH_ERR_RANGE_TOO_LARGE'],
      [{ service: 'nope' }, 404, 'EPH_ERR_UNKNOWN_SERVICE'],
    ];
    for (const [params, status, code] of cases) {
      const res = await get(app, 'ready-count', { ...hello, ...params });
      expect([res.status, res.body]).toEqual([status, { error: expect.any(String), code }]);
    }
  });
});
