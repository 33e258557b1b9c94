import type { ServerResponse } from 'node:http';
import type { TableRequest } from '../../kube/printers/index.js';
import type { ObjectFilter } from './objectFilter.js';
import type { ListOptions } from './queryOptions.js';
import type { SimResource } from './resources.js';
import { withKind } from './respond.js';
import { badRequest, tooLargeResourceVersion, tooOldResourceVersion } from './statusObjects.js';
import type { ServerContext } from './types.js';
import { waitForRevision } from './waitForRevision.js';
import type { WatchEvent } from './watchEvents.js';
import { Watcher } from './watcher.js';

/**
 * Serves a WATCH: 200 + chunked JSON lines, headers flushed before any event. Start semantics:
 * rv=N replays the log after N then goes live (410 in-band below the watch-cache floor; silent while
 * N is ahead of head); rv unset/"0" sends synthetic ADDED for the current state; WatchList
 * (sendInitialEvents=true) does the same, then a BOOKMARK annotated initial-events-end when bookmarks
 * are allowed. Validation (422) has already happened; limit/continue are ignored.
 */
export async function handleWatch(
  ctx: ServerContext,
  res: ServerResponse,
  resource: SimResource,
  filter: ObjectFilter,
  o: ListOptions,
  table: TableRequest | null,
  headers: Record<string, string>,
): Promise<void> {
  const { store, history } = ctx;
  const rvText = o.resourceVersion;
  if (rvText !== undefined && !/^\d+$/.test(rvText)) {
    const s = badRequest(`resourceVersion: Invalid value: "${rvText}": must be an integer`);
    const body = JSON.stringify(s);
    res.writeHead(400, { 'Content-Type': 'application/json', ...headers });
    res.end(body);
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.flushHeaders();

  const timeoutMs =
    o.timeoutSeconds !== undefined
      ? o.timeoutSeconds * 1000
      : (ctx.minRequestTimeoutSeconds + Math.random() * ctx.minRequestTimeoutSeconds) * 1000;
  const initialEvents = o.sendInitialEvents === true;
  const n = rvText === undefined ? undefined : Number(rvText);

  const injected = ctx.faults.takeInBandError();
  const start = (startAfter: number) => {
    const w = new Watcher(
      ctx.watcherHost,
      {
        resource,
        matches: filter.matches,
        allowBookmarks: o.allowWatchBookmarks,
        startAfter,
        deadline: Date.now() + timeoutMs,
        table,
      },
      res,
    );
    ctx.addWatcher(w);
    return w;
  };

  if (injected) {
    start(store.revision).fail(injected);
    return;
  }
  if (initialEvents && n !== undefined && n > store.revision) {
    if (!(await waitForRevision(store, n, ctx.listBlockTimeoutMs))) {
      start(store.revision).fail(tooLargeResourceVersion(n, store.revision));
      return;
    }
  }
  if (res.destroyed) return;

  if (initialEvents || n === undefined || n === 0) {
    const head = store.revision;
    const w = start(head);
    const events: WatchEvent[] = store
      .list(resource.kind)
      .filter(filter.matches)
      .map((obj) => ({ type: 'ADDED', object: withKind(obj, resource.kind, resource.apiVersion) }));
    w.sendAll(events);
    if (initialEvents && o.allowWatchBookmarks) w.sendBookmark(true);
    return;
  }
  if (n < history.watchFloor) {
    start(store.revision).fail(tooOldResourceVersion(n, history.watchFloor));
    return;
  }
  const w = start(n);
  for (const change of store.log) if (change.rev > n) w.onChange(change);
}
