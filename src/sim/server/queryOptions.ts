/**
 * Kube's query bool rule (`Convert_Slice_string_To_bool`): absent, "0" or "false" (any case) are false;
 * anything else, including an empty value, is true.
 */
export function queryBool(q: URLSearchParams, name: string): boolean {
  if (!q.has(name)) return false;
  const v = (q.get(name) ?? '').toLowerCase();
  return v !== '0' && v !== 'false';
}

/** The metav1.ListOptions the simulator reads. `resourceVersion` undefined = unset. */
export interface ListOptions {
  watch: boolean;
  allowWatchBookmarks: boolean;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  /** undefined when the parameter is absent (kube's *bool nil). */
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  limit?: number;
  continueToken?: string;
  labelSelector: string;
  fieldSelector: string;
}

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
