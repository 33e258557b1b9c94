import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerHealthRoutes } from '../../src/api/health.js';
import type { HealthReport } from '../../src/watch/index.js';

const kind = (state: 'watching' | 'backoff' | 'listing') => ({
  state,
  lastEventAt: null,
  lastError: null,
  watchRestarts: 0,
  relists: 1,
});

async function get(report: HealthReport, url: string, now = 0) {
  const app = Fastify();
  const registry = new Registry();
  registerHealthRoutes(app, { health: () => report, registry, now: () => now });
  const res = await app.inject({ method: 'GET', url });
  await app.close();
  return res;
}

describe('health routes', () => {
  it('answers 200 with the per-kind report while degraded', async () => {
    const res = await get(
      { status: 'degraded', startedAt: 0, kinds: { Pod: kind('watching'), Service: kind('backoff') } },
      '/healthz',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().kinds.Service.state).toBe('backoff');
  });

  it('answers 503 when every kind is failing', async () => {
    const res = await get({ status: 'degraded', startedAt: 0, kinds: { Pod: kind('backoff') } }, '/healthz');
    expect(res.statusCode).toBe(503);
  });

  it('answers 503 with the reason while writes to the database fail, whatever the kinds say', async () => {
    const res = await get(
      {
        status: 'degraded',
        startedAt: 0,
        kinds: { Pod: kind('watching') },
        storage: { ok: false, failingSince: 0, lastError: 'SqliteError: database or disk is full' },
      },
      '/healthz',
    );
    expect(res.statusCode).toBe(503);
    expect(res.json().reason).toBe(
      'writes to the database fail since 1970-01-01T00:00:00.000Z: SqliteError: database or disk is full',
    );
  });

  it('answers 503 when still starting after the 60 s grace period, 200 within it', async () => {
    const report: HealthReport = { status: 'starting', startedAt: 0, kinds: { Pod: kind('listing') } };
    expect((await get(report, '/healthz', 30_000)).statusCode).toBe(200);
    expect((await get(report, '/healthz', 61_000)).statusCode).toBe(503);
  });

  it('serves the registry as Prometheus text on /metrics', async () => {
    const res = await get({ status: 'ok', startedAt: 0, kinds: {} }, '/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
  });
});
