import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import { KINDS } from '../../../src/model/types.js';
import { cli } from '../../cli/helpers.js';
import { historyOf, openTestStore } from '../../helpers/backend.js';
import { rawService, rawSlice, Timeline } from '../../helpers/k8s.js';
import { INCIDENT_NOW, t } from '../../query/incidentRecording.js';
import { useFixture } from './fixture.js';
import { get } from './request.js';

const fx = useFixture();

const cart = { namespace: 'shop', service: 'cart' };

describe('events (annotations)', () => {
  it('marks each instant of membership changes with one point annotation, titled and tagged', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'events', {
      ...cart,
      from: t('02:30:00'),
      to: t('02:40:00'),
      type: 'change',
    });
    expect(rows.map((r) => [r.time, r.timeEnd, r.title, r.tags])).toEqual([
      [t('02:30:00'), t('02:30:00'), 'shop/cart: 2 endpoint changes', 'change,added,shop/cart'],
      [t('02:32:00'), t('02:32:00'), 'shop/cart: 2 endpoint changes', 'change,changed,shop/cart'],
      [
        t('02:33:00'),
        t('02:33:00'),
        'shop/cart: cart-1 (10.244.5.1) ready false→true, serving false→true',
        'change,changed,shop/cart',
      ],
      [
        t('02:34:00'),
        t('02:34:00'),
        'shop/cart: cart-2 (10.244.5.2) left (was not ready on node-1)',
        'change,removed,shop/cart',
      ],
    ]);
    expect(rows[1]!.text).toBe(
      'cart-1 (10.244.5.1) ready true→false, serving true→false; cart-2 (10.244.5.2) ready true→false, serving true→false',
    );
  });

  it('marks an outage as a region from its start to its end', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'events', {
      ...cart,
      from: t('02:30:00'),
      to: t('02:40:00'),
      type: 'outage',
    });
    expect(rows).toEqual([
      {
        time: t('02:32:00'),
        timeEnd: t('02:33:00'),
        title: 'shop/cart: no ready endpoints',
        text: 'no ready endpoints for 1m',
        tags: 'outage,shop/cart',
        service: 'shop/cart',
        kind: 'outage',
      },
    ]);
  });

  it('answers "when did pod Y leave": pod= keeps that pod\'s changes only, and no outages', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'events', {
      ...cart,
      pod: 'cart-2',
      from: t('02:30:00'),
      to: t('02:40:00'),
    });
    expect(rows.map((r) => [r.time, r.text])).toEqual([
      [t('02:30:00'), 'cart-2 (10.244.5.2) joined, ready on node-1'],
      [t('02:32:00'), 'cart-2 (10.244.5.2) ready true→false, serving true→false'],
      [t('02:34:00'), 'cart-2 (10.244.5.2) left (was not ready on node-1)'],
    ]);
    const both = await get(app, 'events', {
      ...cart,
      pod: 'cart-1,cart-2',
      from: t('02:30:00'),
      to: t('02:40:00'),
    });
    expect(both.rows.map((r) => r.kind)).toEqual(['change', 'change', 'change', 'change']);
    const all = await get(app, 'events', { ...cart, pod: '$__all', from: t('02:30:00'), to: t('02:40:00') });
    expect(all.rows).toHaveLength(5);
  });

  it("describes a change in the CLI history's words: a terminating endpoint that stops serving says so", async () => {
    // hello-7d9f-aaaaa terminates at 02:10:10 (still serving), then stops serving at 02:10:30
    const { store, path } = await openTestStore();
    const tl = new Timeline(t('02:00:00'));
    const slice = (serving: boolean, terminating: boolean) =>
      rawSlice({
        uid: 'slice-t',
        name: 'term-abc',
        service: 'term',
        endpoints: [
          {
            ip: '10.7.0.1',
            pod: { name: 'term-1', uid: 'uid-t1' },
            ready: !terminating,
            serving,
            terminating,
          },
        ],
      });
    await store.append({
      observations: [],
      coverage: KINDS.map((kind) => ({
        op: 'open',
        cluster: 'test',
        kind,
        at: t('01:59:00'),
        reason: 'list',
      })),
    });
    await tl.put(
      store,
      t('02:00:00'),
      (x) => x.obs('Service', 'ADDED', rawService({ uid: 'svc-t', name: 'term' })),
      (x) => x.obs('EndpointSlice', 'ADDED', slice(true, false)),
    );
    await tl.put(store, t('02:10:10'), (x) => x.obs('EndpointSlice', 'MODIFIED', slice(true, true)));
    await tl.put(store, t('02:10:30'), (x) => x.obs('EndpointSlice', 'MODIFIED', slice(false, true)));
    const history = await historyOf(store, path, INCIDENT_NOW);
    const app = await buildApp({ history, now: () => INCIDENT_NOW });
    let closed = false;
    try {
      const { rows } = await get(app, 'events', {
        namespace: 'default',
        service: 'term',
        from: t('02:10:00'),
        to: t('02:20:00'),
        type: 'change',
      });
      expect(rows.map((r) => r.text)).toEqual([
        'term-1 (10.7.0.1) ready true→false, terminating false→true',
        'term-1 (10.7.0.1) serving true→false',
      ]);
      await store.close();
      closed = true;
      const cliHistory = await cli(
        [
          'history',
          'svc',
          'term',
          '--from',
          '2026-03-01T02:10:00Z',
          '--to',
          '2026-03-01T02:20:00Z',
          '--db',
          path,
        ],
        INCIDENT_NOW,
      );
      for (const r of rows)
        expect(cliHistory.stdout).toContain((r.text as string).replace('term-1 (10.7.0.1) ', ''));
    } finally {
      await app.close();
      history.close();
      if (!closed) await store.close();
    }
  });

  it('gives both kinds by default, sorted by time, and rejects an unknown type', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'events', { ...cart, from: t('02:30:00'), to: t('02:40:00') });
    expect(rows.map((r) => r.kind)).toEqual(['change', 'change', 'outage', 'change', 'change']);
    expect((await get(app, 'events', { ...cart, type: 'deploy' })).body).toMatchObject({
      code: 'EPH_ERR_BAD_ARGUMENT',
    });
  });
});

