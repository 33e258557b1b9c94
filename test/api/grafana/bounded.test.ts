import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, DEFAULT_LIMITS } from '../../../src/api/index.js';
import { loadDashboard, loadDatasources, shippedTargets } from './dashboard.js';
import { expectLongToWideReady, expectSortedByTime } from './frameChecks.js';
import { infinityUrl, type Scene } from './infinity.js';
import { type ManyServices, recordManyServices } from './manyServices.js';
import { get, type Row } from './request.js';

const dashboard = loadDashboard();
const targets = shippedTargets(dashboard);
const base = loadDatasources().datasources[0]!.url;

let fx: ManyServices;
let app: FastifyInstance;
beforeAll(async () => {
  fx = await recordManyServices(400, 3);
  app = await buildApp({ history: fx.history, now: () => fx.to });
});
afterAll(async () => {
  await app.close();
  fx.history.close();
  await fx.store.close();
});

/** The default dashboard over the recorded hour, Namespace and Service on All; 3.6 s is Grafana's interval for 1 h on a 1000-pixel panel. */
const scene = (): Scene => ({
  name: 'default dashboard, All',
  from: fx.from,
  to: fx.to,
  intervalMs: 3600,
  variables: { cluster: ['test'], namespace: 'All', service: 'All' },
});

/** A byte budget per row far above any real row (the largest, an annotation, is ~250 bytes). */
const BYTES_PER_ROW = 400;

describe('bounded answers: the default dashboard with Service = All on 400 services', () => {
  it('answers 8 concurrent loads of every dashboard query within the row cap', async () => {
    const load = () =>
      Promise.all(
        targets.map(async (target) => {
          const url = infinityUrl(base, target.query, dashboard.templating.list, scene());
          const res = await app.inject(url.pathname + url.search);
          return {
            where: target.where,
            status: res.statusCode,
            bytes: res.rawPayload.length,
            body: res.body,
          };
        }),
      );
    const answers = (await Promise.all(Array.from({ length: 8 }, load))).flat();
    expect(answers).toHaveLength(8 * targets.length);
    for (const a of answers) {
      expect(a.status, `${a.where}: ${a.body.slice(0, 200)}`).toBe(200);
      const rows = JSON.parse(a.body) as Row[];
      expect(rows.length, a.where).toBeLessThanOrEqual(DEFAULT_LIMITS.maxRows);
      expect(a.bytes, a.where).toBeLessThanOrEqual(DEFAULT_LIMITS.maxRows * BYTES_PER_ROW);
    }
    const ready = answers.find((a) => a.where.includes('Ready endpoints'))!;
    expect(new Set((JSON.parse(ready.body) as Row[]).map((r) => r.service)).size).toBe(400);
  }, 120_000); // 64 requests answering up to 5 MB each: minutes on a loaded 2-core machine, not a timing

  it('keeps every service as a dense series in ready-count by widening the step, and says so', async () => {
    const res = await app.inject(
      `/api/grafana/v1/ready-count?namespace=load&from=${fx.from}&to=${fx.to}&step=3600`,
    );
    expect(res.statusCode).toBe(200);
    const rows = res.json() as Row[];
    expect(rows.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxRows);
    const target = targets.find((t) => t.query.url.endsWith('/ready-count'))!;
    expectSortedByTime(rows, 'ready-count');
    expectLongToWideReady(rows, target.query, 'ready-count');
    const step = Number(res.headers['x-eph-step']);
    expect(step).toBeGreaterThan(3600);
    expect(new Set(rows.map((r) => r.time)).size).toBeLessThanOrEqual(
      Math.ceil((fx.to - fx.from) / step) + 2,
    );
    expect(res.headers.warning).toMatch(/^299 - ".*step widened from 3600 ms/);
    // a flap inside a widened bucket stays visible in readyMin
    expect(rows.some((r) => (r.readyMin as number) < (r.readyMax as number))).toBe(true);
  });

  it('asks for no widening when the grid fits: one service keeps its change points and no Warning', async () => {
    const res = await app.inject(
      `/api/grafana/v1/ready-count?namespace=load&service=svc-7&from=${fx.from}&to=${fx.to}&step=3600`,
    );
    expect(res.headers.warning).toBeUndefined();
    expect((res.json() as Row[]).length).toBe(5); // the value at from, 3 changes, the anchor at to
  });
});

describe('bounded answers: refusals instead of truncated answers', () => {
  let small: FastifyInstance;
  beforeAll(async () => {
    small = await buildApp({ history: fx.history, now: () => fx.to, limits: { maxRows: 300 } });
  });
  afterAll(() => small.close());

  it('refuses ready-count with EPH_ERR_TOO_MANY_ROWS when even the widest step leaves too few points', async () => {
    const { status, body } = await get(small, 'ready-count', { namespace: 'load', from: fx.from, to: fx.to });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'EPH_ERR_TOO_MANY_ROWS' });
  });

  it('refuses the row routes past the cap rather than cutting them short', async () => {
    for (const route of ['membership', 'endpoints-at', 'events', 'services']) {
      const { status, body } = await get(small, route, { namespace: 'load', from: fx.from, to: fx.to });
      expect([route, status, (body as { code?: string }).code]).toEqual([
        route,
        400,
        'EPH_ERR_TOO_MANY_ROWS',
      ]);
    }
  });

  it('refuses a GraphQL list longer than the cap with EPH_ERR_TOO_MANY_ROWS on its field', async () => {
    const tiny = await buildApp({ history: fx.history, now: () => fx.to, limits: { maxRows: 100 } });
    try {
      const r = await tiny.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query: '{ services { name } }' },
      });
      const body = r.json() as { data: unknown; errors: { path: string[]; extensions: { code: string } }[] };
      expect(body.errors.map((e) => [e.path, e.extensions.code])).toEqual([
        [['services'], 'EPH_ERR_TOO_MANY_ROWS'],
      ]);
    } finally {
      await tiny.close();
    }
  });
});
