/**
 * Kube's query bool rule (`Convert_Slice_string_To_bool`): absent, "0" or "false" (any case) are false;
 * anything else, an empty value included, is true.
 */
export function queryBool(q: URLSearchParams, name: string): boolean {
  if (!q.has(name)) return false;
  const v = (q.get(name) ?? '').toLowerCase();
  return v !== '0' && v !== 'false';
}

/** The metav1.ListOptions of a request (plus TableOptions' includeObject). */
export interface KubeListOptions {
  watch: boolean;
  allowWatchBookmarks: boolean;
  /** Unset (absent or empty) is undefined. */
  resourceVersion?: string;
  resourceVersionMatch?: string;
  /** undefined when absent (kube's nil). */
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  limit?: number;
  continueToken?: string;
  labelSelector: string;
  fieldSelector: string;
  includeObject?: string;
}

export type OptionsParse = { ok: true; value: KubeListOptions } | { ok: false; error: string };

/**
 * Reads ListOptions from a query string. Numbers that do not parse are errors (400), as the API
 * server's decoder makes them: `limit=abc` is refused, not read as "no limit".
 */
export function parseKubeListOptions(q: URLSearchParams): OptionsParse {
  const opts: KubeListOptions = {
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
  for (const name of ['timeoutSeconds', 'limit'] as const) {
    const text = q.get(name);
    if (text === null || text === '') continue;
    if (!/^-?\d{1,15}$/.test(text))
      return { ok: false, error: `${name}: Invalid value: "${text}": not an integer` };
    const n = Number(text);
    if (n > 0) opts[name === 'limit' ? 'limit' : 'timeoutSeconds'] = n;
  }
  const cont = q.get('continue');
  if (cont) opts.continueToken = cont;
  const include = q.get('includeObject');
  if (include) opts.includeObject = include;
  return { ok: true, value: opts };
}
