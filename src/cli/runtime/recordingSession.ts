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
  /** The command recording (`record`, `run`), named to whoever is refused the writer lock. */
  command: string;
  /** Only these namespaces; empty = all. */
  namespaces: readonly string[];
  logger: Logger;
  recorderOptions?: Partial<RecorderOptions>;
}

/** A recorder writing a cluster into a database (`record`). */
export interface RecorderSession {
  readonly recorder: Recorder;
  /** Stops the recorder (flushes, closes coverage with reason `shutdown`), then closes the database. */
  stop(): Promise<void>;
}

/** A recorder plus the read side for the API (`run`). */
export interface RecordingSession extends RecorderSession {
  /** A second, query-only connection: reads never wait on the writer's transactions (WAL). */
  readonly history: History;
}

/**
 * Takes the database's writer lock (EPH_ERR_DB_LOCKED while another process writes it), opens
 * (creating and migrating) the database and starts the recorder on it. The recorder's registry
 * also carries the process metrics (RSS, heap, event-loop lag), so `/metrics` is one scrape.
 */
export function startRecorder(options: RecordingSessionOptions): RecorderSession {
  const store = Store.open(options.db, { command: options.command });
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
  let stopped: Promise<void> | null = null;
  return {
    recorder,
    stop: () => {
      stopped ??= (async () => {
        await recorder.stop();
        store.close();
      })();
      return stopped;
    },
  };
}

/** startRecorder, then the read side over the same file. */
export function startRecording(options: RecordingSessionOptions): RecordingSession {
  const session = startRecorder(options);
  const history = History.open(options.db);
  let stopped: Promise<void> | null = null;
  return {
    recorder: session.recorder,
    history,
    stop: () => {
      stopped ??= (async () => {
        await session.stop();
        history.close();
      })();
      return stopped;
    },
  };
}
