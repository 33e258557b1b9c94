import { ApiStatusError } from './errors.js';
import type { KubeHttp } from './kubeHttp.js';

/**
 * The server's current resourceVersion for a collection: a `limit=1` list with the resourceVersion
 * unset, one small request. Unset, a list is a consistent read ("most recent"), and its
 * resourceVersion is the storage (etcd) revision at that moment. Null when the list carries none, or
 * when listing is forbidden (RBAC granting `watch` alone, enough for WatchList snapshots): the
 * resume then goes on with every event counted as replayed. Other failures fail the resume, as the
 * watch would.
 */
export async function readHead(
  http: KubeHttp,
  path: string,
  signal: AbortSignal,
  idleMs: number,
): Promise<string | null> {
  let list: { metadata?: { resourceVersion?: unknown } };
  try {
    list = (await http.getJson(path, { limit: '1' }, signal, idleMs)) as {
      metadata?: { resourceVersion?: unknown };
    };
  } catch (error) {
    if (error instanceof ApiStatusError && error.status === 403) return null;
    throw error;
  }
  const rv = list.metadata?.resourceVersion;
  return typeof rv === 'string' && rv !== '' ? rv : null;
}
