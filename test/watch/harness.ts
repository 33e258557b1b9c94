import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kind } from '../../src/model/types.js';
import {
  type RequestLogEntry,
  type SimServer,
  type SimServerOptions,
  SimStore,
  startSimServer,
} from '../../src/sim/index.js';
import { makePod, makeService } from '../../src/sim/objects/index.js';
import { tooOldResourceVersion } from '../../src/sim/server/statusObjects.js';
import { SqliteStore, type Store } from '../../src/store/index.js';
import { kubeConfigAuth, Recorder, type RecorderInit, type RecorderOptions } from '../../src/watch/index.js';
import { loadKubeConfig } from '../../src/watch/kubeConfig.js';

/** Small timeouts so that every recovery path runs in well under a second. */
const FAST: Partial<RecorderOptions> = {
  idleTimeoutMs: 300,
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  forbiddenRetryMs: 300,
  resumeConfirmMs: 50,
  shortWatchMs: 0,
  relistIntervalMs: 0,
  flushMs: 10,
  listLimit: 500,
  // Pinned to paginated list + watch (whose request sequences the tests assert); WatchList tests opt in.
  watchList: false,
};

export interface Harness {
  dir: string;
  dbPath: string;
  kubeconfig: string;
  simStore: SimStore;
  sim: SimServer;
  store: SqliteStore;
  recorder: Recorder | null;
  startRecorder(init?: Partial<RecorderInit>): Recorder;
  stopRecorder(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A simulated cluster, its kubeconfig, and a store for the recorder: a SQLite file by default, or
 * the store `openStore` gives (the PostgreSQL recorder tests), typed as the harness' store.
 */
export async function startHarness(
  simOptions: SimServerOptions = {},
  openStore?: () => Promise<Store>,
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'eph-'));
  const simStore = new SimStore();
  const sim = await startSimServer(simStore, { bookmarkIntervalMs: 200, ...simOptions });
  const kubeconfig = join(dir, 'kubeconfig');
  sim.writeKubeconfig(kubeconfig, { contextName: 'sim' });
  const dbPath = join(dir, 'eph.db');
  const h: Harness = {
    dir,
    dbPath,
    kubeconfig,
    simStore,
    sim,
    store: openStore ? ((await openStore()) as SqliteStore) : SqliteStore.open(dbPath),
    recorder: null,
    startRecorder(init = {}) {
      const loaded = loadKubeConfig({ kubeconfig })!;
      const recorder = new Recorder({
        auth: kubeConfigAuth(loaded.kc),
        store: h.store,
        cluster: 'sim',
        ...init,
        options: { ...FAST, ...init.options },
      });
      recorder.start();
      h.recorder = recorder;
      return recorder;
    },
    async stopRecorder() {
      await h.recorder?.stop();
      h.recorder = null;
    },
    async close() {
      await h.stopRecorder();
      await sim.stop();
      await h.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Polls `check` until it returns a truthy value (or throws the last error after `timeoutMs`). */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until the running recorder reports `kind` as watching. */
export function watching(h: Harness, kind: Kind = 'Pod', timeoutMs = 5000): Promise<true> {
  return waitFor(() => h.recorder!.health().kinds[kind]?.state === 'watching', timeoutMs, `${kind} watching`);
}

/** A resumed watch's head probe: a `limit=1` list read for its resourceVersion only (readHead). */
export const isHeadProbe = (r: RequestLogEntry): boolean =>
  r.query.watch === undefined && r.query.limit === '1' && r.query.continue === undefined;

/** The sim's logged LIST requests (not watches, not head probes) on `path`. */
export const listsOf = (h: Harness, path = '/api/v1/pods'): RequestLogEntry[] =>
  h.sim.requests.filter((r) => r.path === path && r.query.watch === undefined && !isHeadProbe(r));

/** The head probes of resumed watches on `path`. */
export const probesOf = (h: Harness, path = '/api/v1/pods'): RequestLogEntry[] =>
  h.sim.requests.filter((r) => r.path === path && isHeadProbe(r));

/** The sim's logged watch requests on `path` (WatchList streams included). */
export const watchesOf = (h: Harness, path = '/api/v1/pods'): RequestLogEntry[] =>
  h.sim.requests.filter((r) => r.path === path && r.query.watch === 'true');

/** The sim's logged WatchList requests (watches asking for the initial events) on `path`. */
export const streamedOf = (h: Harness, path = '/api/v1/pods'): RequestLogEntry[] =>
  h.sim.requests.filter((r) => r.path === path && r.query.sendInitialEvents === 'true');

export interface EventRow {
  position: number;
  kind: string;
  uid: string;
  namespace: string;
  name: string;
  resource_version: string;
  type: string;
  source: string;
  observed_at: number;
  not_before: number | null;
}

export function events(store: SqliteStore, where = '1=1', ...params: unknown[]): EventRow[] {
  return store.db
    .prepare(`SELECT position, kind, uid, namespace, name, resource_version, type, source, observed_at, not_before
      FROM events_v WHERE ${where} ORDER BY position`)
    .all(...params) as EventRow[];
}

export interface CoverageRow {
  kind: string;
  started_at: number;
  ended_at: number | null;
  start_reason: string;
  end_reason: string | null;
}

export function coverage(store: SqliteStore, kind: string): CoverageRow[] {
  return store.db
    .prepare(
      'SELECT kind, started_at, ended_at, start_reason, end_reason FROM coverage WHERE kind = ? ORDER BY id',
    )
    .all(kind) as CoverageRow[];
}

let ipCounter = 10;

/** A running, ready pod in `namespace` with a fresh IP. */
export function putPod(
  sim: SimStore,
  namespace: string,
  name: string,
  extra: { ready?: boolean; labels?: Record<string, string> } = {},
) {
  ipCounter += 1;
  const pod = makePod({
    namespace,
    name,
    labels: extra.labels ?? { app: 'web' },
    nodeName: 'node-1',
    ips: [`10.244.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`],
    ready: extra.ready ?? true,
  });
  return sim.put('Pod', pod as unknown as Record<string, unknown>);
}

export function putService(sim: SimStore, namespace: string, name: string) {
  const svc = makeService({ namespace, name, selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] });
  return sim.put('Service', svc as unknown as Record<string, unknown>);
}

/** Rewrites a pod's readiness (a real status change: the slim hash differs). */
export function setReady(sim: SimStore, namespace: string, name: string, ready: boolean) {
  const pod = sim.get('Pod', namespace, name)!;
  const status = pod.status as { conditions?: { type: string; status: string }[] };
  const conditions = (status.conditions ?? []).map((c) =>
    c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: ready ? 'True' : 'False' } : c,
  );
  return sim.put('Pod', { ...pod, status: { ...status, conditions } });
}

/**
 * Runs `act` once, synchronously, when the sim logs the first request matching `match`: before the
 * request is served, so e.g. an in-band error injected here goes to exactly that watch.
 */
export function onRequest(h: Harness, match: (r: RequestLogEntry) => boolean, act: () => void): void {
  const push = h.sim.requests.push.bind(h.sim.requests);
  let done = false;
  h.sim.requests.push = (...entries) => {
    for (const e of entries) {
      if (!done && match(e)) {
        done = true;
        act();
      }
    }
    return push(...entries);
  };
}

/**
 * The in-band Status of a watch from a compacted resourceVersion: HTTP 200, one ERROR event with a 410
 * Expired Status ("too old resource version: 1 (5)"), then the end of the body.
 */
export const EXPIRED = tooOldResourceVersion(1, 5);

/**
 * Restarts the sim's apiserver with its revision reset to 3 and every object given a new uid: the
 * etcd restore the periodic relist must detect.
 */
export function resetWithNewUids(h: Harness): Promise<void> {
  return h.sim.faults.restart({
    downMs: 50,
    resetRevision: 3,
    mutate: (objects) =>
      objects.map((o) => ({
        ...o,
        object: { ...o.object, metadata: { ...o.object.metadata, uid: randomUUID() } },
      })),
  });
}
