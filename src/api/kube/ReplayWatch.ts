import type { TableRequest } from '../../kube/index.js';
import type { KubeResource } from '../../kube/kubeResources.js';
import { bookmarkObject, type KubeWatchType, watchEventLine } from '../../kube/watchEventLine.js';
import type { SlimEndpointSlice } from '../../model/types.js';
import type { StoredEvent } from '../../store/index.js';
import type { ClusterRef, KubeReads } from './KubeReads.js';
import { type KubeJson, kubeObject } from './kubeObjects.js';
import { servedTable } from './servedTable.js';

/** The clock and pace of replays: injected, so that tests replay hours in no time. */
export interface ReplayTiming {
  /** Waits `ms` of wall time, or less when `signal` aborts (never rejects). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** How often a replay that reached the end of the log looks for new changes (live recording). */
  pollMs: number;
  /** How often a watch that allows bookmarks gets one (the API server: about a minute). */
  bookmarkMs: number;
}

/** One watch request, decided: what to replay from where, how fast, and how to print it. */
export interface ReplayPlan {
  reads: KubeReads;
  cluster: ClusterRef;
  resource: KubeResource;
  /** The namespace watched (undefined: all). A namespace never changes, so other namespaces' changes are passed over unread. */
  namespace: string | undefined;
  matches: (o: KubeJson) => boolean;
  /** Log position after which changes are replayed. */
  startAfter: number;
  /** The history's time the replay starts at: a change observed at t is sent (t - base) / speed after the start. */
  base: number;
  /** The state sent first as ADDED events (resourceVersion unset or "0", or sendInitialEvents); null for none. */
  initial: KubeJson[] | null;
  /** After the initial state, a BOOKMARK annotated `k8s.io/initial-events-end` (WatchList). */
  initialEventsEnd: boolean;
  speed: number;
  bookmarks: boolean;
  /** Wall-time budget (`timeoutSeconds`); null: until the recording ends or the client leaves. */
  timeoutMs: number | null;
  table: TableRequest | null;
}

/** Where the replay writes its lines; resolves once the line is handed over (false: the client is gone). */
export type WatchWriter = (line: string) => Promise<boolean>;

const PAGE = 500;
/** Longest single wait: Node fires a timer of more than 2^31 - 1 ms (24.8 days) at once. */
const MAX_STEP_MS = 3_600_000;
/** A served state known to be unknown (the moment was not recorded): neither present nor absent. */
const UNKNOWN = 'unknown' as const;
type State = KubeJson | null | typeof UNKNOWN;

const same = (a: State, b: State): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A watch as a replay of the log: the recorded changes after `startAfter`, in log order, each sent
 * when its original spacing (divided by the speed) has passed, as ADDED/MODIFIED/DELETED of what the
 * watch selects (an object entering the selection is ADDED, one leaving it DELETED, as the API server
 * does); bookmarks at the position reached; the end where the recording ends (no change left and no
 * kind still recorded), or following new changes as they are recorded. v1 Endpoints are replayed as
 * `get endpoints` answers them at each change of the Service, its slices or its Endpoints.
 */
export class ReplayWatch {
  private elapsed = 0;
  private nextBookmark: number;
  /** Everything at or before this position has been sent (or was not selected): a resume point. */
  private delivered: number;
  private readonly states = new Map<string, State>();

  constructor(
    private readonly plan: ReplayPlan,
    private readonly timing: ReplayTiming,
    private readonly write: WatchWriter,
    private readonly signal: AbortSignal,
  ) {
    this.delivered = plan.startAfter;
    this.nextBookmark = timing.bookmarkMs;
  }

  async run(): Promise<void> {
    const p = this.plan;
    if (p.initial !== null) {
      for (const o of p.initial) {
        this.states.set(this.stateKey(o), o);
        if (!(await this.send('ADDED', o, p.base))) return;
      }
      if (p.initialEventsEnd && p.bookmarks && !(await this.bookmark(true))) return;
    }
    let scanned = p.startAfter;
    for (;;) {
      const head = await p.reads.logHead();
      const batch = await p.reads.changesAfter(p.cluster, p.resource.kind, scanned, PAGE);
      if (batch.length === 0) {
        scanned = Math.max(scanned, head);
        this.delivered = scanned;
        if (!(await p.reads.stillRecording(p.cluster, p.resource.kind))) {
          if (p.bookmarks) await this.bookmark();
          return;
        }
        if (!(await this.wait(this.elapsed + this.timing.pollMs))) return;
        continue;
      }
      for (const e of batch) {
        const due = Math.max(0, (e.observedAt - p.base) / p.speed);
        if (!(await this.wait(due))) return;
        if (!(await this.apply(e))) return;
        this.delivered = e.position;
      }
      scanned =
        batch.length < PAGE
          ? Math.max(head, batch[batch.length - 1]!.position)
          : batch[batch.length - 1]!.position;
    }
  }

