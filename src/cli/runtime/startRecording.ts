import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { History } from '../../query/index.js';
import type { CredentialsHandoff, HealthReport, RecorderOptions } from '../../watch/index.js';
import { deprioritiseServing } from './deprioritiseServing.js';
import { RecorderThread } from './RecorderThread.js';

export interface StartRecordingOptions {
  /** The credentials as plain data (`KubeCredentials.handoff`): they cross to the recorder thread. */
  handoff: CredentialsHandoff;
  cluster: string;
  db: string;
  /** The command recording (`run`, `demo`), named to whoever is refused the writer lock. */
  command: string;
  namespaces: readonly string[];
  logger: Logger;
  /** Where the recorder thread's log lines go (default stderr). */
  log?: (line: string) => void;
  recorderOptions?: Partial<RecorderOptions>;
}

/** A recorder on its own thread plus the read side for the API, in this thread (`run`, `demo`). */
export interface RecordingSession {
  /** A query-only connection: reads never wait on the writer's transactions (WAL). */
  readonly history: History;
  /** The database file recorded into (what a kubeconfig command run beside it names with --db). */
  readonly db: string;
  /** This process's metrics (RSS, CPU, the serving thread's heap and event loop). */
  readonly registry: Registry;
  /** The recorder's last report, with the state of its thread. */
  health(): HealthReport;
  /** The recorder thread's metrics, in Prometheus text. */
  recorderMetrics(): Promise<string>;
  /** Resolves with the reason if the recorder thread dies on its own (never after `stop`). */
  readonly failed: Promise<Error>;
  /** Stops the recorder (flush, coverage closed with reason `shutdown`), then closes the read side. */
  stop(): Promise<void>;
}

/**
 * Starts the recorder on its own thread (RecorderThread: it creates and migrates the database) and,
 * once it runs, opens the read side over the same file in this thread, which from then on runs at a
 * lower priority than the recorder (deprioritiseServing).
 */
export async function startRecording(options: StartRecordingOptions): Promise<RecordingSession> {
  const thread = await RecorderThread.start(options);
  deprioritiseServing();
  let history: History;
  try {
    history = await History.connect(options.db);
  } catch (error) {
    await thread.stop();
    throw error;
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let stopped: Promise<void> | null = null;
  return {
    history,
    db: options.db,
    registry,
    health: () => thread.health(),
    recorderMetrics: () => thread.metrics(),
    failed: thread.failed,
    stop: () => {
      stopped ??= (async () => {
        try {
          await thread.stop();
        } finally {
          history.close();
        }
      })();
      return stopped;
    },
  };
}
