import type { KubeCredentials, RecorderOptions } from '../../watch/index.js';
import type { CliIo } from '../io.js';
import type { ApiSettings } from './apiFlags.js';
import { BANNER_HOLD_MS, cliLogger } from './cliLogger.js';
import { clusterExamples } from './exampleQueries.js';
import { printExamples } from './printExamples.js';
import type { Shutdown } from './shutdownController.js';
import { serveRecording } from './startApiServer.js';
import { startRecording } from './startRecording.js';
import { untilStopped } from './untilStopped.js';
import { waitForInitialList } from './waitForInitialList.js';

export interface RunClusterOptions {
  loaded: KubeCredentials;
  cluster: string;
  db: string;
  namespaces: readonly string[];
  recorderOptions: Partial<RecorderOptions>;
  api: ApiSettings;
  authTokenFile?: string | undefined;
  shutdown: Shutdown;
}

/**
 * `run` against a real cluster: record it into the database on the recorder's own thread and serve
 * the API over the same file from this one, until SIGINT/SIGTERM (or the recorder thread dies: then
 * it throws, and the command exits 1). The API listens before the initial list ends (a large cluster
 * takes a while and /healthz must answer meanwhile); progress and then three example queries go to
 * stdout.
 */
export async function runCluster(io: CliIo, options: RunClusterOptions): Promise<void> {
  const out = (line: string): void => void io.stdout.write(`${line}\n`);
  const { logger, release: releaseLog, write: log } = cliLogger({ holdMs: BANNER_HOLD_MS });
  const session = await startRecording({
    handoff: options.loaded.handoff,
    cluster: options.cluster,
    db: options.db,
    command: 'run',
    namespaces: options.namespaces,
    logger,
    log,
    recorderOptions: options.recorderOptions,
  });
  try {
    const api = await serveRecording(session, options.api, out);
    try {
      const scope =
        options.namespaces.length > 0 ? `namespaces ${options.namespaces.join(', ')}` : 'all namespaces';
      out(`  listing pods, services, endpoints and endpointslices in ${scope}…`);
      const started = Date.now();
      const initial = await waitForInitialList(session, {
        signal: options.shutdown.signal,
        onProgress: (status) => out(`    ${status}`),
      });
      if (options.shutdown.signal.aborted) return;
      if (initial.done) {
        out(
          `  initial state recorded in ${((Date.now() - started) / 1000).toFixed(1)} s; now watching for changes`,
        );
        const at = Date.now();
        printExamples(io.stdout, {
          url: api.url,
          examples: await clusterExamples(session.history, options.cluster, at),
          authTokenFile: options.authTokenFile,
        });
      } else {
        out(`  still listing after ${Math.round((Date.now() - started) / 1000)} s; see ${api.url}/healthz`);
      }
      releaseLog();
      await untilStopped(options.shutdown, session);
      out('endpoints-history: stopping (flushing and closing the coverage interval)');
    } finally {
      await api.close();
    }
  } finally {
    releaseLog();
    await session.stop();
  }
}
