import type { SlimEndpointSlice } from '../model/types.js';
import { getOrCreate } from '../util/getOrCreate.js';
import { serviceKey } from './keys.js';
import { OpenRows } from './OpenRows.js';
import { membersFromSlice } from './rows/memberRows.js';
import type { AttrsByProjection, MemberAttrs, ProjectionName, ServiceRef } from './types.js';

/**
 * An alive slice, kept as the members it contributes (membersFromSlice), not as the decoded object:
 * the attribute objects are shared with the open rows, so a large cluster's slices cost little more
 * than their membership.
 */
export interface SliceEntry {
  service: ServiceRef | null;
  members: Map<string, MemberAttrs>;
  position: number;
}

/** Rows currently open in one projection, grouped by scope (a service+source, a pod, a service). */
export type OpenRowsOf<P extends ProjectionName> = OpenRows<AttrsByProjection[P]>;

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
  open: { [P in ProjectionName]: OpenRowsOf<P> };
  /** Service keys + source already marked with a first-seen time. */
  marked: Set<string>;
}

export function createFoldState(): FoldState {
  return {
    slices: new Map(),
    slicesByService: new Map(),
    endpoints: new Map(),
    open: {
      endpoint_members: new OpenRows(),
      pod_ips: new OpenRows(),
      pod_states: new OpenRows(),
      service_states: new OpenRows(),
    },
    marked: new Set(),
  };
}

/**
 * Makes `slice` (cluster `cluster`, namespace `namespace`) the alive slice under `key` and returns the
 * service it belongs to, or null for a slice of no service (remembered all the same: a later label
 * joins it). Members equal to those in `previous` keep their objects (the open rows' ones).
 */
export function setSlice(
  state: FoldState,
  key: string,
  cluster: string,
  namespace: string,
  slice: SlimEndpointSlice,
  position: number,
  previous: ReadonlyMap<string, MemberAttrs> | undefined,
): ServiceRef | null {
  if (!slice.serviceName) {
    state.slices.set(key, { service: null, members: new Map(), position });
    return null;
  }
  const service: ServiceRef = { cluster, namespace, name: slice.serviceName };
  state.slices.set(key, { service, members: membersFromSlice(service, slice, previous), position });
  getOrCreate(state.slicesByService, serviceKey(service), () => new Set<string>()).add(key);
  return service;
}
