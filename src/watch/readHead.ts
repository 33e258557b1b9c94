import type { ReflectorState } from './reflectorState.js';
import { collectionPath } from './resources.js';

/**
 * The server's current resourceVersion for this stream's collection: a `limit=1` list with the
 * resourceVersion unset (a consistent read, reference §1.2), one small request. Null when the list
 * carries none.
 */
export async function readHead(s: ReflectorState, signal: AbortSignal): Promise<string | null> {
  const { http, kind, namespace, options } = s.d;
  const list = (await http.getJson(
    collectionPath(kind, namespace),
    { limit: '1' },
    signal,
    options.idleTimeoutMs,
  )) as {
    metadata?: { resourceVersion?: unknown };
  };
  const rv = list.metadata?.resourceVersion;
  return typeof rv === 'string' && rv !== '' ? rv : null;
}
