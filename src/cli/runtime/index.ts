export { type ApiFlags, type ApiSettings, addApiOptions, resolveApiFlags } from './apiFlags.js';
export { cliLogger } from './cliLogger.js';
export { describeKubeconfig } from './describeKubeconfig.js';
export { clusterExamples, demoExamples, type ExampleQuery } from './exampleQueries.js';
export { parsePort } from './parsePort.js';
export { parseSpeed } from './parseSpeed.js';
export { type DemoMarks, type PlayDemoOptions, playDemo } from './playDemo.js';
export { HEAP_GROWING_PERCENT, preferSmallHeap } from './preferSmallHeap.js';
export { type PrintExamplesOptions, printExamples } from './printExamples.js';
export { readAuthToken } from './readAuthToken.js';
export { addRecorderOptions, type RecorderFlags } from './recorderFlags.js';
export { type RecordingSession, type RecordingSessionOptions, startRecording } from './recordingSession.js';
export { type RunClusterOptions, runCluster } from './runCluster.js';
export { type RunSimulatedOptions, runSimulated } from './runSimulated.js';
export { DemoStopped, scaledSleep } from './scaledSleep.js';
export { listenForShutdown, type Shutdown } from './shutdownController.js';
export {
  SIMULATED_CONTEXT,
  type SimulatedCluster,
  type SimulatedClusterOptions,
  startSimulatedCluster,
} from './simulatedCluster.js';
export { type ApiServer, type StartApiServerOptions, startApiServer } from './startApiServer.js';
export { type InitialListOptions, type InitialListResult, waitForInitialList } from './waitForInitialList.js';
export { SHUTDOWN_SIGNALS, type ShutdownSignal, waitForShutdown } from './waitForShutdown.js';
