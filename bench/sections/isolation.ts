import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SimStore, startSimServer } from '../../src/sim/index.js';
import { packageRoot } from '../../src/util/packageRoot.js';
import { measureFreshness } from '../churn/measureFreshness.js';
import { seedCluster } from '../churn/seedCluster.js';
import { cannon } from '../proc/cannon.js';
import { cpuMs, loadAverage, statusMb, TreeRssSampler } from '../proc/procStats.js';
import { type BenchRow, fmt, percentile, row } from '../report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The README's first question, with its full selection. */
const endpointsQuery = (namespace: string, service: string, at: number) =>
  `{ endpoints(namespace: "${namespace}", service: "${service}", at: ${at}) { source complete gaps { from to reason } lastChangeAt addresses { ip nodeName since pod { name phase ready } } notReadyAddresses { ip serving terminating targetRef { name } } ports { name port protocol } } }`;

/** A child process and the first stdout line matching `pattern`'s first group. */
function spawnAndWait(args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], env });
  const found = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = pattern.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) early:\n${out}`)));
  });
  return { child, found };
}

/** Node flags of the process under test (as the recorder section: none unless asked). */
export const nodeFlags = process.env.BENCH_RECORDER_NODE_FLAGS ?? '';

/** `endpoints-history run` as users run it: the compiled CLI (`npm run bench` builds it), else tsx. */
export function spawnRun(kubeconfig: string, db: string, extra: readonly string[] = []) {
  const root = packageRoot();
  // BENCH_CLI: another build's dist/src/cli/main.js, to measure it against this one on the same scenario
  const dist = process.env.BENCH_CLI || join(root, 'dist/src/cli/main.js');
  const entry = existsSync(dist) ? [dist] : ['--import', 'tsx', join(root, 'src/cli/main.ts')];
  const args = [
    ...nodeFlags.split(' ').filter(Boolean),
    ...entry,
    'run',
    '--kubeconfig',
    kubeconfig,
    '--db',
    db,
  ];
  return spawnAndWait(
    [...args, '--port', '0', '--cluster-name', 'bench', ...extra],
    /GraphiQL at (http:\/\/\S+?)\/graphiql/,
    {
      ...process.env,
      EPH_LOG_LEVEL: 'warn',
    },
  );
}

/** Polls /healthz every `everyMs` on one kept-alive connection, keeping each latency by phase. */
class HealthProbe {
  phase = 'catch-up';
  readonly latencies: number[] = [];
  readonly byPhase = new Map<string, number[]>();
  failures = 0;
  private stopped = false;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  readonly done: Promise<void>;

  constructor(url: string, everyMs = 50) {
    this.done = (async () => {
      while (!this.stopped) {
        const t0 = performance.now();
        const status = await new Promise<number>((resolve) => {
          get(`${url}/healthz`, { agent: this.agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          }).on('error', () => resolve(0));
        });
        const ms = performance.now() - t0;
        this.latencies.push(ms);
        const list = this.byPhase.get(this.phase) ?? [];
        list.push(ms);
        this.byPhase.set(this.phase, list);
        if (status !== 200 && !(this.phase === 'catch-up' && status === 503)) this.failures++;
        await sleep(everyMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    this.agent.destroy();
  }
}

/**
 * Issue #12's targets in one run: `endpoints-history run` (recorder on its own thread, API on the
 * main one) catching up on `pods` pods in `services` services from the simulated API server, then
 * 200 changes/s of churn — alone (the freshness baseline), then with 8 connections querying GraphQL
 * `endpoints(at)` with the README's full selection, then with the same load on a bare fastify route
 * doing the same reads in a process of its own (the req/s baseline) — while /healthz is probed every
 * 50 ms and the resident set of the whole process tree is sampled every 100 ms.
 */
export async function benchIsolation(
  dir: string,
  pods: number,
  services: number,
  log: (s: string) => void,
  perSecond = 200,
): Promise<BenchRow[]> {
  const phaseMs = 10_000;
  const loadAtStart = loadAverage();
  const store = new SimStore();
  const seeded = seedCluster(store, pods, services);
  const server = await startSimServer(store, { bookmarkIntervalMs: 5000, otherWritesEveryMs: 1000 });
  const kubeconfig = join(dir, 'isolation.kubeconfig');
  server.writeKubeconfig(kubeconfig, { contextName: 'bench' });
  const dbPath = join(dir, 'isolation.db');
  log(`  ${fmt(seeded.objects)} objects (${fmt(pods)} pods, ${fmt(services)} services); starting run…`);
  const started = performance.now();
  const run = spawnRun(kubeconfig, dbPath);
  const rss = new TreeRssSampler(run.child.pid!);
  let bare: ChildProcess | null = null;
  let probe: HealthProbe | null = null;
  try {
    const url = await run.found;
    probe = new HealthProbe(url);
    let db: Database.Database | null = null;
    let caughtUpMs = Number.NaN;
    while (performance.now() - started < 180_000) {
      await sleep(100);
      try {
        if (db === null) {
          db = new Database(dbPath, { readonly: true, fileMustExist: true });
          db.pragma('busy_timeout = 2000');
        }
        if ((db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number) >= seeded.objects) {
          caughtUpMs = performance.now() - started;
          break;
        }
      } catch {
        // not created or not migrated yet
      }
    }
    if (db === null || Number.isNaN(caughtUpMs)) throw new Error('run did not catch up within 180 s');
    const catchUpPeak = rss.take();
    log(`  caught up in ${fmt(caughtUpMs / 1000, 1)} s; churn at ${perSecond}/s alone…`);

    const cursor = { next: 0 };
    const churn = () =>
      measureFreshness({
        store,
        models: seeded.models,
        db: db!,
        perSecond,
        durationMs: phaseMs,
        cluster: 'bench',
        cursor,
      });
    const pid = run.child.pid!;
    probe.phase = 'churn';
    let cpu0 = cpuMs(pid);
    const alone = await churn();
    const churnCpuPerMs = (cpuMs(pid) - cpu0) / alone.elapsedMs;

    const svc = seeded.services[Math.floor(seeded.services.length / 2)]!;
    const at = Date.now();
    const gqlUrl = `${url}/graphql?query=${encodeURIComponent(endpointsQuery(svc.namespace, svc.name, at))}`;
    const check = (await (await fetch(gqlUrl)).json()) as { data?: { endpoints: { addresses: unknown[] } } };
    if (!check.data || check.data.endpoints.addresses.length === 0)
      throw new Error(`the benchmark query answers nothing: ${JSON.stringify(check)}`);
    log('  warm-up, then 8 connections querying GraphQL during the churn…');
    probe.phase = 'graphql';
    await cannon(gqlUrl, 2, 8);
    cpu0 = cpuMs(pid);
    const t0 = performance.now();
    const [g, loaded] = await Promise.all([cannon(gqlUrl, phaseMs / 1000, 8), churn()]);
    const gqlCpuMs = cpuMs(pid) - cpu0 - churnCpuPerMs * (performance.now() - t0);
    const loadedPeak = rss.take();

    log('  the same load on a bare fastify route doing the same reads (separate process)…');
    probe.phase = 'bare';
    const b = spawnAndWait(
      ['--import', 'tsx', join(packageRoot(), 'bench/proc/bareEndpointsServer.ts'), dbPath],
      /listening (\d+)/,
    );
    bare = b.child;
    const barePort = await b.found;
    const bareUrl = `http://127.0.0.1:${barePort}/endpoints?namespace=${svc.namespace}&service=${svc.name}&at=${at}`;
    await cannon(bareUrl, 2, 8);
    cpu0 = cpuMs(bare.pid!);
    const [r] = await Promise.all([cannon(bareUrl, phaseMs / 1000, 8), churn()]);
    const bareCpuMs = cpuMs(bare.pid!) - cpu0;
    const peak = rss.take();
    const hwm = statusMb(pid);
    await probe.stop();

    const exited = new Promise<number | null>((resolve) => run.child.once('exit', resolve));
    run.child.kill('SIGTERM');
    const exitCode = await exited;
    db.close();
    const health = [...probe.latencies].sort((x, y) => x - y);
    const healthUnderLoad = [...(probe.byPhase.get('graphql') ?? [])].sort((x, y) => x - y);
    const p99 = (xs: number[]) => percentile(xs, 99);
    const loadAtEnd = loadAverage();
    return [
      row(
        'isolation',
        'machine load average (1 min) at start / end',
        `${fmt(loadAtStart, 2)} / ${fmt(loadAtEnd, 2)}`,
      ),
      row(
        'isolation',
        `run: catch-up of ${fmt(pods)} pods, ${fmt(services)} services (${fmt(seeded.objects)} objects)`,
        `${fmt(caughtUpMs / 1000, 1)} s`,
      ),
      row(
        'isolation',
        `freshness p50 / p99, ${perSecond} changes/s alone (baseline)`,
        `${fmt(percentile(alone.lags, 50), 1)} / ${fmt(p99(alone.lags), 1)} ms`,
      ),
      row(
        'isolation',
        `freshness p50 / p99, ${perSecond} changes/s + 8 connections querying`,
        `${fmt(percentile(loaded.lags, 50), 1)} / ${fmt(p99(loaded.lags), 1)} ms (${fmt(p99(loaded.lags) / p99(alone.lags), 1)}× the baseline)`,
        'p99 ≤ 100 ms',
        p99(loaded.lags) <= 100,
      ),
      row(
        'isolation',
        'bare fastify route, same reads, req/s (baseline, own process)',
        fmt(r.requests.average),
      ),
      row(
        'isolation',
        'GraphQL endpoints(at), full selection, req/s (8 connections, during churn)',
        `${fmt(g.requests.average)} (${fmt((100 * g.requests.average) / r.requests.average)}% of the bare route)`,
        '≥ 4,000',
        g.requests.average >= 4000,
      ),
      row(
        'isolation',
        'server CPU per request: GraphQL (run, minus its churn-only rate) / bare route',
        `${fmt((1000 * gqlCpuMs) / g.requests.total)} / ${fmt((1000 * bareCpuMs) / r.requests.total)} µs`,
      ),
      row('isolation', 'GraphQL p50 / p99 latency', `${g.latency.p50} / ${g.latency.p99} ms`),
      row(
        'isolation',
        `/healthz p50 / p99 over the whole run (${fmt(health.length)} probes; under GraphQL load ${fmt(p99(healthUnderLoad), 1)} ms)`,
        `${fmt(percentile(health, 50), 1)} / ${fmt(p99(health), 1)} ms`,
        'p99 ≤ 200 ms',
        p99(health) <= 200,
      ),
      row(
        'isolation',
        `CPU of the run process at ${perSecond} changes/s alone (recorder thread, API idle)`,
        `${fmt(churnCpuPerMs * 100)} % of a core`,
      ),
      row(
        'isolation',
        'peak RSS of the process tree: catch-up / under query load',
        `${fmt(catchUpPeak)} / ${fmt(loadedPeak)} MB (VmHWM ${fmt(hwm)} MB)`,
      ),
      row(
        'isolation',
        `peak RSS of the run process tree, ${fmt(pods)} pods (recorder thread + API; node flags: ${nodeFlags || 'none'})`,
        `${fmt(peak)} MB`,
        '≤ 300 MB',
        peak <= 300,
      ),
      row(
        'isolation',
        'errors / non-2xx / failed health probes; exit status after SIGTERM',
        `${g.errors + r.errors} / ${g.non2xx + r.non2xx} / ${probe.failures}; ${exitCode}`,
        '0 / 0 / 0; 0',
        g.errors + r.errors + g.non2xx + r.non2xx + probe.failures === 0 && exitCode === 0,
      ),
    ];
  } finally {
    rss.stop();
    await probe?.stop();
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    bare?.kill('SIGTERM');
    await server.stop();
  }
}
