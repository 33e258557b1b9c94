import type { SlimEndpointSlice } from '../model/types.js';
import type { AttrsByProjection, ProjectionName, ServiceRef } from './types.js';

export interface SliceEntry {
  service: ServiceRef | null;
  slice: SlimEndpointSlice;
  position: number;
}

/** Rows currently open in one projection, grouped by scope (a service+source, a pod, a service). */
export type OpenRows<P extends ProjectionName> = Map<string, Map<string, AttrsByProjection[P]>>;

/**
 * Everything the fold needs to turn the next event into row changes. It is derived from the events
 * alone, so it can be rebuilt by replaying them or reloaded from the store's current state.
 */
export interface FoldState {
  /** Alive EndpointSlices by cluster+uid. */
  slices: Map<string, SliceEntry>;
  /** Slice keys per service key. */
  slicesByService: Map<string, Set<string>>;
  /** The uid of the current v1 Endpoints object per service key (a late DELETED of another is ignored). */
  endpoints: Map<string, string>;
  open: { [P in ProjectionName]: OpenRows<P> };
  /** Service keys + source already marked with a first-seen time. */
  marked: Set<string>;
}

export function createFoldState(): FoldState {
  return {
    slices: new Map(),
    slicesByService: new Map(),
    endpoints: new Map(),
    open: {
      endpoint_members: new Map(),
      pod_ips: new Map(),
      pod_states: new Map(),
      service_states: new Map(),
    },
    marked: new Set(),
  };
}
