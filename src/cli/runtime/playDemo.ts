import {
  runScenario,
  type Scenario,
  type ScenarioStep,
  serviceHelloScenario,
} from '../../sim/scenarios/index.js';
import { DemoStopped } from './scaledSleep.js';
import type { SimulatedCluster } from './simulatedCluster.js';

/** When each step of the story ran (epoch ms, the clock the recorder stamps events with). */
export interface DemoMarks {
  startedAt: number;
  endedAt: number;
  steps: ReadonlyMap<string, { from: number; to: number }>;
}

export interface PlayDemoOptions {
  /** Pause after each step, before the speed scaling (default 1000 ms). */
  stepDelayMs?: number;
  /** A readiness flap of one service-hello pod every this long once the story is told (default 6000 ms). */
  churnEveryMs?: number;
  onStep?: (step: ScenarioStep, index: number, total: number) => void;
  /** Called once the whole story is recorded, with its timings. */
  onScenarioDone?: (marks: DemoMarks) => void;
  now?: () => number;
}

const NS = 'default';
const DEPLOYMENT = 'hello';

/**
 * Tells the service-hello scenario to the simulated cluster (service-hello's rollout, readiness flap,
 * drain, IP reuse, mysql, dual-stack, a terminating pod), then keeps it alive with a gentle churn: a
 * readiness flap of one service-hello pod every `churnEveryMs`. Resolves when the cluster stops.
 */
export async function playDemo(sim: SimulatedCluster, options: PlayDemoOptions = {}): Promise<void> {
  const now = options.now ?? Date.now;
  const steps = new Map<string, { from: number; to: number }>();
  const story = timed(serviceHelloScenario(), steps, now);
  const startedAt = now();
  try {
    await runScenario(sim.cluster, story, {
      sleep: sim.sleep,
      stepDelayMs: options.stepDelayMs ?? 1000,
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
    options.onScenarioDone?.({ startedAt, endedAt: now(), steps });
    await churn(sim, options.churnEveryMs ?? 6000);
  } catch (error) {
    if (!(error instanceof DemoStopped)) throw error;
  }
}

function timed(
  scenario: Scenario,
  marks: Map<string, { from: number; to: number }>,
  now: () => number,
): Scenario {
  return {
    ...scenario,
    steps: scenario.steps.map((step) => ({
      ...step,
      run: async (cluster, context) => {
        const from = now();
        await step.run(cluster, context);
        marks.set(step.name, { from, to: now() });
      },
    })),
  };
}

/** One flap at a time, each on the next serving pod in turn, until the cluster stops. */
async function churn(sim: SimulatedCluster, everyMs: number): Promise<void> {
  for (let turn = 0; !sim.stopped.aborted; turn++) {
    await sim.sleep(everyMs / 2);
    const serving = sim.cluster
      .deploymentPods(NS, DEPLOYMENT)
      .filter((name) => !sim.cluster.pod(NS, name)?.metadata.deletionTimestamp);
    const pod = serving[turn % Math.max(serving.length, 1)];
    if (pod === undefined) continue;
    sim.cluster.setReady(NS, pod, false);
    await sim.sleep(everyMs / 2);
    if (sim.cluster.pod(NS, pod)) sim.cluster.setReady(NS, pod, true);
  }
}
