import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { History } from '../../query/index.js';
import { Store } from '../../store/index.js';
import { type ApiAuth, Recorder, type RecorderOptions } from '../../watch/index.js';

export interface RecordingSessionOptions {
  /** The API server and credentials (loadCredentials). */
  auth: ApiAuth;
  /** Cluster name written in every row. */
  cluster: string;
  db: string;
  /** Only these namespaces; empty = all. */
  namespaces: readonly string[];
  logger: Logger;
  recorderOptions?: Partial<RecorderOptions>;
}

/** One process recording a cluster into a database and reading it back for the API. */
export interface RecordingSession {
  readonly store: Store;
  readonly recorder: Recorder;
  /** A second, query-only connection: reads never wait on the writer's transactions (WAL). */
  readonly history: History;
  /** Stops the recorder (flushes, closes coverage with reason `shutdown`), then closes both connections. */
  stop(): Promise<void>;
}

/**
 * Opens (creating and migrating) the database, starts the recorder on it and opens the read side.
 * The recorder's registry also carries the process metrics, so `/metrics` is one scrape.
 */
export function startRecording(options: RecordingSessionOptions): RecordingSession {
  const store = Store.open(options.db);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const recorder = new Recorder({
    auth: options.auth,
    store,
    cluster: options.cluster,
    namespaces: options.namespaces,
    logger: options.logger,
    registry,
    ...(options.recorderOptions ? { options: options.recorderOptions } : {}),
  });
  recorder.start();
  const history = History.open(options.db);
  let stopped: Promise<void> | null = null;
  return {
    store,
    recorder,
    history,
    stop: () => {
      stopped ??= (async () => {
        await recorder.stop();
        history.close();
        store.close();
      })();
      return stopped;
    },
  };
}
