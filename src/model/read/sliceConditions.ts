import type { SlimSliceConditions } from '../types.js';

/** EndpointSlice `ready`; unset means ready ("interpret this unknown state as ready"). */
export function sliceEndpointReady(conditions: SlimSliceConditions): boolean {
  return conditions.ready ?? true;
}

/** EndpointSlice `serving`; unset defers to `ready` (so mirrored slices, which set only ready, work). */
export function sliceEndpointServing(conditions: SlimSliceConditions): boolean {
  return conditions.serving ?? sliceEndpointReady(conditions);
}

/** EndpointSlice `terminating`; unset means not terminating. */
export function sliceEndpointTerminating(conditions: SlimSliceConditions): boolean {
  return conditions.terminating ?? false;
}
