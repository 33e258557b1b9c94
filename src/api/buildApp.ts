import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Registry } from 'prom-client';
import type { HealthReport } from '../model/index.js';
import type { History } from '../query/index.js';
import { registerAuth } from './auth.js';
import { clientErrorHandler } from './clientErrorHandler.js';
import type { ApiContext } from './context.js';
import { frameworkErrors } from './frameworkErrors.js';
import { registerGrafana } from './grafana/index.js';
import { registerGraphql } from './graphql/index.js';
import { registerHealthRoutes } from './health.js';
import { type ApiLimits, DEFAULT_LIMITS } from './limits.js';
import { registerQueryTurns } from './QueryTurns.js';
import { registerHttpErrors } from './registerHttpErrors.js';
import { registerUi, type WebAssets } from './ui/index.js';

export interface BuildAppOptions {
  history: History;
  now?: () => number;
  /**
   * When set, every route but /healthz (and those declared `config: PUBLIC_ROUTE`) requires the token,
   * as `Authorization: Bearer <token>` or the `eph_token` cookie.
   */
  authToken?: string | null;
  /** With a token: serve /metrics without it (`--metrics-public`). */
  metricsPublic?: boolean;
  /** CORS origin(s); false (default) sends no CORS headers. */
  cors?: boolean | string | string[];
  /** The recorder's health when this process records; a serve-only process reports the database. */
  health?: () => HealthReport;
  registry?: Registry;
  /** Metrics another thread keeps (the recorder's in `run`), appended to `registry`'s on /metrics. */
  moreMetrics?: () => Promise<string>;
  limits?: Partial<ApiLimits>;
  logger?: FastifyServerOptions['logger'];
  /** How often GraphQL subscriptions poll the database for new changes (default 250 ms). */
  subscriptionPollMs?: number;
  /** The built web UI (default: `dist/web` beside package.json). */
  webAssets?: WebAssets;
}

/**
 * Builds the read-only HTTP app (GraphQL, Grafana JSON routes, the web UI, health and metrics) without listening:
 * tests call `app.inject()`, only the CLI calls `listen`.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1_048_576,
    clientErrorHandler,
    frameworkErrors,
  });
  const ctx: ApiContext = {
    history: options.history,
    now: options.now ?? (() => options.history.now()),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  };
  if (options.cors) await app.register(cors, { origin: options.cors, methods: ['GET', 'POST', 'OPTIONS'] });
  // a root onRequest hook: it covers every route of the app, registered before or after it, in any
  // plugin, and the 404s
  registerAuth(app, options.authToken ?? null);
  registerHttpErrors(app);
  registerQueryTurns(app);
  const health = options.health ?? ((): HealthReport => ({ status: 'ok', startedAt: null, kinds: {} }));
  registerHealthRoutes(app, {
    health,
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.moreMetrics ? { moreMetrics: options.moreMetrics } : {}),
    metricsPublic: options.metricsPublic ?? false,
  });
  await registerGraphql(
    app,
    ctx,
    options.subscriptionPollMs === undefined ? {} : { pollIntervalMs: options.subscriptionPollMs },
  );
  await registerGrafana(app, ctx);
  await registerUi(app, ctx, {
    metrics: options.registry !== undefined,
    ...(options.webAssets ? { assets: options.webAssets } : {}),
  });
  return app;
}
