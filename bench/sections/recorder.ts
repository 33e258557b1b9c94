import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SimStore, startSimServer } from '../../src/sim/index.js';
import { rfc3339 } from '../../src/sim/objects/time.js';
import { packageRoot } from '../../src/util/packageRoot.js';
import { endpointsJson, type PodModel, podJson, serviceJson, sliceJson } from '../churn/objects.js';
import { type BenchRow, fmt, percentile, row } from '../report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Peak (VmHWM) or current (VmRSS) resident set of a process, in MB, from /proc. */
function peakRssMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The recorder as users run it: the compiled CLI (`npm run bench` builds it first), else through tsx. */
function spawnRecorder(kubeconfig: string, db: string): ChildProcess {
  const root = packageRoot();
  const dist = join(root, 'dist/src/cli/main.js');
  const args = existsSync(dist)
    ? [dist, 'record', '--kubeconfig', kubeconfig, '--db', db, '--cluster-name', 'bench']
    : [
        '--import',
        'tsx',
        join(root, 'src/cli/main.ts'),
        'record',
        '--kubeconfig',
        kubeconfig,
        '--db',
        db,
        '--cluster-name',
        'bench',
      ];
  const flags = process.env.BENCH_RECORDER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...flags, ...args], {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, EPH_LOG_LEVEL: 'warn' },
  });
}

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
  const store = new SimStore();
  const perService = 100;
  const models: PodModel[] = [];
  const created = '2026-01-01T00:00:00Z';
  for (let s = 0; s * perService < pods; s++) {
    const ns = `team-${s % 20}`;
    const name = `svc-${s}`;
    const group: PodModel[] = [];
    for (let i = 0; i < perService && s * perService + i < pods; i++) {
      const n = s * perService + i;
      group.push({
        uid: `pod-${n}`,
        name: `${name}-7d9f8c6b5-${n.toString(36).padStart(5, '0')}`,
        namespace: ns,
        service: name,
        ip: `10.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`,
        node: `node-${n % 50}`,
        ready: true,
        phase: 'Running',
        restarts: 0,
        deleting: null,
        createdAt: created,
        readySince: created,
      });
    }
    store.put('Service', serviceJson(ns, name, `svc-${s}`, 0, created));
    for (const p of group) store.put('Pod', podJson(p, 0));
    store.put('EndpointSlice', sliceJson(ns, name, `slice-${s}`, 0, group, created));
    store.put('Endpoints', endpointsJson(ns, name, `ep-${s}`, 0, group, created));
    models.push(...group);
  }
  const objects = store.revision - 1;
  const server = await startSimServer(store, { bookmarkIntervalMs: 5000 });
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
  const catchUpRss = peakRssMb(child.pid!);
  log(`  caught up in ${fmt(caughtUpMs)} ms; steady churn at ${churnPerSecond}/s…`);

  // Freshness: flip readiness in the API server and time until the pod's new event is readable.
  const lags: number[] = [];
  const before = count();
  const churnStart = performance.now();
  const duration = 10_000;
  let writes = 0;
  const pending = new Map<string, { t0: number; rv: string }>();
  const findRv = db!
    .prepare('SELECT resource_version FROM events_v WHERE uid = ? ORDER BY position DESC LIMIT 1')
    .pluck();
  // Paced by the clock (not by sleeps, which drift): each tick writes the changes now due.
  while (performance.now() - churnStart < duration) {
    const due = Math.floor(((performance.now() - churnStart) / 1000) * churnPerSecond);
    for (; writes < due; writes++) {
      const p = models[(writes * 7919) % models.length]!;
      p.ready = !p.ready;
      p.readySince = rfc3339(Date.now());
      const written = store.put('Pod', podJson(p, 0));
      pending.set(p.uid, { t0: performance.now(), rv: written.metadata.resourceVersion });
    }
    await sleep(5);
    for (const [uid, w] of pending) {
      if (findRv.get(uid) === w.rv) {
        lags.push(performance.now() - w.t0);
        pending.delete(uid);
      }
    }
  }
  const steadyRss = peakRssMb(child.pid!, 'VmRSS');
  const stored = count() - before;
  const churnMs = performance.now() - churnStart;
  const peak = peakRssMb(child.pid!);
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  db?.close();
  await server.stop();
  lags.sort((a, b) => a - b);
  return [
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
