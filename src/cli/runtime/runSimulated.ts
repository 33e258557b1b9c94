import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCredentials } from '../../watch/index.js';
import type { CliIo } from '../io.js';
import type { ApiSettings } from './apiFlags.js';
import { BANNER_HOLD_MS, cliLogger } from './cliLogger.js';
import { demoExamples } from './exampleQueries.js';
import { type DemoMarks, playDemo } from './playDemo.js';
import { printExamples } from './printExamples.js';
import { listenForShutdown } from './shutdownController.js';
import { startSimulatedCluster } from './simulatedCluster.js';
import { type ApiServer, serveRecording } from './startApiServer.js';
import { type RecordingSession, startRecording } from './startRecording.js';
import { untilStopped } from './untilStopped.js';
import { waitForInitialList } from './waitForInitialList.js';

export interface RunSimulatedOptions {
  /** The first line printed, before anything starts (it tells the user what is being recorded). */
  firstLine: string;
  /** `run` or `demo`, named to whoever is refused the writer lock. */
  command: string;
  /** Database file; default a temporary file removed on exit. */
  db?: string | undefined;
  /** Pace multiplier of the story (default pauses ÷ speed). */
  speed: number;
  api: ApiSettings;
  authTokenFile?: string | undefined;
  /** The cluster name to record it under (`run --cluster-name`); default the simulated context's. */
  clusterName?: string | undefined;
}

/**
 * The demo path of `demo` and of `run` without a cluster: the simulated cluster on 127.0.0.1, the real
 * recorder watching it over HTTP through a kubeconfig, the API over the recording, the service-hello
 * scenario told step by step and then a gentle churn, until SIGINT/SIGTERM. Prints the GraphiQL URL at
 * once and three example queries with real timestamps once the story is recorded.
 */
export async function runSimulated(io: CliIo, options: RunSimulatedOptions): Promise<void> {
  const out = (line: string): void => void io.stdout.write(`${line}\n`);
  out(options.firstLine);
  const shutdown = listenForShutdown();
  const dir = mkdtempSync(join(tmpdir(), 'endpoints-history-demo-'));
  const db = options.db ?? join(dir, 'demo.db');
  out(
    options.db ? `  database: ${db}` : `  database: ${db} (temporary, removed on exit; --db FILE keeps it)`,
  );
  const sim = await startSimulatedCluster({ dir, speed: options.speed });
  out(`  simulated kube-apiserver: ${sim.server.url} (kubeconfig ${sim.kubeconfigPath})`);
  const cluster = options.clusterName ?? sim.contextName;
  const loaded = await loadCredentials({ kubeconfig: sim.kubeconfigPath });
  if (loaded === null)
    throw new Error(`cannot load the simulated cluster's kubeconfig ${sim.kubeconfigPath}`);
  // the banner ends with the example queries, once the story is recorded (seconds, at any speed)
  const { logger, release: releaseLog, write: log } = cliLogger({ holdMs: BANNER_HOLD_MS });
  let session: RecordingSession | null = null;
  let api: ApiServer | null = null;
  let playing: Promise<unknown> = Promise.resolve();
  try {
    session = await startRecording({
      handoff: loaded.handoff,
      cluster,
      db,
      command: options.command,
      namespaces: [],
      logger,
      log,
    });
    api = await serveRecording(session, options.api, out);
    // The story starts once the recorder watches, so every change of it is seen live (source = watch).
    await waitForInitialList(session, { timeoutMs: 10_000, signal: shutdown.signal });
    const url = api.url;
    playing = playDemo(sim, {
      onStep: (step, index, total) => out(`  [${index + 1}/${total}] ${step.name}: ${step.description}`),
      onScenarioDone: (marks) => {
        out('  story recorded; a readiness flap every few seconds keeps it going (Ctrl-C stops)');
        printExamples(io.stdout, {
          url,
          examples: demoExamples(marks, Date.now()),
          authTokenFile: options.authTokenFile,
        });
        out(cliExample(marks, db));
        out(kubectlExample(marks, { url, cluster, authTokenFile: options.authTokenFile }));
        releaseLog();
      },
    }).catch((error: unknown) => logger.error({ err: error }, 'demo story failed'));
    await untilStopped(shutdown, session);
    out('endpoints-history: stopping (flushing and closing the coverage interval)');
  } finally {
    releaseLog();
    await api?.close();
    await session?.stop();
    await sim.stop();
    await playing;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Halfway through the rolling update (or the end of the story): the moment the examples ask about. */
function exampleMoment(marks: DemoMarks): string {
  const roll = marks.steps.get('rolling-update');
  return new Date(roll ? Math.round((roll.from + roll.to) / 2) : marks.endedAt).toISOString();
}

function cliExample(marks: DemoMarks, db: string): string {
  return `or with the CLI:\n  npx endpoints-history get endpoints service-hello --db ${db} --at ${exampleMoment(marks)}\n`;
}

/** The same moment for the real kubectl, through the read-only kube API (docs/kubectl.md). */
function kubectlExample(
  marks: DemoMarks,
  o: { url: string; cluster: string; authTokenFile?: string | undefined },
): string {
  const token = o.authTokenFile ? ` --auth-token-file ${o.authTokenFile}` : '';
  return [
    'or with kubectl, as the cluster was then (get -w replays what came after, 10 times faster):',
    `  npx endpoints-history kubeconfig --at ${exampleMoment(marks)} --cluster ${o.cluster} --server ${o.url} --replay-speed 10${token} > at.yaml`,
    '  kubectl --kubeconfig at.yaml get endpoints,pods -o wide',
    '',
  ].join('\n');
}
