import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/api/index.js';
import type { History } from '../../../src/query/index.js';
import type { Store } from '../../../src/store/index.js';
import { historyOf } from '../../helpers/backend.js';
import { BEFORE_RECORDING, recordGaps, SERVICE_GAP, WEB_DS_DELETED } from '../../query/gapScenario.js';
import { INCIDENT_NOW, t } from '../../query/incidentRecording.js';
import { expectBandsDisjoint, expectLongToWideReady } from './frameChecks.js';
import { get } from './request.js';

// the incident recording (all kinds listed at 01:59, an EndpointSlice gap 02:25–02:27) plus a Pod gap
// 02:40–02:45 and a Service gap 02:50–02:56 during which web-ds was deleted (test/query/gapScenario.ts).
let store: Store;
let history: History;
let app: FastifyInstance;
beforeAll(async () => {
  const rec = await recordGaps();
  store = rec.store;
  history = await historyOf(store, rec.path, INCIDENT_NOW);
  app = await buildApp({
    history,
    now: () => INCIDENT_NOW,
  });
});
afterAll(async () => {
  await app.close();
  history.close();
  await store.close();
});

const webDs = { namespace: 'default', service: 'web-ds' };
const UNKNOWN = { ready: null, notReady: null, readyMin: null, readyMax: null };

describe('Grafana routes over unrecorded time', () => {
  it('answers ready-count with nulls, a gap in the series, before recording began and in a gap', async () => {
    const { rows } = await get(app, 'ready-count', { ...webDs, from: t('01:50:00'), to: t('02:58:00') });
    expect(rows.map((r) => [r.time, r.ready])).toEqual([
      [t('01:50:00'), null],
      [t('01:59:00'), 0],
      [t('02:03:00'), 2],
      [t('02:25:00'), null],
      [t('02:27:00'), 2],
      [SERVICE_GAP.from, null],
      [WEB_DS_DELETED, null],
      [SERVICE_GAP.to, 0],
      [t('02:58:00'), 0],
    ]);
    for (const r of rows) if (r.ready === null) expect(r).toMatchObject(UNKNOWN);
  });

  it('answers nulls, not zeros, for a range wholly before recording began', async () => {
    const { status, rows } = await get(app, 'ready-count', {
      namespace: 'default',
      service: 'service-hello',
      from: t('01:00:00'),
      to: t('01:30:00'),
    });
    expect(status).toBe(200);
    expect(rows.map((r) => r.ready)).toEqual([null, null]);
  });

  it('keeps the grid dense and null-consistent for every service at once', async () => {
    const { rows } = await get(app, 'ready-count', {
      namespace: '*',
      service: '*',
      from: t('01:50:00'),
      to: t('03:00:00'),
    });
    expectLongToWideReady(
      rows,
      { columns: [{ selector: 'service', text: 'service', type: 'string' }] } as never,
      'all',
    );
    for (const r of rows) if ([r.ready, r.readyMin].includes(null)) expect(r).toMatchObject(UNKNOWN);
  });

  it('shows unrecorded time in the state timeline as unknown: the pods and a band of the service', async () => {
    const { rows } = await get(app, 'membership', { ...webDs, from: t('02:45:00'), to: t('02:58:00') });
    const band = (pod: string) =>
      rows.filter((r) => r.pod === pod).map((r) => [r.ip, r.time, r.timeEnd, r.state]);
    expect(band('ds-1')).toEqual([
      ['10.244.2.10', t('02:45:00'), SERVICE_GAP.from, 'ready'],
      ['fd00::a', t('02:45:00'), SERVICE_GAP.from, 'ready'],
      // the slices' deletion was seen at 02:52, but whether the service still existed was not
      ['10.244.2.10', SERVICE_GAP.from, WEB_DS_DELETED, 'unknown'],
      ['fd00::a', SERVICE_GAP.from, WEB_DS_DELETED, 'unknown'],
    ]);
    expect(band('(not recorded)')).toEqual([['', SERVICE_GAP.from, SERVICE_GAP.to, 'unknown']]);
    expectBandsDisjoint(rows, ['service', 'pod', 'ip'], 'membership');
    const before = await get(app, 'membership', { ...webDs, from: t('01:50:00'), to: t('02:05:00') });
    expect(before.rows.find((r) => r.pod === '(not recorded)')).toMatchObject({
      time: t('01:50:00'),
      timeEnd: t('01:59:00'),
      state: 'unknown',
    });
  });

  it('shows an unknown empty set at a time as one (not recorded) row, never as no row', async () => {
    const inGap = await get(app, 'endpoints-at', { ...webDs, at: WEB_DS_DELETED + 60_000 });
    expect(inGap.rows).toEqual([
      {
        service: 'default/web-ds',
        pod: '(not recorded)',
        ip: '',
        node: null,
        zone: null,
        ready: null,
        serving: null,
        terminating: null,
        since: null,
        source: 'ENDPOINT_SLICES',
        complete: false,
        ports: '',
      },
    ]);
    const before = await get(app, 'endpoints-at', { namespace: 'default', at: BEFORE_RECORDING });
    expect(before.rows.map((r) => [r.service, r.pod, r.complete])).toEqual([
      ['default/big', '(not recorded)', false],
      ['default/legacy', '(not recorded)', false],
      ['default/mysql', '(not recorded)', false],
      ['default/service-hello', '(not recorded)', false],
      ['default/web-ds', '(not recorded)', false],
    ]);
    // once the relist told of the deletion, the empty set is certain: no row
    expect((await get(app, 'endpoints-at', { ...webDs, at: SERVICE_GAP.to + 1 })).rows).toEqual([]);
  });

  it('marks an outage that falls in the Service gap incomplete, in the table and the annotation', async () => {
    const range = { ...webDs, from: t('02:45:00'), to: t('02:58:00') };
    expect((await get(app, 'outages', range)).rows).toEqual([
      {
        time: WEB_DS_DELETED,
        timeEnd: SERVICE_GAP.to,
        service: 'default/web-ds',
        durationMs: SERVICE_GAP.to - WEB_DS_DELETED,
        ongoing: false,
        complete: false,
      },
    ]);
    const { rows } = await get(app, 'events', { ...range, type: 'outage' });
    expect(rows.map((r) => r.tags)).toEqual(['outage,default/web-ds,incomplete']);
  });
});
