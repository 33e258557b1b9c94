// The spelling slimming gives every IP lives with the rest of what we know about Kubernetes.
export { canonicalIp, canonicalIpOrText } from '../kube/ip/canonicalIp.js';
export { canonicalJson, contentHash, hashOfCanonical } from './contentHash.js';
export * from './health.js';
export { isKind } from './isKind.js';
export { jsonBytesAtMost, MAX_OBJECT_BYTES } from './objectSize.js';
export { occurredAtOf } from './occurredAt.js';
export { parseTimestamp } from './parseTimestamp.js';
export {
  isPodReady,
  podPrimaryIp,
  sliceEndpointReady,
  sliceEndpointServing,
  sliceEndpointTerminating,
} from './read/index.js';
export { slimLine } from './slimLine.js';
export { ANNOTATION_WHITELIST } from './slimMeta.js';
export { type SlimOptions, type SlimResult, slimObject } from './slimObject.js';
export { type ObservationInput, toObservation } from './toObservation.js';
export * from './types.js';
export { v1Pod } from './v1Pod.js';
