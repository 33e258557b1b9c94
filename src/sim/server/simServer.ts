import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { simKubeconfigYaml, writeSimKubeconfig } from '../kubeconfig.js';
import { type RawObject, SIM_KINDS, type SimKind, type SimStore } from '../simStore.js';
import { type RestartOptions, SimFaults } from './faults.js';
import { SimHistory } from './history.js';
import { handleRequest } from './router.js';
import type {
  KubeconfigUserOptions,
  RequestLogEntry,
  ServerContext,
  SimServer,
  SimServerOptions,
} from './types.js';
import type { Watcher, WatcherHost } from './watcher.js';

class SimServerImpl implements SimServer {
  readonly requests: RequestLogEntry[] = [];
  readonly faults: SimFaults;
  readonly history: SimHistory;
  port = 0;
  private http: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly watchers = new Set<Watcher>();
  private readonly ctx: ServerContext;
  private readonly unsubscribe: () => void;
  private otherWrites: NodeJS.Timeout | undefined;

  constructor(
    readonly store: SimStore,
    private readonly options: SimServerOptions,
  ) {
    this.history = new SimHistory(store, options.maxLogEntries);
    const settings = {
      watchList: options.watchList ?? false,
      deprecationWarning: options.endpointsDeprecationWarning ?? true,
      splitWrites: false,
    };
    this.faults = new SimFaults({
      watchers: () => [...this.watchers],
      history: this.history,
      restart: (o) => this.restart(o),
      settings,
    });
    const watcherHost: WatcherHost = {
      store,
      now: options.now ?? Date.now,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      splitWrites: () => settings.splitWrites,
      remove: (w) => this.watchers.delete(w),
    };
    this.ctx = {
      store,
      history: this.history,
      faults: this.faults,
      now: watcherHost.now,
      bookmarkIntervalMs: watcherHost.bookmarkIntervalMs,
      minRequestTimeoutSeconds: options.minRequestTimeoutSeconds ?? 1800,
      listBlockTimeoutMs: options.listBlockTimeoutMs ?? 3000,
      token: options.token,
      settings,
      watcherHost,
      addWatcher: (w) => this.watchers.add(w),
      serverAddress: () => `127.0.0.1:${this.port}`,
    };
    this.unsubscribe = store.onChange((change) => {
      this.history.enforceLimit();
      for (const w of [...this.watchers]) w.onChange(change);
    });
    if (options.otherWritesEveryMs !== undefined) {
      this.otherWrites = setInterval(() => store.touchOther(), options.otherWritesEveryMs);
      this.otherWrites.unref();
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  openWatches(): number {
    return this.watchers.size;
  }

  async listen(port: number): Promise<void> {
    const http = createServer((req, res) => handleRequest(this.ctx, this.requests, req, res));
    http.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // Re-binding the same port right after close can race the kernel; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          http.once('error', reject);
          http.listen(port, '127.0.0.1', () => {
            http.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw err;
        await sleep(50);
      }
    }
    this.http = http;
    this.port = (http.address() as AddressInfo).port;
  }

  private async closeListener(): Promise<void> {
    const http = this.http;
    this.http = undefined;
    for (const w of this.watchers) w.res.destroy();
    this.watchers.clear();
    for (const s of this.sockets) s.destroy();
    if (http) await new Promise<void>((resolve) => http.close(() => resolve()));
  }

  kubeconfigYaml(opts: KubeconfigUserOptions = {}): string {
    return simKubeconfigYaml({ server: this.url, ...opts, token: opts.token ?? this.options.token });
  }

  writeKubeconfig(path: string, opts: KubeconfigUserOptions = {}): void {
    writeSimKubeconfig(path, { server: this.url, ...opts, token: opts.token ?? this.options.token });
  }

  async restart(opts: RestartOptions): Promise<void> {
    const port = this.port;
    await this.closeListener();
    if (opts.resetRevision !== undefined) {
      const rev = opts.resetRevision;
      let objects: { kind: SimKind; object: RawObject }[] = [];
      for (const kind of SIM_KINDS) {
        for (const object of this.store.list(kind)) objects.push({ kind, object });
      }
      if (opts.mutate) objects = opts.mutate(objects);
      objects = objects.map(({ kind, object }) => ({
        kind,
        object: { ...object, metadata: { ...object.metadata, resourceVersion: String(rev) } },
      }));
      this.store.resetTo(rev, objects);
      this.history.resetTo(rev);
    } else {
      this.history.raiseWatchFloor(this.store.revision);
    }
    await sleep(opts.downMs);
    await this.listen(port);
  }

  async stop(): Promise<void> {
    clearInterval(this.otherWrites);
    this.unsubscribe();
    await this.closeListener();
  }
}

/**
 * Starts the simulated kube-apiserver on 127.0.0.1 (`options.port`, default a free port), serving
 * `store` over list/watch with kube's semantics and the fault knobs of `server.faults`.
 */
export async function startSimServer(store: SimStore, options: SimServerOptions = {}): Promise<SimServer> {
  const server = new SimServerImpl(store, options);
  await server.listen(options.port ?? 0);
  return server;
}
