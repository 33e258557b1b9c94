import type { FastifyBaseLogger } from 'fastify';
import type { History, MembershipChangeOut } from '../../../query/index.js';
import { getOrCreate } from '../../../util/getOrCreate.js';

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
 * once (one indexed read); only for the services whose watchers have not all seen it does it read
 * the observed_at span of the new events and the service's changes over it, keeping those caused by
 * events the watcher has not seen.
 */
export class MembershipPoller {
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | null = null;
  /** The round in progress: a round never starts while the previous one still reads. */
  private round: Promise<void> | null = null;

  constructor(
    private readonly history: History,
    private readonly options: { intervalMs: number; log?: FastifyBaseLogger },
  ) {}

  /**
   * Sends every change of `key` caused by an event after position `after` (the log's head when the
   * subscription started: `History.eventLogHead`) to `send`, until the returned stop is called.
   */
  watch(key: ServiceKey, after: number, send: (change: MembershipChangeOut) => void): () => void {
    const w: Watcher = { key, after, send };
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

  /**
   * One round: publishes what was recorded since the last round (a round asked for while one runs
   * is that round). Errors are logged, never thrown.
   */
  poll(): Promise<void> {
    this.round ??= this.pollOnce().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  private async pollOnce(): Promise<void> {
    try {
      const byKey = new Map<string, Watcher[]>();
      for (const w of this.watchers) getOrCreate(byKey, keyText(w.key), () => []).push(w);
      if (byKey.size === 0) return;
      for (const group of byKey.values()) {
        const head = await this.history.eventLogHead(group[0]!.key.cluster);
        const after = Math.min(...group.map((w) => w.after));
        // no event after `after`: exactly when observedSince(after) would answer null
        if (after < head) await this.pollService(group, after);
      }
    } catch (err) {
      this.options.log?.error({ err }, 'subscription poll failed');
    }
  }

  private async pollService(group: Watcher[], after: number): Promise<void> {
    const span = await this.history.observedSince(after, group[0]!.key.cluster);
    if (!span) return;
    const { cluster, namespace, service } = group[0]!.key;
    const changes = await this.history.membershipChanges({
      cluster,
      namespace,
      service,
      from: span.min,
      to: span.max,
    });
    for (const node of changes)
      for (const w of group) if (node.position > w.after && node.position <= span.head) w.send(node);
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
