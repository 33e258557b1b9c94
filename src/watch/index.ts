export type {
  HealthReport,
  KindHealth,
  KindState,
  RecorderThreadHealth,
  StorageHealth,
} from '../model/health.js';
export {
  type ApiAuth,
  authFromHandoff,
  authFromSnapshot,
  type CredentialsHandoff,
  KubeConfigError,
  type KubeCredentials,
  kubeConfigAuth,
  loadCredentials,
  TOKEN_FILE_REFRESH_MS,
} from './auth/index.js';
export { defaultClusterName } from './defaultClusterName.js';
// loadKubeConfig is not re-exported: it loads @kubernetes/client-node (import './kubeConfig.js').
export { kubeconfigFiles } from './kubeconfigFiles.js';
export { type Clock, DEFAULT_RECORDER_OPTIONS, type RecorderOptions, SYSTEM_CLOCK } from './options.js';
export { Recorder, type RecorderInit } from './recorder.js';
