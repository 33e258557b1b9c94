export {
  defaultClusterName,
  type LoadedKubeConfig,
  type LoadKubeConfigOptions,
  loadKubeConfig,
} from './kubeConfig.js';
export {
  type Clock,
  DEFAULT_RECORDER_OPTIONS,
  type HealthReport,
  type KindHealth,
  type KindState,
  type RecorderOptions,
  SYSTEM_CLOCK,
} from './options.js';
export { Recorder, type RecorderInit } from './recorder.js';
export { RelistDiff, type RelistDiffInput } from './relistDiff.js';
