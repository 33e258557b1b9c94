import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SimServer, SimStore, startSimServer } from '../../src/sim/index.js';
import { connectPostgres } from '../../src/store/postgres/connectPostgres.js';
import { type FleetMember, measureFleetFreshness } from '../churn/measureFleetFreshness.js';
import { seedCluster } from '../churn/seedCluster.js';
import { createDatabase, serverCpuMs } from '../postgres/benchDatabase.js';
import { cpuMs, loadAverage, processTree, statusMb } from '../proc/procStats.js';
import { spawnRecorder } from '../proc/spawnRecorder.js';
import { type BenchRow, fmt, percentile, row } from '../report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FleetBenchOptions {
  recorders: number;
  /** Changes per second written into each cluster. */
  perSecond: number;
  /** Pods per simulated cluster. */
  pods: number;
  durationMs: number;
}

/** CPU time (ms) of every process of the PostgreSQL server whose directory is `serverDir`, so far. */
function serverTreeCpu(serverDir: string): () => number {
  const postmaster = Number(readFileSync(join(serverDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  return () =>
    processTree(postmaster).reduce((sum, pid) => {
      try {
        return sum + cpuMs(pid);
      } catch {
        return sum; // a backend that ended meanwhile
      }
    }, 0);
}

/** Stops a child and waits for it to be gone. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Issue #14's fleet budget: `recorders` simulated clusters (each its own API server over HTTP), one
 * `record --db postgres://… --cluster-name cN` process each, all writing into one PostgreSQL
 * database at once; once every recorder has caught up, `perSecond` readiness changes a second in
 * each cluster, timed from the write in the API server until a reader sees it stored (freshness).
 */
export async function benchFleet(
  serverUrl: string,
  serverDir: string,
  dir: string,
  options: FleetBenchOptions,
  log: (s: string) => void,
): Promise<BenchRow[]> {
  const url = await createDatabase(serverUrl, 'fleet', true);
  const members: (FleetMember & { server: SimServer; objects: number })[] = [];
  for (let i = 0; i < options.recorders; i++) {
    const store = new SimStore();
    const { models, objects } = seedCluster(store, options.pods, Math.ceil(options.pods / 20));
    const server = await startSimServer(store, { bookmarkIntervalMs: 5000 });
    members.push({ cluster: `c${i}`, store, models, server, objects });
  }
  log(
    `  ${options.recorders} simulated clusters of ${fmt(options.pods)} pods; starting ${options.recorders} recorder processes…`,
  );
  const children = members.map((m) => {
    const kubeconfig = join(dir, `${m.cluster}.kubeconfig`);
    m.server.writeKubeconfig(kubeconfig, { contextName: m.cluster });
    return spawnRecorder(kubeconfig, url, m.cluster, join(dir, `${m.cluster}.stderr`));
  });
  const died = () => {
    const i = children.findIndex((c) => c.exitCode !== null || c.signalCode !== null);
    if (i < 0) return;
    const stderr = readFileSync(join(dir, `${members[i]!.cluster}.stderr`), 'utf8').trim();
    throw new Error(
      `the recorder of ${members[i]!.cluster} exited: ${stderr.split('\n').slice(-3).join(' ')}`,
    );
  };
  const reader = await connectPostgres(url, 'bench freshness reader');
  try {
    const started = performance.now();
    for (;;) {
      await sleep(200);
      died();
      const { rows } = await reader.query<{ name: string; n: number }>(
        `SELECT c.name, (SELECT COUNT(*) FROM events e WHERE e.cluster_id = c.cluster_id) AS n FROM clusters c`,
      );
      const counts = new Map(rows.map((r) => [r.name, r.n]));
      if (members.every((m) => (counts.get(m.cluster) ?? 0) >= m.objects)) break;
      if (performance.now() - started > 180_000) throw new Error('the recorders did not catch up in 180 s');
    }
    const caughtUpMs = performance.now() - started;
    log(
      `  all caught up in ${fmt(caughtUpMs)} ms; ${options.perSecond} changes/s into each of ${options.recorders} clusters…`,
    );
    const pids = children.map((c) => c.pid!);
    const cpu0 = pids.map(cpuMs);
    const postgresCpu = serverTreeCpu(serverDir);
    const readerCpu = await serverCpuMs(reader);
    const postgres0 = postgresCpu();
    const reader0 = readerCpu();
    const bench0 = process.cpuUsage();
    const results = await measureFleetFreshness({
      members,
      client: reader,
      perSecond: options.perSecond,
      durationMs: options.durationMs,
    });
    const load = loadAverage();
    const benchCpu = process.cpuUsage(bench0);
    const recorderCpu = pids.map((pid, i) => cpuMs(pid) - cpu0[i]!);
    const postgresUsed = postgresCpu() - postgres0;
    const readerUsed = readerCpu() - reader0;
    died();
    const rss = Math.max(...pids.map((pid) => statusMb(pid)));
    const elapsed = [...results.values()][0]!.elapsedMs;
    const rows: BenchRow[] = [
      row(
        'fleet',
        `recorders into one PostgreSQL (one process each, ${fmt(options.pods)} pods per cluster)`,
        String(options.recorders),
      ),
      row('fleet', 'initial list + store, all clusters at once', `${fmt(caughtUpMs / 1000, 1)} s`),
    ];
    let worst = 0;
    for (const m of members) {
      const r = results.get(m.cluster)!;
      const p99 = percentile(r.lags, 99);
      worst = Math.max(worst, p99);
      rows.push(
        row(
          'fleet',
          `${m.cluster}: freshness p50 / p99 at ${fmt(r.writes / (r.elapsedMs / 1000))} changes/s`,
          `${fmt(percentile(r.lags, 50), 1)} / ${fmt(p99, 1)} ms${r.unseen > 0 ? ` (${r.unseen} never seen)` : ''}`,
          'p99 ≤ 250 ms',
          p99 <= 250 && r.unseen === 0,
        ),
      );
    }
    const writes = [...results.values()].reduce((a, r) => a + r.writes, 0);
    rows.push(
      row('fleet', 'worst recorder freshness p99', `${fmt(worst, 1)} ms`, '≤ 250 ms', worst <= 250),
      row('fleet', 'changes/s written into the fleet (all clusters)', fmt(writes / (elapsed / 1000))),
      row(
        'fleet',
        'recorder CPU during the churn: mean / max of the processes',
        `${fmt((100 * recorderCpu.reduce((a, b) => a + b, 0)) / recorderCpu.length / elapsed)}% / ${fmt((100 * Math.max(...recorderCpu)) / elapsed)}% of a core`,
      ),
      row(
        'fleet',
        'bench process CPU (the simulated API servers + the reader)',
        `${fmt((100 * (benchCpu.user + benchCpu.system)) / 1000 / elapsed)}% of a core`,
      ),
      row(
        'fleet',
        'CPU per change written: a recorder / the PostgreSQL server (less the reader)',
        `${fmt(recorderCpu.reduce((a, b) => a + b, 0) / writes, 2)} / ${fmt((postgresUsed - readerUsed) / writes, 2)} ms`,
      ),
      row(
        'fleet',
        'PostgreSQL server CPU during the churn (of which the freshness reader)',
        `${fmt((100 * postgresUsed) / elapsed)}% (${fmt((100 * readerUsed) / elapsed)}%) of a core`,
      ),
      row('fleet', 'peak RSS of a recorder', `${fmt(rss)} MB`),
      row('fleet', 'load average (1 min) at the end of the churn', fmt(load, 2)),
    );
    return rows;
  } finally {
    await reader.end();
    await Promise.all(children.map(stopChild));
    for (const m of members) await m.server.stop();
  }
}
