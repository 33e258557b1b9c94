import type { SlimEndpointSlice } from '../model/types.js';
import { getOrCreate } from '../util/getOrCreate.js';
import { joinKey, serviceKey } from './keys.js';
import { OpenRows } from './OpenRows.js';
import { membersFromSlice } from './rows/memberRows.js';
import type {
  AttrsByProjection,
  MemberAttrs,
  MemberSource,
  ProjectionName,
  RowOp,
  ServiceRef,
} from './types.js';

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

/** Removes the alive slice under `key` (from its service's set too) and returns what it was. */
export function removeSlice(state: FoldState, key: string): SliceEntry | undefined {
  const before = state.slices.get(key);
  if (before?.service) {
    const sk = serviceKey(before.service);
    const keys = state.slicesByService.get(sk);
    keys?.delete(key);
    if (keys?.size === 0) state.slicesByService.delete(sk);
  }
  state.slices.delete(key);
  return before;
}

/**
 * Records that the v1 Endpoints object `uid` is now (`deleted` false) or no longer (true) the one of
 * service key `sk`. Returns false, changing nothing, for a late DELETED of another object than the
 * current one: it must not end the membership the current object gives.
 */
export function setEndpoints(state: FoldState, sk: string, uid: string, deleted: boolean): boolean {
  if (!deleted) {
    state.endpoints.set(sk, uid);
    return true;
  }
  const current = state.endpoints.get(sk);
  if (current !== undefined && current !== uid) return false;
  state.endpoints.delete(sk);
  return true;
}

/** The first-seen mark of a service (key `sk`) and source, once. */
export function markFirstSeen(
  state: FoldState,
  service: ServiceRef,
  sk: string,
  source: MemberSource,
  at: number,
): RowOp[] {
  const k = joinKey(sk, source);
  if (state.marked.has(k)) return [];
  state.marked.add(k);
  return [{ op: 'mark', service, source, at }];
}
