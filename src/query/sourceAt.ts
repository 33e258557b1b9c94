import type { MemberSource } from '../projections/types.js';
import type { ServiceKeyRow } from './QueryContext.js';
import type { EndpointSource } from './types.js';

/**
 * EndpointSlices when the service has slice history at or before `at`, else v1 Endpoints when it
 * has Endpoints history, else nothing.
 */
export function sourceAt(service: ServiceKeyRow, at: number): MemberSource | null {
  if (service.firstSliceAt !== null && service.firstSliceAt <= at) return 'EndpointSlice';
  if (service.firstEndpointsAt !== null && service.firstEndpointsAt <= at) return 'Endpoints';
  return null;
}

export const sourceName = (s: MemberSource | null): EndpointSource =>
  s === 'EndpointSlice' ? 'ENDPOINT_SLICES' : s === 'Endpoints' ? 'ENDPOINTS' : 'NONE';

/** The kind whose coverage matters for an answer from this source. */
export const sourceKind = (s: MemberSource | null): 'Endpoints' | 'EndpointSlice' =>
  s === 'Endpoints' ? 'Endpoints' : 'EndpointSlice';
