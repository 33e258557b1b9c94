import type { RawObject, SimKind } from '../simStore.js';
import type { SimHistory } from './history.js';
import { defaultStatusFor, type Status } from './statusObjects.js';
import type { Watcher } from './watcher.js';

/** An HTTP error answered before any streaming, for the next `count` matching requests. */
export interface HttpErrorSpec {
  status: number;
  /** Only requests whose path contains this; absent = any list/watch/get of a served resource. */
  pathIncludes?: string;
  /** How many requests get it (default 1). */
  count?: number;
  /** Sets `Retry-After` (seconds), e.g. for 429/503. */
  retryAfterSeconds?: number;
  /** Response body; default a Status matching the code (403 is the RBAC Forbidden of the reference). */
  body?: Status | Record<string, unknown>;
}

export interface RestartOptions {
  /** How long connections are refused (ECONNREFUSED) before the listener comes back on the same port. */
  downMs: number;
  /**
   * etcd restore: set the store revision to this (low) number, keep the objects (their
   * resourceVersion restamped to it) and forget all history. Without it the revision is kept and only
   * the watch-cache floor rises to the restart revision.
   */
  resetRevision?: number;
  /** With `resetRevision`: rewrite the kept objects first (e.g. give them new uids). */
  mutate?: (objects: { kind: SimKind; object: RawObject }[]) => { kind: SimKind; object: RawObject }[];
}

/** What the fault knobs act on, provided by the server. */
export interface FaultHost {
  watchers: () => Watcher[];
  history: SimHistory;
  restart: (opts: RestartOptions) => Promise<void>;
  settings: { watchList: boolean; deprecationWarning: boolean; splitWrites: boolean };
}

/**
 * Fault-injection knobs of the simulated apiserver, each a way real clusters fail clients.
 * Stall model: a stall affects the streams open when `stall()` is called (half-open connections);
 * their events are QUEUED (not dropped) and written on `unstall()`; new watches are unaffected.
 */
export class SimFaults {
  private readonly inBand: { status: Status; remaining: number }[] = [];
  private readonly http: (HttpErrorSpec & { remaining: number })[] = [];
  private readonly forbidden = new Set<string>();

  constructor(private readonly host: FaultHost) {}

  /** Destroys every open watch socket now, or (midLine) each after half of its next event line. */
  dropConnections(opts: { midLine?: boolean } = {}): number {
    const ws = this.host.watchers();
    for (const w of ws) w.drop(opts.midLine === true);
    return ws.length;
  }

  /** Open watch streams go silent (no events, no bookmarks, no timeout end) until `unstall()`. */
  stall(): number {
    const ws = this.host.watchers();
    for (const w of ws) w.stalled = true;
    return ws.length;
  }

  unstall(): void {
    for (const w of this.host.watchers()) w.unstall();
  }

  /** Writes each event line in several chunks with small delays (clients must reassemble lines). */
  splitWrites(on: boolean): void {
    this.host.settings.splitWrites = on;
  }

  /** The next `count` watches get HTTP 200, one ERROR event carrying `status`, then EOF. */
  injectInBandError(status: Status, opts: { count?: number } = {}): void {
    this.inBand.push({ status, remaining: opts.count ?? 1 });
  }

  /** The next matching requests fail with an HTTP error before any body is streamed. */
  injectHttpError(spec: HttpErrorSpec): void {
    this.http.push({ ...spec, remaining: spec.count ?? 1 });
  }

  /** Every request on `resource` (plural, e.g. 'endpointslices') gets 403 until `allow(resource)`. */
  forbid(resource: string): void {
    this.forbidden.add(resource);
  }

  allow(resource: string): void {
    this.forbidden.delete(resource);
  }

  /**
   * Ends every watch stream without an ERROR, dropping what was queued for it, and raises the
   * watch-cache floor to the head: a re-watch from any RV older than the head gets 410 (a client
   * that had already seen the head resumes without loss, as on a real server).
   */
  killSlowWatchers(): number {
    const ws = this.host.watchers();
    for (const w of ws) w.kill();
    this.host.history.raiseWatchFloor();
    return ws.length;
  }

  /** Compacts storage at `rev` (default head): expires continue tokens, Exact lists and watches below it. */
  compact(rev?: number): void {
    this.host.history.compact(rev);
  }

  restart(opts: RestartOptions): Promise<void> {
    return this.host.restart(opts);
  }

  /** The apiserver WatchList feature gate (off: `sendInitialEvents` gets 422). */
  setWatchList(on: boolean): void {
    this.host.settings.watchList = on;
  }

  setDeprecationWarning(on: boolean): void {
    this.host.settings.deprecationWarning = on;
  }

  /** @internal Consumes one injected in-band error, if any. */
  takeInBandError(): Status | undefined {
    const first = this.inBand[0];
    if (!first) return undefined;
    if (--first.remaining <= 0) this.inBand.shift();
    return first.status;
  }

  /** @internal Consumes one injected HTTP error matching `path`, if any. */
  takeHttpError(path: string, isResourceRoute: boolean): HttpErrorSpec | undefined {
    const i = this.http.findIndex((e) =>
      e.pathIncludes === undefined ? isResourceRoute : path.includes(e.pathIncludes),
    );
    const spec = this.http[i];
    if (!spec) return undefined;
    if (--spec.remaining <= 0) this.http.splice(i, 1);
    return { ...spec, body: spec.body ?? defaultStatusFor(spec.status) };
  }

  /** @internal */
  isForbidden(resource: string): boolean {
    return this.forbidden.has(resource);
  }
}
