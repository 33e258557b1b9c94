import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { HealthReport } from '../model/index.js';
import { PUBLIC_ROUTE } from './publicRoute.js';

export interface HealthRoutesOptions {
  health: () => HealthReport;
  registry?: Registry;
  /** Metrics kept by another thread (the recorder's, in `run`), appended to the registry's. */
  moreMetrics?: () => Promise<string>;
  /** Serve /metrics without the bearer token (`--metrics-public`); /healthz never needs it. */
  metricsPublic?: boolean;
  /** A recorder still `starting` after this long is reported unhealthy (default 60 s). */
  startingGraceMs?: number;
  now?: () => number;
}

/**
 * `GET /healthz`: 200 with the per-kind report while the recorder is ok or degraded (or starting
 * within the grace period); 503, with a `reason`, when writes to the database fail (nothing is being
 * recorded), when it has been starting too long, when every kind is failing, or when the recorder's
 * thread has died or gone silent. The report is a snapshot (`health()` never waits for the
 * recorder), so a probe is answered even while the recorder is busy.
 * `GET /metrics`: the registry in Prometheus text format, then `moreMetrics`. /healthz is public
 * (probes carry no token); /metrics only when `metricsPublic`, as a scraper may not be given the token.
 */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRoutesOptions): void {
  const grace = options.startingGraceMs ?? 60_000;
  const now = options.now ?? Date.now;
  app.get('/healthz', { config: PUBLIC_ROUTE }, async (_req, reply) => {
    const report = options.health();
    const states = Object.values(report.kinds);
    const allFailing =
      states.length > 0 &&
      states.every((k) => k.state === 'backoff' || k.state === 'forbidden' || k.state === 'stopped');
    const stuckStarting =
      report.status === 'starting' && report.startedAt !== null && now() - report.startedAt > grace;
    const storage = report.storage;
    const thread = report.thread;
    const reasons = [
      ...(storage !== undefined && !storage.ok
        ? [
            `writes to the database fail${storage.failingSince === null ? '' : ` since ${new Date(storage.failingSince).toISOString()}`}: ${storage.lastError ?? 'unknown error'}`,
          ]
        : []),
      ...(thread !== undefined && thread.state !== 'running'
        ? [
            `the recorder thread ${thread.state === 'exited' ? `exited${thread.error ? `: ${thread.error}` : ''}` : 'stopped reporting'}`,
          ]
        : []),
      ...(stuckStarting ? [`still listing after ${Math.round(grace / 1000)} s`] : []),
      ...(allFailing ? ['every kind is failing'] : []),
    ];
    if (reasons.length === 0) return reply.code(200).send(report);
    return reply.code(503).send({ ...report, reason: reasons.join('; ') });
  });
  if (options.registry !== undefined) {
    const registry = options.registry;
    const more = options.moreMetrics;
    app.get('/metrics', { config: { public: options.metricsPublic === true } }, async (_req, reply) => {
      const [own, other] = await Promise.all([registry.metrics(), more ? more() : '']);
      return reply.header('content-type', registry.contentType).send(other ? `${own}\n${other}` : own);
    });
  }
}
