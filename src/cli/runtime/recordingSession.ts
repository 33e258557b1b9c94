import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { openStore } from '../../store/index.js';
import { type ApiAuth, Recorder, type RecorderOptions } from '../../watch/index.js';

export interface RecordingSessionOptions {
  /** The API server and credentials (loadCredentials). */
  auth: ApiAuth;
  /** Cluster name written in every row. */
  cluster: string;
  db: string;
  /** The command recording (`record`, `run`), named to whoever is refused the writer lock. */
  command: string;
  /** Only these namespaces; empty = all. */
  namespaces: readonly string[];
  logger: Logger;
  recorderOptions?: Partial<RecorderOptions>;
  /** The recorder's registry; default a new one that also carries the process metrics. */
  registry?: Registry;
}

/** A recorder writing a cluster into a database (`record`, and the recorder thread of `run`). */
export interface RecorderSession {
  readonly recorder: Recorder;
  /** Stops the recorder (flushes, closes coverage with reason `shutdown`), then closes the database. */
  stop(): Promise<void>;
}

/**
 * Takes the database's writer lock (EPH_ERR_DB_LOCKED while another process writes it; on
 * PostgreSQL while another recorder writes the same cluster), opens
 * (creating and migrating) the database and starts the recorder on it, in this thread. By default
 * the recorder's registry also carries the process metrics (RSS, heap, event-loop lag), so
 * `/metrics` is one scrape.
 */
export async function startRecorder(options: RecordingSessionOptions): Promise<RecorderSession> {
  const store = await openStore(options.db, { command: options.command, cluster: options.cluster });
  let registry = options.registry;
  if (registry === undefined) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
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
  let stopped: Promise<void> | null = null;
  return {
    recorder,
    stop: () => {
      stopped ??= (async () => {
        await recorder.stop();
        await store.close();
      })();
      return stopped;
    },
  };
}
