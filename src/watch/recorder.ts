import { type Logger, pino } from 'pino';
import { Registry } from 'prom-client';
import type { HealthReport } from '../model/health.js';
import { KINDS, type Kind } from '../model/types.js';
import type { AppendResult, CoverageOp, EventStore } from '../store/types.js';
import { aggregateHealth } from './aggregateHealth.js';
import type { ApiAuth } from './auth/ApiAuth.js';
import { BatchWriter, type WriteUnit } from './batchWriter.js';
import { ALL_NAMESPACES, KindCoverage } from './kindCoverage.js';
import { KubeHttp } from './kubeHttp.js';
import { createRecorderMetrics, type RecorderMetrics } from './metrics.js';
import { type Clock, DEFAULT_RECORDER_OPTIONS, type RecorderOptions, SYSTEM_CLOCK } from './options.js';
import { Reachability } from './reachability.js';
import { Reflector } from './reflector.js';
import { WatchListGate } from './watchListGate.js';

export interface RecorderInit {
  /** The API server and credentials: `loadCredentials`, or `kubeConfigAuth(kc)` in-process. */
  auth: ApiAuth;
  store: EventStore;
  /** Cluster name written in every row. */
  cluster: string;
  /** Watch only these namespaces (one stream per kind and namespace); default all namespaces. */
  namespaces?: readonly string[];
  kinds?: readonly Kind[];
  clock?: Clock;
  logger?: Logger;
  registry?: Registry;
  options?: Partial<RecorderOptions>;
}

/**
 * Records Pods, Services, Endpoints and EndpointSlices of one cluster into the store until stopped.
 * Every failure becomes backoff, retry and a visible health state; it never stops on an error.
 */
export class Recorder {
  readonly registry: Registry;
  readonly metrics: RecorderMetrics;
  private readonly reflectors = new Map<Kind, Reflector[]>();
  private readonly runs: Promise<void>[] = [];
  private readonly stopper = new AbortController();
  private readonly http: KubeHttp;
  private readonly reachability = new Reachability();
  private readonly writer: BatchWriter;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly options: RecorderOptions;
  private startedAt: number | null = null;
  /** Since when appends fail (a full disk, an I/O error), and the last error; null while they work. */
  private writeFailure: { since: number; error: string } | null = null;

  constructor(private readonly init: RecorderInit) {
    this.clock = init.clock ?? SYSTEM_CLOCK;
    this.logger = init.logger ?? pino({ level: 'silent' });
    this.options = { ...DEFAULT_RECORDER_OPTIONS, ...init.options };
    this.registry = init.registry ?? new Registry();
    this.metrics = createRecorderMetrics(this.registry);
    this.http = new KubeHttp(init.auth, () => this.reachability.answered());
    this.writer = new BatchWriter(init.store, {
      flushMs: this.options.flushMs,
      maxBatch: this.options.maxBatch,
      heartbeat: { cluster: init.cluster, everyMs: this.options.heartbeatMs },
      now: this.clock.now,
      onAppended: (result, units) => {
        // A heartbeat alone may fit where events do not: only a recorded unit proves writes work.
        if (units.length > 0) this.writeFailure = null;
        this.count(result, units);
      },
      onError: (error, lostSince) => {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.writeFailure = { since: this.writeFailure?.since ?? this.clock.now(), error: message };
        this.logger.error(
          { err: error },
          'store append failed; affected kinds resume from their persisted cursor',
        );
        for (const [k, at] of lostSince) for (const r of this.reflectors.get(k) ?? []) r.writeFailed(at);
      },
    });
  }

