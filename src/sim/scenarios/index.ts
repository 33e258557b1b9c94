export { type ChurnOptions, churnScenario } from './churnScenario.js';
export { type LargeServiceOptions, largeServiceScenario } from './largeServiceScenario.js';
export { type RunScenarioOptions, runScenario } from './runScenario.js';
export type { Scenario, ScenarioStep, StepContext } from './scenario.js';
export { serviceHelloScenario } from './serviceHelloScenario.js';
