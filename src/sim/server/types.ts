import type { SimStore } from '../simStore.js';
import type { RestartOptions, SimFaults } from './faults.js';
import type { SimHistory } from './history.js';
import type { Watcher, WatcherHost } from './watcher.js';

export interface SimServerOptions {
  /** Listening port on 127.0.0.1 (default 0 = any free port). */
  port?: number;
  /** Clock for Table ages (default Date.now). Timers (bookmarks, timeouts) use the real clock. */
  now?: () => number;
  /** Periodic bookmark interval (default 60000, kube's defaultBookmarkFrequency). */
  bookmarkIntervalMs?: number;
  /**
   * Every this many ms, a write to a resource the simulator does not serve moves the global revision
   * (`SimStore.touchOther`), as node Lease renewals and Events do in any real cluster (default: never,
   * a frozen store). Periodic bookmarks carry the revision once it has passed a watch's start, so a
   * quiet kind then hears a bookmark every `bookmarkIntervalMs`, as from a real API server whose
   * watch cache follows etcd's revision; in a frozen store it hears nothing.
   */
  otherWritesEveryMs?: number;
  /** Watches without timeoutSeconds last a random [T, 2T) seconds (default T = 1800). */
  minRequestTimeoutSeconds?: number;
  /** Sends the v1 Endpoints deprecation `Warning` header (default true, as kube ≥1.33). */
  endpointsDeprecationWarning?: boolean;
  /** The WatchList feature gate (default false → `sendInitialEvents` gets 422). */
  watchList?: boolean;
  /** When set, every request must carry `Authorization: Bearer <token>` (else 401). */
  token?: string;
  /** How long a LIST for an RV ahead of storage waits before 504 (default 3000, kube's blockTimeout). */
  listBlockTimeoutMs?: number;
  /** Keep at most this many log entries, compacting older ones (default unlimited). */
  maxLogEntries?: number;
}

/** One request as the server saw it; `status` is 0 until headers are sent. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  /** Receive time from the `now` option. */
  at: number;
}

export interface KubeconfigUserOptions {
  contextName?: string;
  /** Bearer token in the user entry; defaults to the server's required token, if any. */
  token?: string;
  namespace?: string;
}

export interface SimServer {
  readonly url: string;
  readonly port: number;
  readonly store: SimStore;
  readonly requests: RequestLogEntry[];
  readonly faults: SimFaults;
  readonly history: SimHistory;
  /** Number of open watch streams. */
  openWatches(): number;
  kubeconfigYaml(opts?: KubeconfigUserOptions): string;
  writeKubeconfig(path: string, opts?: KubeconfigUserOptions): void;
  restart(opts: RestartOptions): Promise<void>;
  stop(): Promise<void>;
}

/** Everything request handlers share. */
export interface ServerContext {
  store: SimStore;
  history: SimHistory;
  faults: SimFaults;
  now: () => number;
  bookmarkIntervalMs: number;
  minRequestTimeoutSeconds: number;
  listBlockTimeoutMs: number;
  token: string | undefined;
  settings: { watchList: boolean; deprecationWarning: boolean; splitWrites: boolean };
  watcherHost: WatcherHost;
  addWatcher: (w: Watcher) => void;
  serverAddress: () => string;
}
