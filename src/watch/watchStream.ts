import { ProtocolError, statusErrorFrom, watchErrorFrom } from './errors.js';
import { header, type KubeHttp, type Query, readBody } from './kubeHttp.js';

/** What a watch stream tells its reflector, line by line, in arrival order. */
export interface WatchHandlers {
  /** The server accepted the watch (HTTP 200, headers received) at `at`. */
  onAccepted(at: number): void;
  /** An ADDED/MODIFIED/DELETED event; the raw object is exactly what the server sent. */
  onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: Record<string, unknown>, bytes: number): void;
  /** A BOOKMARK: only its resourceVersion is meaningful; `initialEventsEnd` for WatchList. */
  onBookmark(resourceVersion: string, initialEventsEnd: boolean): void;
}

export interface WatchStreamResult {
  /** Complete lines received. */
  lines: number;
}

/**
 * Runs one watch request to its end. Resolves on a clean end of the body (server timeout: re-watch
 * from the cursor). Rejects with ApiStatusError for a non-200 answer, WatchErrorEvent for an in-band
 * ERROR, ProtocolError for a line that is not an event (including a fragment left at a clean end),
 * IdleTimeoutError from the watchdog, and the socket error when the connection drops (the partial
 * line is discarded, never parsed).
 */
export async function watchStream(
  http: KubeHttp,
  path: string,
  query: Query,
  signal: AbortSignal,
  idleMs: number,
  now: () => number,
  handlers: WatchHandlers,
): Promise<WatchStreamResult> {
  const res = await http.get(path, { ...query, watch: 'true' }, signal, idleMs);
  const status = res.statusCode ?? 0;
  if (status !== 200) throw statusErrorFrom(status, header(res, 'retry-after'), await readBody(res));
  handlers.onAccepted(now());
  res.setEncoding('utf8');
  let pending = '';
  let lines = 0;
  for await (const chunk of res) {
    pending += chunk as string;
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
      if (line.length === 0) continue;
      lines += 1;
      dispatch(line, handlers);
    }
  }
  // A clean end of the body with a fragment left: the server cut an event, so something is missing.
  if (pending.trim().length > 0)
    throw new ProtocolError(`stream ended inside a line (${pending.length} bytes)`);
  return { lines };
}

function dispatch(line: string, handlers: WatchHandlers): void {
  let event: { type?: unknown; object?: unknown };
  try {
    event = JSON.parse(line) as { type?: unknown; object?: unknown };
  } catch {
    throw new ProtocolError(`malformed watch line: ${line.slice(0, 120)}`);
  }
  const object = event.object;
  if (typeof object !== 'object' || object === null) throw new ProtocolError('watch event without object');
  const raw = object as Record<string, unknown>;
  switch (event.type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
      handlers.onEvent(event.type, raw, line.length);
      return;
    case 'BOOKMARK': {
      const meta = (raw.metadata ?? {}) as {
        resourceVersion?: unknown;
        annotations?: Record<string, unknown>;
      };
      if (typeof meta.resourceVersion !== 'string' || meta.resourceVersion === '') {
        throw new ProtocolError('bookmark without resourceVersion');
      }
      handlers.onBookmark(meta.resourceVersion, meta.annotations?.['k8s.io/initial-events-end'] === 'true');
      return;
    }
    case 'ERROR':
      throw watchErrorFrom(raw);
    default:
      throw new ProtocolError(`unknown watch event type ${String(event.type)}`);
  }
}
