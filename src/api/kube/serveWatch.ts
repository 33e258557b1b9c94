import type { ServerResponse } from 'node:http';
import { ephError } from '../../errors/index.js';
import type { KubeResource } from '../../kube/kubeResources.js';
import { kubeStatus } from '../../kube/kubeStatus.js';
import { warningHeaderValue } from '../../kube/warningHeader.js';
import { watchEventLine } from '../../kube/watchEventLine.js';
import { formatTime } from '../../util/time.js';
import { FUTURE, gapText } from './gapText.js';
import { type ReplayPlan, type ReplayTiming, ReplayWatch, type WatchWriter } from './ReplayWatch.js';
import { type ReadScope, selectionOf } from './serveRead.js';

/**
 * Decides what a watch request replays. `resourceVersion` is a log position: unset or "0" sends the
 * state at T as ADDED events, then the changes after T; N sends the changes after position N (a
 * list's or a bookmark's resourceVersion), paced from the later of T and when N was recorded.
 * `sendInitialEvents=true` (WatchList) needs `resourceVersionMatch=NotOlderThan`, as the API server
 * requires, and ends its initial state with the initial-events-end bookmark.
 */
export async function planWatch(
  s: ReadScope,
  r: KubeResource,
  namespace: string | undefined,
  speed: number,
): Promise<ReplayPlan> {
  const o = s.options;
  if (r.kind === 'Namespace')
    throw ephError(
      'EPH_ERR_BAD_ARGUMENT',
      'namespaces are derived from the recorded objects and cannot be watched',
    );
  if (o.sendInitialEvents !== undefined && o.resourceVersionMatch !== 'NotOlderThan')
    throw ephError(
      'EPH_ERR_BAD_ARGUMENT',
      'sendInitialEvents: Forbidden: sendInitialEvents requires resourceVersionMatch=NotOlderThan',
    );
  if (o.sendInitialEvents === undefined && o.resourceVersionMatch !== undefined)
    throw ephError(
      'EPH_ERR_BAD_ARGUMENT',
      'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
  const rv = o.resourceVersion;
  if (rv !== undefined && !/^\d{1,15}$/.test(rv))
    throw ephError(
      'EPH_ERR_BAD_ARGUMENT',
      `resourceVersion: Invalid value: "${rv}": a watch's resourceVersion is a log position of this history (a list's or a bookmark's)`,
    );
  const matches = selectionOf(s, r, namespace);
  const fromState = rv === undefined || rv === '0' || o.sendInitialEvents === true;
  const head = await s.reads.headAt(s.cluster, r.kind, s.at);
  let startAfter = head;
  let base = s.at;
  let initial = null;
  if (fromState) {
    const answer = await s.reads.objectsAt(s.cluster, r.kind, s.at, {
      namespace: namespace ?? null,
      name: null,
    });
    initial = answer.items.filter(matches);
  } else {
    startAfter = Number(rv);
    // a position this log has not reached was not made by it (another database, or one rebuilt):
    // replaying "after" it would stream nothing, which reads as "nothing changed"
    const logHead = await s.reads.logHead();
    if (startAfter > logHead)
      throw ephError(
        'EPH_ERR_BAD_ARGUMENT',
        `resourceVersion: Invalid value: "${rv}": too large resource version: this history's log ends at position ${logHead} (list again for a position of this history)`,
      );
    if (startAfter > head) base = Math.max(s.at, (await s.reads.observedAt(startAfter)) ?? s.at);
  }
  return {
    reads: s.reads,
    cluster: s.cluster,
    resource: r,
    namespace,
    matches,
    startAfter,
    base,
    initial,
    initialEventsEnd: o.sendInitialEvents === true,
    speed: s.live ? 1 : speed,
    bookmarks: o.allowWatchBookmarks,
    timeoutMs: o.timeoutSeconds === undefined ? null : o.timeoutSeconds * 1000,
    table: s.table,
  };
}

/**
 * A Warning for a replay that starts in, or crosses, a recording gap: what it sends there came late
 * or not at all. A gap after the last recorded moment is not crossed: the replay ends before it.
 * A replay from a moment the query's coverage says is after now (`future`) starts from a state
 * nobody recorded yet.
 */
export async function replayWarning(
  s: ReadScope,
  r: KubeResource,
  now: number,
): Promise<Record<string, string>> {
  const start = await s.reads.coverageAt(s.cluster, r.kind, s.at);
  if (start.gaps.some((g) => g.reason === FUTURE))
    return {
      Warning: warningHeaderValue(
        `endpoints-history: the replay of ${r.plural} from ${formatTime(s.at)} starts after now (${formatTime(now)}): nothing is recorded there yet; its state is the last recorded one`,
      ),
    };
  const spans = await s.reads.coverageBetween(s.cluster, r.kind, s.at, Math.max(s.at, now));
  const lastRecorded = Math.max(...spans.filter((i) => i.covered).map((i) => i.to ?? now));
  const gaps = spans.filter((i) => !i.covered && (i.from ?? s.at) < lastRecorded);
  if (gaps.length === 0) return {};
  return {
    Warning: warningHeaderValue(
      `endpoints-history: the replay of ${r.plural} from ${formatTime(s.at)} crosses recording gaps (${gapText(gaps)}): changes inside them arrive when the recorder learned them, or are missing`,
    ),
  };
}

/** A writer that waits for the socket to drain (a slow client slows the replay, not the server's memory). */
function socketWriter(res: ServerResponse): WatchWriter {
  return (line) =>
    new Promise((resolve) => {
      if (res.destroyed || res.writableEnded) {
        resolve(false);
        return;
      }
      if (res.write(line)) resolve(true);
      else res.once('drain', () => resolve(!res.destroyed));
    });
}

/**
 * Serves a watch on the raw response: 200, headers flushed before any event (so clients see the
 * stream open), one JSON event per line, the end of the body when the replay ends. A failure after
 * the headers is one in-band ERROR event, as the API server sends it.
 */
export async function serveWatch(
  res: ServerResponse,
  plan: ReplayPlan,
  headers: Record<string, string>,
  timing: ReplayTiming,
  signal: AbortSignal,
  onError: (error: unknown) => void,
): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.flushHeaders();
  const write = socketWriter(res);
  try {
    await new ReplayWatch(plan, timing, write, signal).run();
  } catch (error) {
    onError(error);
    await write(
      watchEventLine('ERROR', {
        ...kubeStatus(500, 'InternalError', 'the replay failed; details are in the server log'),
      }),
    );
  }
  if (!res.destroyed) res.end();
}
