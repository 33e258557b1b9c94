import { type Command, Option } from 'commander';
import type { RecorderOptions } from '../../watch/index.js';
import { durationFlag } from '../options/index.js';

/** The flags that say which cluster to record, shared by `run` and `record`. */
export interface RecorderFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string[];
  clusterName?: string;
  watchList?: boolean;
  relistInterval: string;
  idleTimeout: string;
}

/** `--namespace` may repeat, and EPH_NAMESPACE may list several, comma-separated. */
const collectNamespaces = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(',').filter((s) => s.length > 0),
];

/**
 * Adds `--kubeconfig`, `--context`, `--namespace…`, `--cluster-name`, `--watch-list` and the two
 * timing knobs (`--relist-interval`, `--idle-timeout`), each also from its EPH_* variable.
 */
export function addRecorderOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--kubeconfig <file>', 'kubeconfig file (default $KUBECONFIG, ~/.kube/config)').env(
        'EPH_KUBECONFIG',
      ),
    )
    .addOption(
      new Option('--context <name>', 'kubeconfig context (default: its current context)').env('EPH_CONTEXT'),
    )
    .addOption(
      new Option('--namespace <ns...>', 'only these namespaces (repeatable; comma-separated in the env)')
        .env('EPH_NAMESPACE')
        .argParser(collectNamespaces),
    )
    .addOption(
      new Option('--cluster-name <name>', 'cluster name stored in every row (default: the context)').env(
        'EPH_CLUSTER_NAME',
      ),
    )
    .addOption(
      new Option('--watch-list', 'take snapshots with streaming lists (WatchList), falling back on 422').env(
        'EPH_WATCH_LIST',
      ),
    )
    .addOption(
      new Option(
        '--relist-interval <duration>',
        'relist every kind this often to catch silent gaps and resourceVersion resets (0: never)',
      )
        .env('EPH_RELIST_INTERVAL')
        .default('1h'),
    )
    .addOption(
      new Option(
        '--idle-timeout <duration>',
        'abort a watch that delivers no byte for this long (a stalled stream)',
      )
        .env('EPH_IDLE_TIMEOUT')
        .default('90s'),
    );
}

/** The recorder's options from the flags; a bad duration is a usage error (EPH_ERR_BAD_ARGUMENT). */
export function recorderOptionsFrom(flags: RecorderFlags): Partial<RecorderOptions> {
  return {
    watchList: flags.watchList === true,
    relistIntervalMs: durationFlag('--relist-interval', flags.relistInterval, { zero: true }),
    idleTimeoutMs: durationFlag('--idle-timeout', flags.idleTimeout),
  };
}
