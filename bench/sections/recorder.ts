import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SimStore, startSimServer } from '../../src/sim/index.js';
import { measureFreshness } from '../churn/measureFreshness.js';
import { seedCluster } from '../churn/seedCluster.js';
import { cpuMs, loadAverage, statusMb } from '../proc/procStats.js';
import { spawnRecorder } from '../proc/spawnRecorder.js';
import { type BenchRow, fmt, percentile, row } from '../report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue #3's budget: a recorder process catching up on a cluster of `pods` pods (their services,
 * slices, Endpoints) served by the simulated API server over HTTP, then following steady churn.
 * Measures catch-up time and events/s, the recorder's peak RSS, and freshness (write in the API
 * server → row visible to a reader) under `churnPerSecond` changes per second.
 */
export async function benchRecorder(
  dir: string,
  pods: number,
  log: (s: string) => void,
  churnPerSecond = 200,
): Promise<BenchRow[]> {
  const loadAtStart = loadAverage();
  const store = new SimStore();
  const { models, objects } = seedCluster(store, pods, Math.ceil(pods / 100));
  const server = await startSimServer(store, { bookmarkIntervalMs: 5000, otherWritesEveryMs: 1000 });
  const kubeconfig = join(dir, 'sim.kubeconfig');
  server.writeKubeconfig(kubeconfig, { contextName: 'bench' });
  const dbPath = join(dir, 'recorder.db');
  log(`  ${fmt(objects)} objects in the simulated API server; starting the recorder process…`);
  const started = performance.now();
  const child = spawnRecorder(kubeconfig, dbPath);
  let db: Database.Database | null = null;
  const count = () => (db ? (db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number) : 0);
  let caughtUpMs = Number.NaN;
  while (performance.now() - started < 180_000) {
    await sleep(100);
    if (!db && existsSync(dbPath)) {
      try {
        db = new Database(dbPath, { readonly: true, fileMustExist: true });
        db.pragma('busy_timeout = 2000');
      } catch {
        db = null;
      }
    }
    try {
      if (count() >= objects) {
        caughtUpMs = performance.now() - started;
        break;
      }
    } catch {
      // schema not there yet
    }
  }
  if (child.exitCode !== null || child.signalCode !== null)
    throw new Error(`the recorder process exited during catch-up (${child.exitCode ?? child.signalCode})`);
  const catchUpRss = statusMb(child.pid!);
  const catchUpCpuMs = cpuMs(child.pid!);
  log(`  caught up in ${fmt(caughtUpMs)} ms; steady churn at ${churnPerSecond}/s…`);

  // Freshness: flip readiness in the API server and time until the pod's new event is readable.
  const before = count();
  const {
    lags,
    writes,
    elapsedMs: churnMs,
  } = await measureFreshness({
    store,
    models,
    db: db!,
    perSecond: churnPerSecond,
    durationMs: 10_000,
    cluster: 'bench',
  });
  const steadyRss = statusMb(child.pid!, 'VmRSS');
  const stored = count() - before;
  const peak = statusMb(child.pid!);
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  db?.close();
  await server.stop();
  const loadAtEnd = loadAverage();
  return [
    row(
      'recorder',
      'machine load average (1 min) at start / end',
      `${fmt(loadAtStart, 2)} / ${fmt(loadAtEnd, 2)}`,
    ),
    row(
      'recorder',
      `initial list + store of ${fmt(pods)} pods (${fmt(objects)} objects)`,
      `${fmt(caughtUpMs / 1000, 1)} s`,
      '≤ 30 s',
      caughtUpMs <= 30_000,
    ),
    row('recorder', 'catch-up events/s (incl. process start)', fmt(objects / (caughtUpMs / 1000))),
    row(
      'recorder',
      'CPU time of the recorder process until caught up (less sensitive to load than the wall time)',
      `${fmt(catchUpCpuMs / 1000, 1)} s (${fmt(catchUpCpuMs / (pods / 1000), 0)} ms per 1,000 pods)`,
    ),
    row(
      'recorder',
      `peak RSS after catch-up (${fmt(pods)} pods)`,
      `${fmt(catchUpRss)} MB`,
      '≤ 300 MB',
      catchUpRss <= 300,
    ),
    row(
      'recorder',
      `steady churn: changes/s written / stored`,
      `${fmt(writes / (churnMs / 1000))} / ${fmt(stored / (churnMs / 1000))}`,
    ),
    row(
      'recorder',
      `freshness p50 / p99 at ${churnPerSecond} changes/s`,
      `${fmt(percentile(lags, 50), 1)} / ${fmt(percentile(lags, 99), 1)} ms`,
      'p99 ≤ 100 ms',
      percentile(lags, 99) <= 100,
    ),
    row('recorder', 'RSS at the end of the churn', `${fmt(steadyRss)} MB`),
    row('recorder', 'peak RSS overall', `${fmt(peak)} MB`, '≤ 300 MB', peak <= 300),
  ];
}