describe('outages', () => {
  it('lists zero-ready intervals per service, clipped and flagged ongoing when they reach the end', async () => {
    const app = await fx.app();
    expect(
      (await get(app, 'outages', { namespace: 'shop', from: t('02:30:00'), to: t('02:32:30') })).rows,
    ).toEqual(
      [
        {
          time: t('02:32:00'),
          timeEnd: t('02:32:30'),
          service: 'shop/cart',
          durationMs: 30_000,
          ongoing: true,
          complete: true,
        },
        {
          time: t('02:30:00'),
          timeEnd: t('02:32:30'),
          service: 'shop/empty',
          durationMs: 150_000,
          ongoing: true,
          complete: true,
        },
      ].sort((a, b) => a.time - b.time),
    );
  });

  it('rejects a reversed range', async () => {
    const app = await fx.app();
    expect((await get(app, 'outages', { from: 'now', to: '-1h' })).body).toMatchObject({
      code: 'EPH_ERR_BAD_RANGE',
    });
  });
});

describe('coverage', () => {
  it('returns recording gaps as regions within the range, filtered by kind', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'coverage', {
      from: t('02:00:00'),
      to: t('02:40:00'),
      kind: '{EndpointSlice,Endpoints}',
    });
    expect(rows).toEqual([
      expect.objectContaining({
        time: t('02:25:00'),
        timeEnd: t('02:27:00'),
        kind: 'EndpointSlice',
        reason: 'stream-broken',
        tags: 'gap,EndpointSlice,stream-broken',
      }),
    ]);
  });

  it('shades the time before recording started, and rejects an unknown kind', async () => {
    const app = await fx.app();
    const { rows } = await get(app, 'coverage', { from: t('01:50:00'), to: t('02:00:00'), kind: 'Pod' });
    expect(rows.map((r) => [r.time, r.timeEnd, r.reason])).toEqual([
      [t('01:50:00'), t('01:59:00'), 'not-recording'],
    ]);
    expect((await get(app, 'coverage', { kind: 'Deployment' })).status).toBe(400);
  });

  it('says the whole range is unknown when nothing was recorded, while variables list nothing', async () => {
    const { store, path } = await openTestStore();
    const now = INCIDENT_NOW;
    const history = await historyOf(store, path, now);
    const app = await buildApp({ history, now: () => now });
    const { rows } = await get(app, 'coverage', { from: now - 60_000, to: now, kind: 'EndpointSlice' });
    expect(rows.map((r) => [r.time, r.timeEnd, r.reason])).toEqual([[now - 60_000, now, 'not-recording']]);
    expect((await get(app, 'namespaces')).rows).toEqual([]);
    expect((await get(app, 'services', { namespace: 'default' })).rows).toEqual([]);
    expect((await get(app, 'ready-count', {})).rows).toEqual([]);
    await app.close();
    history.close();
    await store.close();
  });
});
