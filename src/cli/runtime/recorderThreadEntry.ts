/**
 * Entry of the recorder thread of `run` and `demo` (see RecorderThread): watch streams, `observed_at`
 * stamping, batching and writes run here, on their own event loop, so that no query served by the
 * main thread can delay a timestamp or a write. It reports its health to the main thread when it
 * changes (and as a heartbeat), answers metrics requests, and on `stop` flushes, closes coverage with
 * reason `shutdown`, closes the store and ends.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { Gauge, Registry } from 'prom-client';
import { authFromHandoff } from '../../watch/index.js';
import type {
  ErrorData,
  FromRecorderThread,
  RecorderThreadData,
  ToRecorderThread,
} from './recorderThreadMessages.js';
import { type RecorderSession, startRecorder } from './recordingSession.js';

const data = workerData as RecorderThreadData;
const port = parentPort!;
const post = (message: FromRecorderThread): void => port.postMessage(message);

function errorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, details } = error as { code?: unknown; details?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(details && typeof details === 'object' ? { details: details as Record<string, unknown> } : {}),
  };
}

/** This thread's own numbers; the process-wide ones (RSS, CPU) come from the main thread's registry. */
function threadMetrics(registry: Registry): void {
  new Gauge({
    name: 'eph_recorder_thread_heap_used_bytes',
    help: 'V8 heap used by the recorder thread.',
    registers: [registry],
    collect() {
      this.set(getHeapStatistics().used_heap_size);
    },
  });
}

let session: RecorderSession;
try {
  const registry = new Registry();
  threadMetrics(registry);
  session = await startRecorder({
    auth: authFromHandoff(data.handoff),
    cluster: data.cluster,
    db: data.db,
    command: data.command,
    namespaces: data.namespaces,
    // one log per process: lines go to the main thread, which holds them behind the start-up banner
    logger: pino(
      { level: process.env.EPH_LOG_LEVEL ?? 'warn' },
      { write: (line: string) => post({ type: 'log', line }) },
    ),
    recorderOptions: data.recorderOptions,
    registry,
  });
} catch (error) {
  post({ type: 'failed', error: errorData(error) });
  process.exitCode = 1;
  port.close();
  throw error;
}

let last = JSON.stringify(session.recorder.health());
let lastPostAt = Date.now();
post({ type: 'started', report: JSON.parse(last) });
const reporter = setInterval(() => {
  const report = session.recorder.health();
  const json = JSON.stringify(report);
  if (json === last && Date.now() - lastPostAt < data.heartbeatMs) return;
  last = json;
  lastPostAt = Date.now();
  post({ type: 'health', report });
}, data.reportMs);

port.on('message', (message: ToRecorderThread) => {
  if (message.type === 'metrics') {
    // an empty text makes the main thread answer with the last one it had
    void session.recorder.registry
      .metrics()
      .catch(() => '')
      .then((text) => post({ type: 'metrics', id: message.id, text }));
    return;
  }
  if (message.type !== 'stop') return;
  clearInterval(reporter);
  void session.stop().then(
    () => {
      post({ type: 'health', report: session.recorder.health() });
      post({ type: 'stopped' });
      port.close();
    },
    (error: unknown) => {
      post({ type: 'failed', error: errorData(error) });
      process.exitCode = 1;
      port.close();
    },
  );
});
