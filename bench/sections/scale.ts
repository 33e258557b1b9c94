import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Kind } from '../../src/model/types.js';
import { SimStore, startSimServer } from '../../src/sim/index.js';
import { migrate } from '../../src/store/index.js';
import { measureFreshness } from '../churn/measureFreshness.js';
import { seedCluster } from '../churn/seedCluster.js';
import { cpuMs, loadAverage, processTree, TreeRssSampler } from '../proc/procStats.js';
import { type BenchRow, fmt, percentile, row } from '../report.js';
import { nodeFlags, spawnRun } from './isolation.js';
import { openRaw, rawInsert, rowPages, timedCopy, WRITTEN_TABLES } from './store.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KINDS: readonly Kind[] = ['Service', 'Endpoints', 'EndpointSlice', 'Pod'];
/** Every table a catch-up writes, in an order that satisfies the foreign keys. */
/** CPU time (user + system) of a process and its descendants so far, in ms. */
const treeCpuMs = (root: number): number =>
  processTree(root).reduce((sum, pid) => {
    try {
      return sum + cpuMs(pid);
    } catch {
      return sum; // gone meanwhile
    }
  }, 0);

/** The memory target of issue #17 for a cluster of this size (whole process tree). */
const rssTargetMb = (pods: number) => (pods <= 50_000 ? 300 : 600);

/**
 * Issue #17 (Kubernetes' published limits, 150,000 pods / 7,500 services): `endpoints-history run`
 * starting on a cluster of `pods` pods in `services` services served by the simulated API server
 * (paginated lists of 500, as the real server), measured from outside: when each kind's coverage
 * opened (its snapshot stored and its watch started) after the process started, the initial list's
 * pods/s beside a raw insert of the very rows it wrote (a baseline in the same run), the peak
 * resident set of the whole process tree, and freshness at `perSecond` changes/s after catch-up.
 * `extraArgs` go to `run` (e.g. `--watch-list`).
 */
