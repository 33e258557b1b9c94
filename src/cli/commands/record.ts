import { type Command, Option } from 'commander';
import Fastify from 'fastify';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerHealthRoutes } from '../../api/health.js';
import { Store } from '../../store/index.js';
import { defaultClusterName, loadCredentials, Recorder } from '../../watch/index.js';
import { parsePort } from '../runtime/parsePort.js';
import { preferSmallHeap } from '../runtime/preferSmallHeap.js';
import { addRecorderOptions, type RecorderFlags } from '../runtime/recorderFlags.js';
import { waitForShutdown } from '../runtime/waitForShutdown.js';
import { UsageError } from '../UsageError.js';

interface RecordFlags extends RecorderFlags {
  db: string;
  metricsPort?: string;
  metricsHost: string;
}

/**
 * `endpoints-history record`: list and watch a cluster into the database until SIGINT/SIGTERM, then
 * flush and close the coverage intervals. Logs (pino, JSON) go to stderr.
 */
export function registerRecord(program: Command): Command {
  const command = program.command('record');
  addRecorderOptions(command);
  return command
    .description('Record the history of pods, services, endpoints and endpoint slices of a cluster.')
    .addOption(new Option('--db <file>', 'SQLite database').env('EPH_DB').default('./endpoints-history.db'))
    .addOption(
      new Option('--metrics-port <port>', 'serve /healthz and /metrics on this port').env('EPH_METRICS_PORT'),
    )
    .addOption(
      new Option('--metrics-host <host>', 'address for /healthz and /metrics')
        .env('EPH_METRICS_HOST')
        .default('127.0.0.1'),
    )
    .action(async (flags: RecordFlags) => {
      await runRecord(flags);
    });
}

async function runRecord(flags: RecordFlags): Promise<void> {
  preferSmallHeap();
  const logger = pino({ level: process.env.EPH_LOG_LEVEL ?? 'info' }, pino.destination(2));
  const loaded = await loadCredentials({ kubeconfig: flags.kubeconfig, context: flags.context });
  if (loaded === null)
    throw new UsageError('no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config or in-cluster)');
  const port = flags.metricsPort === undefined ? undefined : parsePort('--metrics-port', flags.metricsPort);
  const cluster = flags.clusterName ?? defaultClusterName(loaded);
  const store = Store.open(flags.db);
  // process metrics (RSS, heap, event-loop lag) next to the recorder's: one scrape, as with `run`
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const recorder = new Recorder({
    registry,
    auth: loaded.auth,
    store,
    cluster,
    namespaces: flags.namespace ?? [],
    logger,
    options: { watchList: flags.watchList === true },
  });
  recorder.start();
  logger.info(
    { cluster, context: loaded.contextName, db: flags.db, namespaces: flags.namespace ?? 'all' },
    'recording',
  );
  const app = port === undefined ? null : Fastify();
  if (app !== null) {
    registerHealthRoutes(app, { health: () => recorder.health(), registry: recorder.registry });
    await app.listen({ port, host: flags.metricsHost });
  }
  logger.info({ signal: await waitForShutdown() }, 'stopping');
  await recorder.stop();
  await app?.close();
  store.close();
}
