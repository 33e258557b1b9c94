import { type Command, Option } from 'commander';

/** The flags that say which cluster to record, shared by `run` and `record`. */
export interface RecorderFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string[];
  clusterName?: string;
  watchList?: boolean;
}

/** `--namespace` may repeat, and EPH_NAMESPACE may list several, comma-separated. */
const collectNamespaces = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(',').filter((s) => s.length > 0),
];

/** Adds `--kubeconfig`, `--context`, `--namespace…` and `--cluster-name`, each also from its EPH_* variable. */
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
    );
}
