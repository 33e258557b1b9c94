import { type Command, Option } from 'commander';
import { defaultClusterName } from '../../watch/index.js';
import type { CliIo } from '../io.js';
import { dbOption } from '../options/index.js';
import {
  type ApiFlags,
  addApiOptions,
  addRecorderOptions,
  describeKubeconfig,
  listenForShutdown,
  loadKubeCredentials,
  parseSpeed,
  preferSmallHeap,
  type RecorderFlags,
  recorderOptionsFrom,
  resolveApiFlags,
  runCluster,
  runSimulated,
} from '../runtime/index.js';

interface RunFlags extends ApiFlags, RecorderFlags {
  db: string;
  speed: string;
}

/** The first line of `run` when there is no cluster to record: it must not be mistaken for a real one. */
export const SIMULATED_FIRST_LINE =
  'endpoints-history: no kubeconfig or in-cluster config found — recording the built-in simulated cluster (demo scenario)';

/**
 * `endpoints-history run`, the main job (`npm start`): record + serve in one process. Records the
 * cluster of the kubeconfig (or the in-cluster service account); with neither, the built-in simulated
 * cluster playing the demo story. Either way into --db (default ./endpoints-history.db, so the other
 * commands find it with their defaults); the simulated cluster is recorded under its own cluster
 * name. The first line of output always says which. (`demo` uses a temporary database instead.)
 */
export function registerRun(program: Command, io: CliIo): Command {
  const command = program
    .command('run')
    .description('Record a cluster and serve the API over the recording (the simulated cluster without one).')
    .addOption(dbOption());
  addRecorderOptions(command);
  return addApiOptions(command)
    .addOption(
      new Option('--speed <x>', 'pace of the demo story when no cluster is found')
        .env('EPH_DEMO_SPEED')
        .default('2'),
    )
    .action(async (flags: RunFlags) => {
      preferSmallHeap();
      const api = resolveApiFlags(flags);
      const speed = parseSpeed(flags.speed);
      const recorderOptions = recorderOptionsFrom(flags);
      const loaded = await loadKubeCredentials(flags);
      if (loaded === null) {
        await runSimulated(io, {
          command: 'run',
          firstLine: SIMULATED_FIRST_LINE,
          db: flags.db,
          speed,
          api,
          authTokenFile: flags.authTokenFile,
          clusterName: flags.clusterName,
        });
        return;
      }
      const cluster = flags.clusterName ?? defaultClusterName(loaded);
      const sameName = cluster === loaded.contextName || loaded.source === 'in-cluster';
      const named = sameName ? `"${cluster}"` : `"${cluster}" (context "${loaded.contextName}")`;
      io.stdout.write(
        `endpoints-history: recording cluster ${named} from ${describeKubeconfig(loaded, flags.kubeconfig)} into ${flags.db}\n`,
      );
      await runCluster(io, {
        loaded,
        cluster,
        db: flags.db,
        namespaces: flags.namespace ?? [],
        recorderOptions,
        api,
        authTokenFile: flags.authTokenFile,
        shutdown: listenForShutdown(),
      });
    });
}
