export { isPodReady } from './isPodReady.js';
export { podPrimaryIp } from './podPrimaryIp.js';
export { sliceEndpointReady, sliceEndpointServing, sliceEndpointTerminating } from './sliceConditions.js';