export async function benchScale(
  dir: string,
  pods: number,
  services: number,
  log: (s: string) => void,
  extraArgs: readonly string[] = [],
  perSecond = 200,
): Promise<BenchRow[]> {
  const label = `${fmt(pods / 1000)}k pods`;
  const section = `scale ${label}${extraArgs.length ? ` ${extraArgs.join(' ')}` : ''}`;
  const loadAtStart = loadAverage();
  const store = new SimStore();
  const seeded = seedCluster(store, pods, services);
  const server = await startSimServer(store, { bookmarkIntervalMs: 5000, otherWritesEveryMs: 1000 });
  const kubeconfig = join(dir, `scale-${pods}.kubeconfig`);
  server.writeKubeconfig(kubeconfig, { contextName: 'bench' });
  const dbPath = join(dir, `scale-${pods}-${Date.now()}.db`);
  log(`  ${fmt(seeded.objects)} objects (${fmt(pods)} pods, ${fmt(services)} services); starting run…`);
  const startedAt = Date.now();
  const started = performance.now();
  const run = spawnRun(kubeconfig, dbPath, extraArgs);
  const rss = new TreeRssSampler(run.child.pid!);
  let db: Database.Database | null = null;
  try {
    await run.found;
    // When each kind's coverage opened, from outside (the open interval's start, written with the
    // snapshot's last unit), relative to the process start.
    const coveredAt = new Map<Kind, number>();
    let firstPodAt = Number.NaN;
    while (performance.now() - started < 600_000 && coveredAt.size < KINDS.length) {
      await sleep(100);
      try {
        if (db === null) {
          db = new Database(dbPath, { readonly: true, fileMustExist: true });
          db.pragma('busy_timeout = 2000');
        }
        const open = db
          .prepare('SELECT kind, MIN(started_at) AS at FROM coverage WHERE ended_at IS NULL GROUP BY kind')
          .all() as { kind: Kind; at: number }[];
        for (const o of open) if (!coveredAt.has(o.kind)) coveredAt.set(o.kind, o.at - startedAt);
      } catch {
        // not created or not migrated yet
      }
    }
    if (db === null || coveredAt.size < KINDS.length)
      throw new Error(`run did not cover all kinds within 600 s (${[...coveredAt.keys()].join(', ')})`);
    const allMs = Math.max(...coveredAt.values());
    firstPodAt =
      (db
        .prepare(
          `SELECT MIN(e.observed_at) FROM events e JOIN objects o ON o.id = e.object_id WHERE o.kind = 'Pod'`,
        )
        .pluck()
        .get() as number) - startedAt;
    const catchUpPeak = rss.take();
    const catchUpCpuMs = treeCpuMs(run.child.pid!);
    const podsMs = coveredAt.get('Pod')!;
    log(`  all kinds covered ${fmt(allMs / 1000, 1)} s after start; raw insert of the same rows…`);

    // Baseline: every row the catch-up wrote, inserted raw (prepared statements, batches of 500, the
    // full schema with its indexes, the store's connection settings) into a fresh database.
    const raw = openRaw(join(dir, `scale-raw-${pods}.db`));
    migrate(raw);
    let rawMs = 0;
    let rawRows = 0;
    for (const table of WRITTEN_TABLES) {
      const copy = timedCopy(raw, rowPages(db, table), rawInsert(db, raw, table), true);
      rawMs += copy.ms;
      rawRows += copy.rows;
    }
    raw.close();
    const catchUpEvents = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    const rawObjectsPerS = catchUpEvents / (rawMs / 1000);

    log(`  churn at ${perSecond}/s for 20 s…`);
    const churn = await measureFreshness({
      store,
      models: seeded.models,
      db,
      perSecond,
      durationMs: 20_000,
      cluster: 'bench',
    });
    const peak = rss.take();
    const exited = new Promise<number | null>((resolve) => run.child.once('exit', resolve));
    run.child.kill('SIGTERM');
    const exitCode = await exited;
    const loadAtEnd = loadAverage();
    const p99 = percentile(churn.lags, 99);
    const rssTarget = rssTargetMb(pods);
    return [
      row(
        section,
        'machine load average (1 min) at start / end',
        `${fmt(loadAtStart, 2)} / ${fmt(loadAtEnd, 2)}`,
      ),
      row(
        section,
        `covered after start: ${KINDS.map((k) => k).join(' / ')}`,
        KINDS.map((k) => `${fmt(coveredAt.get(k)! / 1000, 1)}`).join(' / ') + ' s',
      ),
      row(
        section,
        `all four kinds covered after start (${fmt(seeded.objects)} objects)`,
        `${fmt(allMs / 1000, 1)} s`,
        '≤ 30 s',
        allMs <= 30_000,
      ),
      row(
        section,
        'initial list, pods/s: from start / from the first pod stored',
        `${fmt(pods / (podsMs / 1000))} / ${fmt(pods / ((podsMs - firstPodAt) / 1000))}`,
      ),
      row(
        section,
        'CPU time of the run process tree until all kinds were covered (less sensitive to load)',
        `${fmt(catchUpCpuMs / 1000, 1)} s (${fmt(catchUpCpuMs / (seeded.objects / 1000), 0)} ms per 1,000 objects)`,
      ),
      row(
        section,
        `raw insert of the ${fmt(rawRows)} rows the catch-up wrote, as objects/s (baseline)`,
        `${fmt(rawObjectsPerS)} (catch-up from start: ${fmt((100 * catchUpEvents) / (allMs / 1000) / rawObjectsPerS)}% of it)`,
      ),
      row(
        section,
        `peak RSS of the process tree: catch-up / overall (node flags: ${nodeFlags || 'none'})`,
        `${fmt(catchUpPeak)} / ${fmt(peak)} MB`,
        `≤ ${rssTarget} MB`,
        peak <= rssTarget,
      ),
      row(
        section,
        `freshness p50 / p99 at ${perSecond} changes/s after catch-up (${fmt(churn.lags.length)} changes)`,
        `${fmt(percentile(churn.lags, 50), 1)} / ${fmt(p99, 1)} ms`,
        'p99 ≤ 100 ms',
        p99 <= 100,
      ),
      row(section, 'exit status after SIGTERM', String(exitCode), '0', exitCode === 0),
    ];
  } finally {
    rss.stop();
    db?.close();
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await server.stop();
  }
}
