import type { SimCluster } from '../cluster/index.js';

/** What a step may use besides the cluster: the scenario runner's pause. */
export type StepContext = { sleep: (ms: number) => Promise<void> };

/** One named, narrated change to the cluster. */
export type ScenarioStep = {
  name: string;
  description: string;
  run(cluster: SimCluster, context: StepContext): Promise<void> | void;
};

/** A story told to a simulated cluster, step by step (demo, tests, benchmarks). */
export type Scenario = { name: string; description: string; steps: ScenarioStep[] };
