export { type EndpointSliceObjectInput, endpointSliceObject } from './endpointSliceObject.js';
export { type EndpointSubsetInput, type EndpointsObjectInput, endpointsObject } from './endpointsObject.js';
export { objectMeta } from './objectMeta.js';
export { containerDefaults, podSpecDefaults } from './podDefaults.js';
export {
  type ContainerInput,
  type PodConditionInput,
  type PodObjectInput,
  type PodSpecInput,
  type PodStatusInput,
  podCondition,
  podObject,
} from './podObject.js';
export { podReference } from './podReference.js';
export { type ServiceObjectInput, type ServicePortInput, serviceObject } from './serviceObject.js';
