export {
  KUBE_PREFIX,
  type KubeMoment,
  kubeServerUrl,
  MAX_REPLAY_SPEED,
  parseKubeMoment,
  parseReplaySpeed,
} from './kubeMoment.js';
export { type KubeOptions, registerKube } from './registerKube.js';
