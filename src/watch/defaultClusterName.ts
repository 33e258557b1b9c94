/** The cluster name recorded in every row when `--cluster-name` is not given: the context name. */
export function defaultClusterName(loaded: { source: 'file' | 'in-cluster'; contextName: string }): string {
  return loaded.source === 'in-cluster' ? 'in-cluster' : loaded.contextName;
}
