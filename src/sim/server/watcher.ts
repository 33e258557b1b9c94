import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildTable, type TableRequest } from '../../kube/printers/index.js';
import type { RawObject, SimChange, SimStore } from '../simStore.js';
import type { SimResource } from './resources.js';
import type { Status } from './statusObjects.js';
import { bookmarkObject, toWatchEvent, type WatchEvent } from './watchEvents.js';

/** What a watcher needs from its server: the store, clock and the live fault switches. */
export interface WatcherHost {
  store: SimStore;
  now: () => number;
  bookmarkIntervalMs: number;
  splitWrites: () => boolean;
  remove: (w: Watcher) => void;
}

export interface WatcherSpec {
  resource: SimResource;
  matches: (o: RawObject) => boolean;
  allowBookmarks: boolean;
  /** Changes with rev ≤ startAfter are not delivered (they were replayed or are in the initial state). */
  startAfter: number;
  /** Absolute deadline (ms since epoch, real clock) at which the stream ends cleanly. */
  deadline: number;
  table: TableRequest | null;
}

const SPLIT_PARTS = 3;
const SPLIT_DELAY_MS = 3;

/**
 * One open watch stream. Events are queued and flushed on the next macrotask, so the synchronous
 * bursts a controller produces arrive coalesced in one write, as when the apiserver drains its channel.
 * While stalled the queue grows and nothing (not even bookmarks) is written; unstall flushes it.
 */
export class Watcher {
  stalled = false;
  private readonly outbox: string[] = [];
  private flushScheduled = false;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  private ending = false;
  private cutNextLine = false;
  private preDeadlineBookmarkSent = false;
  private bookmarkTimer: NodeJS.Timeout | undefined;
  private readonly deadlineTimer: NodeJS.Timeout;

  constructor(
    private readonly host: WatcherHost,
    private readonly spec: WatcherSpec,
    readonly res: ServerResponse,
  ) {
    res.on('close', () => this.cleanup());
    this.deadlineTimer = setTimeout(() => this.end(), Math.max(0, spec.deadline - Date.now()));
    this.scheduleBookmark();
  }

  /** Queues events computed at start (replay or initial state), in order. */
  sendAll(events: WatchEvent[]): void {
    for (const e of events) this.enqueue(e);
  }

  onChange(change: SimChange): void {
    if (this.closed || change.rev <= this.spec.startAfter) return;
    const event = toWatchEvent(change, this.spec.resource, this.spec.matches);
    if (event) this.enqueue(event);
  }

  /**
   * Queues a BOOKMARK at the current head. As in cache_watcher.go, a periodic bookmark is only sent
   * once the head has passed the watch's start RV (so a watch ahead of storage stays silent, and a
   * quiet store sends none); the WatchList initial-events-end bookmark is sent at the start RV itself.
   */
  sendBookmark(initialEventsEnd = false): void {
    const head = this.host.store.revision;
    if (this.closed || this.stalled) return;
    if (initialEventsEnd ? head < this.spec.startAfter : head <= this.spec.startAfter) return;
    this.enqueue({ type: 'BOOKMARK', object: bookmarkObject(this.spec.resource, head, initialEventsEnd) });
  }

  /** Sends one ERROR event and ends the stream (errors after the RV parsed are in-band). */
  fail(status: Status): void {
    this.enqueue({ type: 'ERROR', object: status as unknown as Record<string, unknown> });
    this.end();
  }

  /** Ends the chunked body cleanly once queued events are written (deferred while stalled). */
  end(): void {
    this.ending = true;
    this.scheduleFlush();
  }

  /** Slow-watcher kill: queued events are dropped and the body ends without an ERROR. */
  kill(): void {
    this.outbox.length = 0;
    this.stalled = false;
    this.end();
  }

  /** Destroys the socket, between events or (midLine) after half of the next event line. */
  drop(midLine: boolean): void {
    if (this.closed) return;
    if (!midLine) {
      this.res.destroy();
      return;
    }
    this.cutNextLine = true;
    if (this.outbox.length > 0) this.scheduleFlush();
  }

  unstall(): void {
    this.stalled = false;
    this.scheduleFlush();
  }

  private enqueue(event: WatchEvent): void {
    if (this.closed) return;
    this.outbox.push(`${JSON.stringify(this.render(event))}\n`);
    this.scheduleFlush();
  }

  private render(event: WatchEvent): WatchEvent {
    const table = this.spec.table;
    if (!table || event.type === 'BOOKMARK' || event.type === 'ERROR') return event;
    const object = event.object as RawObject;
    const t = buildTable(
      this.spec.resource.kind,
      this.spec.resource.apiVersion,
      [object],
      {
        resourceVersion: object.metadata.resourceVersion,
      },
      table,
      this.host.now(),
    );
    return t ? { type: event.type, object: t } : event;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.closed || this.stalled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.closed || this.stalled) return;
    const lines = this.outbox.splice(0);
    const cut = this.cutNextLine && lines.length > 0;
    const split = this.host.splitWrites();
    const ending = this.ending;
    this.writing = this.writing.then(async () => {
      if (this.closed) return;
      if (cut) {
        const first = lines[0]!;
        this.res.write(first.slice(0, Math.max(1, Math.floor(first.length / 2))));
        await sleep(5);
        this.res.destroy();
        return;
      }
      if (split) {
        for (const line of lines) {
          const size = Math.ceil(line.length / SPLIT_PARTS);
          for (let i = 0; i < line.length && !this.closed; i += size) {
            this.res.write(line.slice(i, i + size));
            await sleep(SPLIT_DELAY_MS);
          }
        }
      } else if (lines.length > 0) this.res.write(lines.join(''));
      if (ending && !this.closed && this.outbox.length === 0) {
        this.closed = true;
        this.res.end();
        this.cleanup();
      }
    });
  }

  private scheduleBookmark(): void {
    if (!this.spec.allowBookmarks || this.closed) return;
    const now = Date.now();
    let next = now + this.host.bookmarkIntervalMs;
    let pre = false;
    const preDeadline = this.spec.deadline - 2000;
    if (!this.preDeadlineBookmarkSent && preDeadline <= next && preDeadline >= now) {
      next = preDeadline;
      pre = true;
    }
    this.bookmarkTimer = setTimeout(() => {
      if (pre) this.preDeadlineBookmarkSent = true;
      this.sendBookmark();
      this.scheduleBookmark();
    }, next - now);
  }

  private cleanup(): void {
    this.closed = true;
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.bookmarkTimer);
    this.host.remove(this);
  }
}
