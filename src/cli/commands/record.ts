import { type Command, Option } from 'commander';
import Fastify from 'fastify';
import { pino } from 'pino';
import { registerHealthRoutes } from '../../api/health.js';
import { defaultClusterName } from '../../watch/index.js';
import { dbOption } from '../options/index.js';
import {
  addRecorderOptions,
  loadKubeCredentials,
  parsePort,
  preferSmallHeap,
  type RecorderFlags,
  recorderOptionsFrom,
  startRecorder,
  waitForShutdown,
} from '../runtime/index.js';
import { UsageError } from '../UsageError.js';

interface RecordFlags extends RecorderFlags {
  db: string;
  metricsPort?: string;
  metricsHost: string;
}

/**
 * `endpoints-history record`: list and watch a cluster into the database until SIGINT/SIGTERM, then
 * flush and close the coverage intervals. Holds the database's writer lock meanwhile. Logs (pino,
 * JSON) go to stderr.
 */
export function registerRecord(program: Command): Command {
  const command = program.command('record');
  addRecorderOptions(command);
  return command
    .description(
      'Record the history of pods, services, endpoints and endpoint slices of a cluster into --db ' +
        '(created if missing) until SIGINT/SIGTERM. One writer per database: while it runs, a second ' +
        'record or run, a rebuild and a prune on the same file are refused (EPH_ERR_DB_LOCKED, exit 2).',
    )
    .addOption(dbOption())
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
  const recorderOptions = recorderOptionsFrom(flags);
  const logger = pino({ level: process.env.EPH_LOG_LEVEL ?? 'info' }, pino.destination(2));
  const loaded = await loadKubeCredentials(flags);
  if (loaded === null)
    throw new UsageError('no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config or in-cluster)');
  const port = flags.metricsPort === undefined ? undefined : parsePort('--metrics-port', flags.metricsPort);
  const cluster = flags.clusterName ?? defaultClusterName(loaded);
  const { recorder, stop } = await startRecorder({
    auth: loaded.auth,
    cluster,
    db: flags.db,
    command: 'record',
    namespaces: flags.namespace ?? [],
    logger,
    recorderOptions,
  });
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
  await stop();
  await app?.close();
}
