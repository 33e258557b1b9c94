import { setTimeout as realSleep } from 'node:timers/promises';
import type { SimCluster } from '../cluster/index.js';
import type { Scenario, ScenarioStep } from './scenario.js';

export type RunScenarioOptions = {
  /** Pause between steps and inside steps that wait (default: real setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Pause after each step (default 0). */
  stepDelayMs?: number;
  /** Called before each step runs. */
  onStep?: (step: ScenarioStep, index: number, total: number) => void;
};

/** Runs the steps in order, each to completion, pausing `stepDelayMs` after each. */
export async function runScenario(
  cluster: SimCluster,
  scenario: Scenario,
  options: RunScenarioOptions = {},
): Promise<void> {
  const sleep = options.sleep ?? realSleep;
  const total = scenario.steps.length;
  for (const [index, step] of scenario.steps.entries()) {
    options.onStep?.(step, index, total);
    await step.run(cluster, { sleep });
    if (options.stepDelayMs) await sleep(options.stepDelayMs);
  }
}