  /** Waits until `until` ms into the replay, sending bookmarks on the way; false when the watch is over. */
  private async wait(until: number): Promise<boolean> {
    const limit = this.plan.timeoutMs;
    while (this.elapsed < until) {
      let step = Math.min(until - this.elapsed, MAX_STEP_MS);
      if (this.plan.bookmarks) step = Math.min(step, Math.max(0, this.nextBookmark - this.elapsed));
      if (limit !== null) step = Math.min(step, limit - this.elapsed);
      if (step > 0) await this.timing.sleep(step, this.signal);
      if (this.signal.aborted) return false;
      this.elapsed += step;
      if (limit !== null && this.elapsed >= limit) {
        if (this.plan.bookmarks) await this.bookmark();
        return false;
      }
      if (this.plan.bookmarks && this.elapsed >= this.nextBookmark) {
        this.nextBookmark = this.elapsed + this.timing.bookmarkMs;
        if (!(await this.bookmark())) return false;
      }
    }
    return !this.signal.aborted;
  }

  private stateKey(o: KubeJson): string {
    return this.plan.resource.kind === 'Endpoints'
      ? `${o.metadata.namespace}/${o.metadata.name}`
      : String(o.metadata.uid ?? `${o.metadata.namespace}/${o.metadata.name}`);
  }

  /** Turns one recorded change into what the watch sees; false when the client is gone. */
  private async apply(e: StoredEvent): Promise<boolean> {
    const p = this.plan;
    if (p.namespace !== undefined && e.namespace !== p.namespace) return true;
    if (p.resource.kind === 'Endpoints') return this.applyToEndpoints(e);
    const known = this.states.get(e.uid);
    const before: State =
      known !== undefined
        ? known
        : ((o) => (o === null ? null : kubeObject(o)))(
            await p.reads.objectBefore(p.cluster, e.kind, e.uid, e.position),
          );
    const last = kubeObject(e.object);
    const after = e.type === 'DELETED' ? null : last;
    this.states.set(e.uid, after);
    return this.transition(before, after, last, e.observedAt);
  }

  /** The service a change of a Service, an Endpoints or an EndpointSlice bears on. */
  private async applyToEndpoints(e: StoredEvent): Promise<boolean> {
    const p = this.plan;
    const service = e.kind === 'EndpointSlice' ? (e.object as SlimEndpointSlice).serviceName : e.name;
    if (service === null) return true;
    const key = `${e.namespace}/${service}`;
    const before = this.states.has(key)
      ? this.states.get(key)!
      : await p.reads.endpointsOf(p.cluster, e.namespace, service, p.base);
    const after = await p.reads.endpointsOf(p.cluster, e.namespace, service, e.observedAt);
    if (after === UNKNOWN || same(before, after)) return true;
    this.states.set(key, after);
    return this.transition(before, after, before === UNKNOWN ? null : before, e.observedAt);
  }

  /**
   * Kube's watch semantics for a selection (cache_watcher.go): a change that keeps the object in it is
   * MODIFIED, one that brings it in ADDED, one that takes it out DELETED with its previous body at the
   * change's resourceVersion; a deletion is DELETED with `deleted`, the object's last body.
   */
  private async transition(
    before: State,
    after: KubeJson | null,
    deleted: KubeJson | null,
    at: number,
  ): Promise<boolean> {
    const m = this.plan.matches;
    const prior = before === UNKNOWN ? null : before;
    const was = prior !== null && m(prior);
    if (after !== null) {
      if (m(after)) return this.send(was ? 'MODIFIED' : 'ADDED', after, at);
      if (!was) return true;
      const metadata = { ...prior!.metadata, resourceVersion: after.metadata.resourceVersion };
      return this.send('DELETED', { ...prior!, metadata }, at);
    }
    return was ? this.send('DELETED', deleted ?? prior!, at) : true;
  }

  private async send(type: KubeWatchType, o: KubeJson, at: number): Promise<boolean> {
    const { resource: r, table } = this.plan;
    const object = table
      ? servedTable(r, [o], { resourceVersion: String(o.metadata.resourceVersion ?? '') }, table, at)
      : { kind: r.kind, apiVersion: r.apiVersion, ...o };
    return this.write(watchEventLine(type, object));
  }

  private async bookmark(initialEventsEnd = false): Promise<boolean> {
    const object = bookmarkObject(this.plan.resource, String(this.delivered));
    if (initialEventsEnd)
      (object.metadata as Record<string, unknown>).annotations = { 'k8s.io/initial-events-end': 'true' };
    return this.write(watchEventLine('BOOKMARK', object));
  }
}
