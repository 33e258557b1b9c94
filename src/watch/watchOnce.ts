import { applyWatchEvent } from './applyWatchEvent.js';
import { AbortedError } from './errors.js';
import { finishSnapshot } from './finishSnapshot.js';
import { InitialEvents } from './initialEvents.js';
import { readHead } from './readHead.js';
import type { ReflectorState } from './reflectorState.js';
import { ReplayBoundary } from './replayBoundary.js';
import { collectionPath } from './resources.js';
import { startSnapshot } from './startSnapshot.js';
import { type WatchStreamResult, watchStream } from './watchStream.js';

/** A WatchList request in progress: the snapshot half of a relist, streamed. */
export interface StreamedList {
  reason: string;
  /** The server answered 200 (it accepted sendInitialEvents). */
  onAccepted(): void;
  /** The initial-events-end bookmark arrived and the snapshot is stored: the relist is done. */
  onListed(): void;
}

/**
 * One watch request to its end. Without `list` it watches from the cursor with bookmarks; a resumed
 * stream (not live before) first reads the server's head resourceVersion (readHead): the events up to
 * it are the replay of the gap (`not_before` = the gap's start, see ReplayBoundary), the later ones
 * live; it opens coverage on its first data or once it has stayed up for `resumeConfirmMs`. With `list` it is a WatchList (RV unset: a consistent state): the events before
 * the initial-events-end bookmark are the snapshot, diffed as they arrive exactly as a paginated
 * list's pages; at the bookmark the deletions follow, the cursor = bookmark RV and coverage opens,
 * then the same stream goes on as the watch. Either way the stream is aborted with `periodic-relist`
 * when the next periodic relist is due. Resolves on a clean end of the body, rejects as watchStream.
 */
export async function watchOnce(
  s: ReflectorState,
  stop: AbortSignal,
  list?: StreamedList,
): Promise<WatchStreamResult> {
  const { clock, options: o, kind, cluster, metrics } = s.d;
  const resumed = !s.live && list === undefined;
  const wasLive = s.live;
  const startedAt = clock.now();
  const diff = list === undefined ? null : startSnapshot(s, startedAt, wasLive);
  const ac = s.request.link(stop);
  let initial =
    diff === null
      ? null
      : new InitialEvents({
          cluster,
          kind,
          now: clock.now,
          sink: diff,
          onReject: (r) => metrics.eventsRejected.inc({ kind, reason: r.reason }),
        });
  let acceptedAt = startedAt;
  let replay: ReplayBoundary | null = null;
  let confirm: NodeJS.Timeout | undefined;
  let periodic: NodeJS.Timeout | undefined;
  // A streamed relist arms the periodic timer only once its snapshot is stored.
  const armPeriodic = (): void => {
    if (o.relistIntervalMs <= 0) return;
    periodic = setTimeout(
      () => ac.abort(new AbortedError('periodic-relist')),
      Math.max(0, s.nextRelistAt - clock.now()),
    );
  };
  if (list === undefined) armPeriodic();
  else s.health.state = 'listing';
  const confirmLive = (): void => {
    clearTimeout(confirm);
    if (!s.live) s.enqueue([], undefined, s.openCoverage(acceptedAt, 'resume'));
  };
  const seen = (): number => {
    const t = clock.now();
    s.health.lastEventAt = t;
    if (initial === null) {
      confirmLive();
      s.heard = true;
    }
    return t;
  };
  const timeoutSeconds =
    o.watchTimeoutSeconds[0] + Math.random() * (o.watchTimeoutSeconds[1] - o.watchTimeoutSeconds[0]);
  const query =
    list === undefined
      ? { resourceVersion: s.rv ?? undefined }
      : { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan' };
  try {
    if (resumed) replay = new ReplayBoundary(await readHead(s, ac.signal));
    return await watchStream(
      s.d.http,
      collectionPath(kind, s.d.namespace),
      { ...query, allowWatchBookmarks: 'true', timeoutSeconds: String(Math.round(timeoutSeconds)) },
      ac.signal,
      o.idleTimeoutMs,
      clock.now,
      {
        onAccepted: (at) => {
          acceptedAt = at;
          if (list !== undefined) {
            s.countRelist(list.reason);
            list.onAccepted();
            return;
          }
          s.health.state = 'watching';
          if (resumed) confirm = setTimeout(confirmLive, o.resumeConfirmMs);
        },
        onBookmark: (rv, initialEventsEnd) => {
          seen();
          if (initial !== null) {
            if (!initialEventsEnd) return;
            initial = null;
            finishSnapshot(s, diff!, rv, wasLive);
            s.health.state = 'watching';
            list?.onListed();
            armPeriodic();
            return;
          }
          s.rv = rv;
          s.enqueue([], s.d.coverage.cursor(s.scope, rv));
        },
        onEvent: (type, raw, bytes) => {
          const t = seen();
          if (initial !== null) {
            initial.add(type, raw, bytes);
            return;
          }
          applyWatchEvent(s, type, raw, bytes, t, replay);
        },
      },
    );
  } finally {
    clearTimeout(confirm);
    clearTimeout(periodic);
    s.request.unlink(stop, ac);
  }
}
