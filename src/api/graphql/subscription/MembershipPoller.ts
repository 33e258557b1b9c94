import type { FastifyBaseLogger } from 'fastify';
import { type History, MAX_PAGE_SIZE, type MembershipChangeOut } from '../../../query/index.js';

export interface ServiceKey {
  cluster: string | null;
  namespace: string;
  service: string;
}

interface Watcher {
  key: ServiceKey;
  /** Changes caused by events after this position are new to this watcher. */
  after: number;
  send: (change: MembershipChangeOut) => void;
}

const keyText = (k: ServiceKey) => `${k.cluster ?? ''}\u0000${k.namespace}\u0000${k.service}`;

/**
 * Streams new membership changes of watched services by polling the database: the recorder may be
 * another process, so there is nothing to listen to but the file. Each poll reads the event log head
 * (one indexed read); only when it moved does it ask `changes` for each watched service over the
 * observed_at span of the new events, keeping those caused by events the watcher has not seen.
 */
export class MembershipPoller {
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly history: History,
    private readonly options: { intervalMs: number; log?: FastifyBaseLogger },
  ) {}

  /** Sends every change recorded from now on for `key` to `send`, until the returned stop is called. */
  watch(key: ServiceKey, send: (change: MembershipChangeOut) => void): () => void {
    const w: Watcher = { key, after: this.history.eventLogHead(), send };
    this.watchers.add(w);
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), this.options.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.watchers.delete(w);
      if (this.watchers.size === 0) this.stop();
    };
  }

  /** One round: publishes what was recorded since the last round. Errors are logged, never thrown. */
  poll(): void {
    try {
      const byKey = new Map<string, Watcher[]>();
      for (const w of this.watchers) byKey.set(keyText(w.key), [...(byKey.get(keyText(w.key)) ?? []), w]);
      for (const group of byKey.values()) this.pollService(group);
    } catch (err) {
      this.options.log?.error({ err }, 'subscription poll failed');
    }
  }

  private pollService(group: Watcher[]): void {
    const after = Math.min(...group.map((w) => w.after));
    const span = this.history.observedSince(after);
    if (!span) return;
    const { cluster, namespace, service } = group[0]!.key;
    let cursor: string | null = null;
    do {
      const page = this.history.changes({
        cluster,
        namespace,
        service,
        from: span.min,
        to: span.max,
        first: MAX_PAGE_SIZE,
        after: cursor,
      });
      for (const { node } of page.edges)
        for (const w of group) if (node.position > w.after && node.position <= span.head) w.send(node);
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor !== null);
    for (const w of group) w.after = Math.max(w.after, span.head);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops polling and forgets every watcher. */
  close(): void {
    this.watchers.clear();
    this.stop();
  }
}
