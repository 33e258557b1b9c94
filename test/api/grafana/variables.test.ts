import { describe, expect, it } from 'vitest';
import { t } from '../../query/incidentRecording.js';
import { useFixture } from './fixture.js';
import { get } from './request.js';

const fx = useFixture();

const range = () => ({ from: t('02:35:00'), to: t('02:40:00') });
const services = (rows: Record<string, unknown>[]) => [...new Set(rows.map((r) => r.service))];

describe('template variables', () => {
  it('lists namespaces as __text/__value options', async () => {
    const app = await fx.app();
    expect((await get(app, 'namespaces', { from: t('02:00:00'), to: t('02:40:00') })).rows).toEqual([
      { __text: 'default', __value: 'default' },
      { __text: 'shop', __value: 'shop' },
    ]);
  });

  it('lists bare service names for one namespace and namespace/name for several', async () => {
    const app = await fx.app();
    expect((await get(app, 'services', { namespace: 'shop' })).rows).toEqual([
      { __text: 'cart', __value: 'cart' },
      { __text: 'empty', __value: 'empty' },
    ]);
    const several = (await get(app, 'services', { namespace: '{default,shop}' })).rows.map((r) => r.__value);
    expect(several).toEqual([
      'default/big',
      'default/legacy',
      'default/mysql',
      'default/service-hello',
      'default/web-ds',
      'shop/cart',
      'shop/empty',
    ]);
    expect((await get(app, 'services', { namespace: 'nowhere' })).rows).toEqual([]);
  });
});

describe('multi-value parameters', () => {
  it('reads a,b and {a,b} and a repeated key alike', async () => {
    const app = await fx.app();
    for (const service of ['cart,empty', '{cart,empty}', ['cart', 'empty']]) {
      const { rows } = await get(app, 'ready-count', { namespace: 'shop', service, ...range() });
      expect(services(rows)).toEqual(['shop/cart', 'shop/empty']);
    }
  });

  it('reads *, $__all and empty as all', async () => {
    const app = await fx.app();
    for (const service of ['*', '$__all', '']) {
      const { rows } = await get(app, 'ready-count', { namespace: 'shop', service, ...range() });
      expect(services(rows)).toEqual(['shop/cart', 'shop/empty']);
    }
  });

  it('finds a bare name in every chosen namespace and takes namespace/name as is', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'ready-count', {
      namespace: '{default,shop}',
      service: '{cart,default/mysql}',
      ...range(),
    });
    expect(services(rows)).toEqual(['default/mysql', 'shop/cart']);
  });

  it('rejects a time parameter given twice and a service recorded nowhere', async () => {
    const app = await fx.app();
    const twice = await get(app, 'outages', { from: [String(t('02:00:00')), String(t('02:10:00'))] });
    expect([twice.status, twice.body]).toEqual([
      400,
      { error: expect.stringMatching(/from was given 2 times/), code: 'EPH_ERR_BAD_ARGUMENT' },
    ]);
    const unknown = await get(app, 'events', { namespace: 'shop', service: 'mysql', ...range() });
    expect([unknown.status, unknown.body]).toEqual([
      404,
      { error: expect.any(String), code: 'EPH_ERR_UNKNOWN_SERVICE' },
    ]);
  });

  it("accepts RFC 3339, Infinity's trimmed ISO form, now and relative times", async () => {
    const app = await fx.app();
    const forms = [
      { from: '2026-03-01T02:35:00Z', to: '2026-03-01T02:40:00.5Z' },
      { from: '2026-03-01T04:35:00+02:00', to: '-20m' },
      { from: '-25m', to: 'now' },
    ];
    for (const f of forms)
      expect((await get(app, 'ready-count', { namespace: 'shop', service: 'cart', ...f })).status).toBe(200);
  });
});

describe('errors of the Grafana routes', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const app = await fx.app();
    const res = await app.inject('/api/grafana/v1/series');
    expect([res.statusCode, res.json()]).toEqual([
      404,
      { error: 'no Grafana route GET /api/grafana/v1/series', code: 'EPH_ERR_NOT_FOUND' },
    ]);
  });

  it('leaves 401 to the bearer-token check', async () => {
    const app = await fx.app({ authToken: 'sekret' });
    expect((await app.inject('/api/grafana/v1/namespaces')).statusCode).toBe(401);
    const ok = await app.inject({
      url: '/api/grafana/v1/namespaces',
      headers: { authorization: 'Bearer sekret' },
    });
    expect(ok.statusCode).toBe(200);
  });
});