  /**
   * Closes coverage left open by a crash at the last moment the recorder was known alive (its last
   * heartbeat; before heartbeats existed, the kind's cursor write), then starts one reflector per kind
   * and namespace and the heartbeat. Returns once they run.
   */
  start(): void {
    if (this.startedAt !== null) throw new Error('Recorder already started');
    const { store, cluster } = this.init;
    this.startedAt = this.clock.now();
    const kinds = this.init.kinds ?? KINDS;
    const scopes = this.init.namespaces?.length ? [...new Set(this.init.namespaces)] : [ALL_NAMESPACES];
    const closes: CoverageOp[] = [];
    const watchList = new WatchListGate(this.options.watchList);
    const lastObserved = store.lastObservedAt(cluster);
    const aliveAt = store.aliveAt(cluster);
    for (const kind of kinds) {
      const cursor = store.getCursor(cluster, kind);
      const openSince = store.openCoverageSince(cluster, kind);
      let gapSince = cursor?.updatedAt ?? null;
      if (openSince !== null) {
        const lastAlive =
          aliveAt === null && cursor === null ? lastObserved : Math.max(aliveAt ?? 0, cursor?.updatedAt ?? 0);
        gapSince = Math.max(openSince, lastAlive ?? openSince);
        closes.push({ op: 'close', cluster, kind, at: gapSince, reason: 'crash' });
      }
      const coverage = new KindCoverage(cluster, kind, scopes);
      if (gapSince !== null) coverage.seed(gapSince);
      const reflectors = scopes.map(
        (scope) =>
          new Reflector({
            http: this.http,
            writer: this.writer,
            store,
            cluster,
            kind,
            namespace: scope === ALL_NAMESPACES ? null : scope,
            coverage,
            clock: this.clock,
            options: this.options,
            logger: this.logger,
            metrics: this.metrics,
            gapSince,
            resumeFrom: cursor?.resourceVersion ?? null,
            watchList,
            reachability: this.reachability,
          }),
      );
      this.reflectors.set(kind, reflectors);
    }
    if (closes.length > 0) {
      if (store.synchronous) store.appendNow({ observations: [], coverage: closes });
      else
        store
          .append({ observations: [], coverage: closes })
          .catch((error: unknown) => this.logger.error({ err: error }, 'could not close coverage left open'));
      this.logger.warn({ kinds: closes.map((c) => c.kind) }, 'closed coverage left open by an unclean stop');
    }
    for (const rs of this.reflectors.values()) for (const r of rs) this.runs.push(r.run(this.stopper.signal));
    this.writer.startHeartbeat();
  }

  /** Aborts every stream, closes coverage (reason `shutdown`) and flushes what is queued. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await Promise.all(this.runs);
    this.writer.stopHeartbeat();
    this.writer.flush(true);
    this.http.close();
  }

  /**
   * Per-kind states; `ok` when every kind is watching (or not served by this cluster) and the store
   * takes writes; `degraded` with `storage.ok: false` while appends fail.
   */
  health(): HealthReport {
    const report = aggregateHealth(this.startedAt, this.reflectors);
    const w = this.writeFailure;
    return {
      ...report,
      status: w !== null && report.status === 'ok' ? 'degraded' : report.status,
      storage: { ok: w === null, failingSince: w?.since ?? null, lastError: w?.error ?? null },
    };
  }

  private count(result: AppendResult, units: readonly WriteUnit[]): void {
    const submitted = new Map<Kind, number>();
    for (const u of units) submitted.set(u.kind, (submitted.get(u.kind) ?? 0) + u.observations.length);
    const reason =
      result.unchanged === 0 ? 'duplicate' : result.duplicates === 0 ? 'unchanged' : 'duplicate-or-unchanged';
    const nowSeconds = this.clock.now() / 1000;
    for (const [kind, n] of submitted) {
      const appended = result.appendedByKind[kind] ?? 0;
      if (appended > 0) {
        this.metrics.eventsStored.inc({ kind }, appended);
        this.metrics.lastEventTimestamp.set({ kind }, nowSeconds);
      }
      if (n > appended) this.metrics.eventsDeduplicated.inc({ kind, reason }, n - appended);
    }
  }
}
