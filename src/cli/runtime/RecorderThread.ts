import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { ephError, isErrorCode } from '../../errors/index.js';
import { moduleBeside, startWorker } from '../../util/startWorker.js';
import type { CredentialsHandoff, HealthReport, RecorderOptions } from '../../watch/index.js';
import { recorderHeapLimits } from './recorderHeapLimits.js';
import type {
  ErrorData,
  FromRecorderThread,
  RecorderThreadData,
  ToRecorderThread,
} from './recorderThreadMessages.js';

export interface RecorderThreadOptions {
  handoff: CredentialsHandoff;
  cluster: string;
  db: string;
  /** The command recording, named to whoever is refused the writer lock. */
  command: string;
  namespaces: readonly string[];
  recorderOptions?: Partial<RecorderOptions>;
  /** Where a crash of the thread is logged. */
  logger: Logger;
  /** Where the thread's own log lines go (default stderr): `cliLogger`'s `write`, to keep its hold. */
  log?: (line: string) => void;
  /** A thread silent for this long is reported `unresponsive` (/healthz 503); default 30 s. */
  unresponsiveAfterMs?: number;
  /** The thread reports a changed health this often, and at least every second. */
  reportMs?: number;
  now?: () => number;
  /** The thread's module; tests substitute one that crashes. Default `recorderThreadEntry`. */
  entry?: URL;
}

/** How long `metrics()` waits for the thread before answering with its last text. */
const METRICS_TIMEOUT_MS = 2_000;

/** An error that crossed the thread boundary, rebuilt (an EphError keeps its code, so its exit code). */
function rebuild(error: ErrorData): Error {
  if (isErrorCode(error.code)) return ephError(error.code, error.message, error.details);
  return Object.assign(new Error(error.message), { name: error.name });
}

/**
 * The recorder on a worker thread of its own, seen from the main thread, which serves the API: no
 * query, however slow, can delay a watch event's `observed_at` or a write, since they happen on
 * another event loop. The thread posts its health when it changes and at least every second; the
 * main thread answers /healthz from the last report, so a probe never waits for the recorder either.
 * A thread that dies on its own (an uncaught exception, a native crash of its isolate) is logged,
 * reported `exited` (503) and resolves `failed`; `run` then exits non-zero so that the process is
 * restarted whole, as after a kill -9 (the next start closes the coverage it left open, reason
 * `crash`). A thread silent for `unresponsiveAfterMs` is reported `unresponsive` (503): a liveness
 * probe restarts a wedged recorder even though the API still answers.
 */
export class RecorderThread {
  private report: HealthReport;
  private lastReportAt: number;
  private exitError: Error | null = null;
  private stopError: Error | null = null;
  private stopping: Promise<void> | null = null;
  private metricsText = '';
  private nextMetricsId = 1;
  private readonly pendingMetrics = new Map<number, (text: string) => void>();
  private readonly now: () => number;
  private readonly unresponsiveAfterMs: number;
  private readonly log: (line: string) => void;
  /** Resolves with the reason when the thread dies without being asked to stop; never after stop(). */
  readonly failed: Promise<Error>;

  private constructor(
    private readonly worker: Worker,
    started: HealthReport,
    options: RecorderThreadOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.unresponsiveAfterMs = options.unresponsiveAfterMs ?? 30_000;
    this.log = options.log ?? ((line) => void process.stderr.write(line));
    this.report = started;
    this.lastReportAt = this.now();
    this.failed = new Promise((resolve) => {
      let uncaught: Error | null = null;
      worker.on('error', (error) => {
        uncaught = error;
      });
      worker.on('exit', (code) => {
        for (const answer of this.pendingMetrics.values()) answer(this.metricsText);
        this.pendingMetrics.clear();
        // an exit after stop() was asked for is stop()'s to report
        if (this.stopping !== null) return;
        this.exitError = uncaught ?? new Error(`the recorder thread exited with code ${code}`);
        options.logger.error(
          { err: this.exitError },
          'the recorder thread died: /healthz answers 503 and the process exits so that it is restarted',
        );
        resolve(this.exitError);
      });
    });
    worker.on('message', (message: FromRecorderThread) => this.receive(message));
  }

  /**
   * Starts the thread: it opens (creating and migrating) the database and starts the recorder.
   * Resolves once the recorder runs; rejects with the thread's error when it could not start.
   */
  static start(options: RecorderThreadOptions): Promise<RecorderThread> {
    const data: RecorderThreadData = {
      handoff: options.handoff,
      cluster: options.cluster,
      db: options.db,
      command: options.command,
      namespaces: options.namespaces,
      recorderOptions: options.recorderOptions ?? {},
      reportMs: options.reportMs ?? 100,
      heartbeatMs: 1_000,
    };
    const entry = options.entry ?? moduleBeside(import.meta.url, './recorderThreadEntry');
    const worker = startWorker(entry, { workerData: data, resourceLimits: recorderHeapLimits() });
    return new Promise((resolve, reject) => {
      let failure: Error | null = null;
      const onMessage = (message: FromRecorderThread): void => {
        if (message.type === 'failed') failure = rebuild(message.error);
        if (message.type !== 'started') return;
        cleanup();
        resolve(new RecorderThread(worker, message.report, options));
      };
      const onError = (error: Error): void => {
        failure ??= error;
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(failure ?? new Error(`the recorder thread exited with code ${code} while starting`));
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  /** The thread's last report, with the thread's own state (`running`, `unresponsive`, `exited`). */
  health(): HealthReport {
    const silentFor = this.now() - this.lastReportAt;
    const state =
      this.exitError !== null ? 'exited' : silentFor > this.unresponsiveAfterMs ? 'unresponsive' : 'running';
    return {
      ...this.report,
      thread: {
        state,
        lastReportAt: this.lastReportAt,
        ...(this.exitError !== null ? { error: this.exitError.message } : {}),
      },
    };
  }

  /** The recorder's metrics (Prometheus text); its last text when the thread does not answer in time. */
  metrics(): Promise<string> {
    if (this.exitError !== null || this.stopping !== null) return Promise.resolve(this.metricsText);
    const id = this.nextMetricsId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pendingMetrics.delete(id);
        resolve(this.metricsText);
      }, METRICS_TIMEOUT_MS);
      this.pendingMetrics.set(id, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      this.send({ type: 'metrics', id });
    });
  }

  /**
   * Stops the recorder (flush, coverage closed with reason `shutdown`, store closed) and the thread.
   * Rejects when that failed (the thread then ends with a non-zero code).
   */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve, reject) => {
      if (this.exitError !== null) return resolve();
      this.worker.once('exit', (code) => {
        if (code === 0) return resolve();
        reject(this.stopError ?? new Error(`the recorder thread exited with code ${code} while stopping`));
      });
      this.send({ type: 'stop' });
    });
    return this.stopping;
  }

  private send(message: ToRecorderThread): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromRecorderThread): void {
    if (message.type === 'health') {
      this.report = message.report;
      this.lastReportAt = this.now();
    } else if (message.type === 'failed') {
      this.stopError = rebuild(message.error);
    } else if (message.type === 'log') {
      this.log(message.line);
    } else if (message.type === 'metrics') {
      if (message.text !== '') this.metricsText = message.text;
      this.pendingMetrics.get(message.id)?.(this.metricsText);
      this.pendingMetrics.delete(message.id);
    }
  }
}
