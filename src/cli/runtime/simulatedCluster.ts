import { join } from 'node:path';
import type { SimCluster } from '../../sim/cluster/index.js';
import { startSimCluster } from '../../sim/cluster/index.js';
import { type SimServer, SimStore, startSimServer } from '../../sim/index.js';
import { scaledSleep } from './scaledSleep.js';

/** The context (and so the recorded cluster name) of the built-in simulated cluster. */
export const SIMULATED_CONTEXT = 'simulated';

export interface SimulatedClusterOptions {
  /** Folder for the kubeconfig the recorder reads. */
  dir: string;
  /** Pace multiplier of every pause in the story (2 = twice as fast as the simulator's defaults). */
  speed: number;
}

/** The simulated cluster of the demo: a kube-apiserver on 127.0.0.1 with controllers, and its kubeconfig. */
export interface SimulatedCluster {
  readonly cluster: SimCluster;
  readonly server: SimServer;
  readonly kubeconfigPath: string;
  readonly contextName: string;
  /** The story's pause: scaled by `speed`, rejects with DemoStopped once `stop` is called. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly stopped: AbortSignal;
  stop(): Promise<void>;
}

/**
 * Starts the simulated cluster. Its revisions start at the current epoch milliseconds, not at 1, so a
 * database reused across demo runs (`--db`) holds a cursor older than the new cluster's history: the
 * recorder gets 410 and relists, as it would after an etcd restore, instead of waiting on a revision
 * from the future. The change log is compacted past 20,000 entries so a long-running demo stays small.
 */
export async function startSimulatedCluster(options: SimulatedClusterOptions): Promise<SimulatedCluster> {
  const stopper = new AbortController();
  const sleep = scaledSleep(options.speed, stopper.signal);
  const store = new SimStore({ startRevision: Date.now() });
  const server = await startSimServer(store, { maxLogEntries: 20_000 });
  const { cluster, detach } = startSimCluster(store, { sleep });
  const kubeconfigPath = join(options.dir, 'kubeconfig');
  server.writeKubeconfig(kubeconfigPath, { contextName: SIMULATED_CONTEXT });
  let stopping: Promise<void> | null = null;
  return {
    cluster,
    server,
    kubeconfigPath,
    contextName: SIMULATED_CONTEXT,
    sleep,
    stopped: stopper.signal,
    stop: () => {
      stopping ??= (async () => {
        stopper.abort();
        detach();
        await server.stop();
      })();
      return stopping;
    },
  };
}
