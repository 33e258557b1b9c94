import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { buildApp } from '../../api/index.js';
import type { History } from '../../query/index.js';
import type { HealthReport } from '../../watch/index.js';
import type { ApiSettings } from './apiFlags.js';
import type { RecordingSession } from './startRecording.js';

export interface StartApiServerOptions extends ApiSettings {
  history: History;
  health?: () => HealthReport;
  registry?: Registry;
  moreMetrics?: () => Promise<string>;
}

/** A listening API server. */
export interface ApiServer {
  /** Base URL with the port actually bound (a `--port 0` resolves here). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the read-only app over `history` and listens on host:port. The URL printed to users names
 * 127.0.0.1 when listening on every address, so that it can be pasted into a local browser.
 */
export async function startApiServer(options: StartApiServerOptions): Promise<ApiServer> {
  const app = await buildApp({
    history: options.history,
    authToken: options.authToken,
    metricsPublic: options.metricsPublic,
    cors: options.cors,
    ...(options.health ? { health: options.health } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.moreMetrics ? { moreMetrics: options.moreMetrics } : {}),
  });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `port ${options.port} on ${options.host} is in use: pass --port N (or 0 for any free port)`,
    );
  }
  const port = (app.server.address() as AddressInfo).port;
  return { url: `http://${displayHost(options.host)}:${port}`, close: () => app.close() };
}

/**
 * The API over a recording session (its history, its recorder's health and metrics), announced on
 * three lines: the timeline page, the GraphiQL, GraphQL and health URLs, and the kubeconfig command. It serves from this
 * thread; the recorder runs on its own, so a query never delays a recorded timestamp.
 */
export async function serveRecording(
  session: RecordingSession,
  settings: ApiSettings,
  out: (line: string) => void,
): Promise<ApiServer> {
  const api = await startApiServer({
    ...settings,
    history: session.history,
    health: () => session.health(),
    registry: session.registry,
    moreMetrics: () => session.recorderMetrics(),
  });
  out(`  timeline page at ${api.url}/ (the recorded services over time)`);
  out(`  serving GraphiQL at ${api.url}/graphiql (GraphQL: ${api.url}/graphql, health: ${api.url}/healthz)`);
  out(
    `  kubectl as of a past moment: endpoints-history kubeconfig --at -5m --server ${api.url} --db ${session.db} > at.yaml`,
  );
  return api;
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
