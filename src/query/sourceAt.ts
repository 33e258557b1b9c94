import type { Kind } from '../model/types.js';
import type { MemberSource } from '../projections/index.js';
import type { ServiceKeyRow } from '../store/index.js';
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

/** The API name of a source; NONE for no source. */
export function sourceName(s: MemberSource): Exclude<EndpointSource, 'NONE'>;
export function sourceName(s: MemberSource | null): EndpointSource;
export function sourceName(s: MemberSource | null): EndpointSource {
  return s === 'EndpointSlice' ? 'ENDPOINT_SLICES' : s === 'Endpoints' ? 'ENDPOINTS' : 'NONE';
}

/** The kind whose coverage matters for an answer from this source. */
export const sourceKind = (s: MemberSource | null): 'Endpoints' | 'EndpointSlice' =>
  s === 'Endpoints' ? 'Endpoints' : 'EndpointSlice';

/**
 * The kinds an endpoint answer from `source` depends on: the Service kind (does the service exist,
 * was it deleted?) and the source kind; with `podDetails`, also the Pod kind. An answer is complete
 * only where all of them were covered.
 */
export function answerKinds(source: MemberSource | null, options: { podDetails?: boolean } = {}): Kind[] {
  return ['Service', sourceKind(source), ...(options.podDetails ? (['Pod'] as const) : [])];
}
