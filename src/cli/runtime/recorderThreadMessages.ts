import type { CredentialsHandoff, HealthReport, RecorderOptions } from '../../watch/index.js';

/** What the recorder thread is started with (`workerData`): plain data only. */
export interface RecorderThreadData {
  handoff: CredentialsHandoff;
  cluster: string;
  db: string;
  /** The command recording (`run`, `demo`), named to whoever is refused the writer lock. */
  command: string;
  namespaces: readonly string[];
  recorderOptions: Partial<RecorderOptions>;
  /** How often the thread reports its health when it changes; at least every `heartbeatMs`. */
  reportMs: number;
  heartbeatMs: number;
}

/** An error as data, rebuilt on the other side with its code (an EphError keeps its exit code). */
export interface ErrorData {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
}

export type ToRecorderThread = { type: 'metrics'; id: number } | { type: 'stop' };

export type FromRecorderThread =
  | { type: 'started'; report: HealthReport }
  | { type: 'failed'; error: ErrorData }
  | { type: 'health'; report: HealthReport }
  | { type: 'metrics'; id: number; text: string }
  /** One line of the thread's JSON log: the main thread writes it, behind the start-up banner. */
  | { type: 'log'; line: string }
  | { type: 'stopped' };
