import type { KubeCredentials, RecorderOptions } from '../../watch/index.js';
import type { CliIo } from '../io.js';
import type { ApiSettings } from './apiFlags.js';
import { BANNER_HOLD_MS, cliLogger } from './cliLogger.js';
import { clusterExamples } from './exampleQueries.js';
import { printExamples } from './printExamples.js';
import { startRecording } from './recordingSession.js';
import type { Shutdown } from './shutdownController.js';
import { serveRecording } from './startApiServer.js';
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
 * `run` against a real cluster: record it into the database and serve the API over the same file
 * until SIGINT/SIGTERM. The API listens before the initial list ends (a large cluster takes a while
 * and /healthz must answer meanwhile); progress and then three example queries go to stdout.
 */
export async function runCluster(io: CliIo, options: RunClusterOptions): Promise<void> {
  const out = (line: string): void => void io.stdout.write(`${line}\n`);
  const { logger, release: releaseLog } = cliLogger({ holdMs: BANNER_HOLD_MS });
  const session = startRecording({
    auth: options.loaded.auth,
    cluster: options.cluster,
    db: options.db,
    command: 'run',
    namespaces: options.namespaces,
    logger,
    recorderOptions: options.recorderOptions,
  });
  try {
    const api = await serveRecording(session, options.api, out);
    try {
      const scope =
        options.namespaces.length > 0 ? `namespaces ${options.namespaces.join(', ')}` : 'all namespaces';
      out(`  listing pods, services, endpoints and endpointslices in ${scope}…`);
      const started = Date.now();
      const initial = await waitForInitialList(session.recorder, {
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
          examples: clusterExamples(session.history, options.cluster, at),
          authTokenFile: options.authTokenFile,
        });
      } else {
        out(`  still listing after ${Math.round((Date.now() - started) / 1000)} s; see ${api.url}/healthz`);
      }
      releaseLog();
      await options.shutdown.requested;
    } finally {
      out('endpoints-history: stopping (flushing and closing the coverage interval)');
      await api.close();
    }
  } finally {
    releaseLog();
    await session.stop();
  }
}
