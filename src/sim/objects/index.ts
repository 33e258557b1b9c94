export { IpAllocator, type IpAllocatorOptions } from './ipAllocator.js';
export { type EndpointsAddressInput, type MakeEndpointsOptions, makeEndpoints } from './makeEndpoints.js';
export { type MakePodOptions, makePod, type PodContainerInput } from './makePod.js';
export { type MakeServiceOptions, makeService, type ServicePortInput } from './makeService.js';
export {
  failPod,
  isPodReady,
  markPodTerminating,
  nodeIP,
  schedulePod,
  setPodReady,
  startPod,
  stopPodContainers,
} from './podLifecycle.js';
export {
  fnv1a,
  mulberry32,
  NAME_ALPHABET,
  pick,
  type Rng,
  randomInt,
  randomSuffix,
  randomUid,
  stableHash,
} from './random.js';
export { type ReplicaSetIdentity, replicaSetIdentity, replicaSetPodName } from './replicaSet.js';
export { rfc3339, rfc3339Nano } from './time.js';
