import { ApiStatusError } from './errors.js';
import type { ReflectorState } from './reflectorState.js';
import { collectionPath } from './resources.js';

/**
 * The server's current resourceVersion for this stream's collection: a `limit=1` list with the
 * resourceVersion unset (a consistent read, reference §1.2), one small request. Null when the list
 * carries none, or when listing is forbidden (RBAC granting `watch` alone, enough for WatchList
 * snapshots): the resume then goes on with every event counted as replayed. Other failures fail the
 * resume, as the watch would.
 */
export async function readHead(s: ReflectorState, signal: AbortSignal): Promise<string | null> {
  const { http, kind, namespace, options } = s.d;
  let list: { metadata?: { resourceVersion?: unknown } };
  try {
    list = (await http.getJson(
      collectionPath(kind, namespace),
      { limit: '1' },
      signal,
      options.idleTimeoutMs,
    )) as {
      metadata?: { resourceVersion?: unknown };
    };
  } catch (error) {
    if (error instanceof ApiStatusError && error.status === 403) return null;
    throw error;
  }
  const rv = list.metadata?.resourceVersion;
  return typeof rv === 'string' && rv !== '' ? rv : null;
}
