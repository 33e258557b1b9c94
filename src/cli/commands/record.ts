import { type Command, Option } from 'commander';
import Fastify from 'fastify';
import { pino } from 'pino';
import { registerHealthRoutes } from '../../api/health.js';
import { Store } from '../../store/index.js';
import { defaultClusterName, loadKubeConfig, Recorder } from '../../watch/index.js';
import { UsageError } from '../UsageError.js';

interface RecordFlags {
  kubeconfig?: string;
  context?: string;
  db: string;
  namespace?: string[];
  clusterName?: string;
  metricsPort?: string;
  metricsHost: string;
}

/**
 * `endpoints-history record`: list and watch a cluster into the database until SIGINT/SIGTERM, then
 * flush and close the coverage intervals. Logs (pino, JSON) go to stderr.
 */
export function registerRecord(program: Command): Command {
  return program
    .command('record')
    .description('Record the history of pods, services, endpoints and endpoint slices of a cluster.')
    .addOption(new Option('--kubeconfig <file>', 'kubeconfig file').env('EPH_KUBECONFIG'))
    .addOption(new Option('--context <name>', 'kubeconfig context').env('EPH_CONTEXT'))
    .addOption(new Option('--db <file>', 'SQLite database').env('EPH_DB').default('./endpoints-history.db'))
    .addOption(
      new Option('--namespace <ns...>', 'only these namespaces (repeatable; comma-separated in the env)')
        .env('EPH_NAMESPACE')
        .argParser((value: string, previous: string[] | undefined) => [
          ...(previous ?? []),
          ...value.split(',').filter((s) => s.length > 0),
        ]),
    )
    .addOption(
      new Option('--cluster-name <name>', 'cluster name stored in every row (default: the context)').env(
        'EPH_CLUSTER_NAME',
      ),
    )
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
  const logger = pino({ level: process.env.EPH_LOG_LEVEL ?? 'info' }, pino.destination(2));
  const loaded = loadKubeConfig({ kubeconfig: flags.kubeconfig, context: flags.context });
  if (loaded === null)
    throw new UsageError('no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config or in-cluster)');
  const port = flags.metricsPort === undefined ? undefined : Number(flags.metricsPort);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new UsageError(`invalid --metrics-port: ${flags.metricsPort}`);
  }
  const cluster = flags.clusterName ?? defaultClusterName(loaded);
  const store = Store.open(flags.db);
  const recorder = new Recorder({ kc: loaded.kc, store, cluster, namespaces: flags.namespace ?? [], logger });
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
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  logger.info('stopping');
  await recorder.stop();
  await app?.close();
  store.close();
}
