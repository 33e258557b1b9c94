import { type KubeListOptions, queryBool } from '../../kube/kubeListOptions.js';

export { queryBool };

/** The metav1.ListOptions the simulator reads (TableOptions' includeObject is the kube API's alone). */
export type ListOptions = Omit<KubeListOptions, 'includeObject'>;

export function parseListOptions(q: URLSearchParams): ListOptions {
  const opts: ListOptions = {
    watch: queryBool(q, 'watch'),
    allowWatchBookmarks: queryBool(q, 'allowWatchBookmarks'),
    labelSelector: q.get('labelSelector') ?? '',
    fieldSelector: q.get('fieldSelector') ?? '',
  };
  const rv = q.get('resourceVersion');
  if (rv !== null && rv !== '') opts.resourceVersion = rv;
  const match = q.get('resourceVersionMatch');
  if (match) opts.resourceVersionMatch = match;
  if (q.has('sendInitialEvents')) opts.sendInitialEvents = queryBool(q, 'sendInitialEvents');
  const timeout = Number.parseInt(q.get('timeoutSeconds') ?? '', 10);
  if (Number.isFinite(timeout) && timeout > 0) opts.timeoutSeconds = timeout;
  const limit = Number.parseInt(q.get('limit') ?? '', 10);
  if (Number.isFinite(limit) && limit > 0) opts.limit = limit;
  const cont = q.get('continue');
  if (cont) opts.continueToken = cont;
  return opts;
}
