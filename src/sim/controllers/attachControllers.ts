import type { EndpointsJson } from '../../kube/types.js';
import { MIRRORING_CONTROLLER_NAME, SLICE_CONTROLLER_NAME } from '../../kube/wellKnown.js';
import type { SimChange, SimStore } from '../simStore.js';
import { registerHolder } from './batchControllerSyncs.js';
import { ControllerCache } from './controllerCache.js';
import type { ControllerContext } from './controllerContext.js';
import { reconcileEndpointSlices } from './endpointSliceController.js';
import { reconcileEndpoints } from './endpointsController.js';
import { reconcileMirroring } from './mirroringController.js';

export type ControllerOptions = {
  /** --max-endpoints-per-slice of the EndpointSlice controller (default 100). */
  maxEndpointsPerSlice?: number;
  /** Capacity of one v1 Endpoints before truncation (default 1000). */
  maxEndpointsPerEndpoints?: number;
  /** --mirroring-max-endpoints-per-subset (default 1000). */
  mirroringMaxEndpointsPerSubset?: number;
  /** Clock for `last-change-trigger-time` and managedFields (default Date.now). */
  now?: () => number;
  /** node name → zone, what the slice controller reads from Node labels. */
  zones?: Record<string, string>;
};

type Job = { serviceDeleted: boolean };

/**
 * Runs the Endpoints, EndpointSlice and EndpointSlice-mirroring controllers against `store`. They
 * react synchronously to each change not written by themselves: the services it concerns are queued
 * (deduplicated, like a workqueue) and synced one after the other, each sync writing only what
 * actually changes — so derived objects get their own, later revisions. Existing objects are synced
 * once on attach. Returns a function that detaches them.
 *
 * Ordering note: derived writes happen inside the triggering change's listener call, so a listener
 * registered after this one sees derived changes before the trigger itself (each kind stays in order).
 */
export function attachControllers(store: SimStore, options: ControllerOptions = {}): () => void {
  const cache = new ControllerCache();
  cache.rebuild(store);
  let ownWrite = 0;
  let lastRev = store.revision;
  const pending = new Map<string, Job>();
  let draining = false;
  let held = 0;

  const ctx: ControllerContext = {
    get: (kind, ns, name) => store.get(kind, ns, name),
    put: (kind, object) => {
      ownWrite++;
      try {
        return store.put(kind, object);
      } finally {
        ownWrite--;
      }
    },
    remove: (kind, ns, name) => {
      ownWrite++;
      try {
        store.remove(kind, ns, name);
      } finally {
        ownWrite--;
      }
    },
    now: options.now ?? Date.now,
    maxEndpointsPerSlice: options.maxEndpointsPerSlice ?? 100,
    maxEndpointsPerEndpoints: options.maxEndpointsPerEndpoints ?? 1000,
    mirroringMaxEndpointsPerSubset: options.mirroringMaxEndpointsPerSubset ?? 1000,
    zones: { ...(options.zones ?? {}) },
  };

  const sync = (serviceKey: string, job: Job): void => {
    const slash = serviceKey.indexOf('/');
    const ns = serviceKey.slice(0, slash);
    const name = serviceKey.slice(slash + 1);
    const svc = cache.service(ns, name);
    const pods = cache.podsOf(ns, name);
    reconcileEndpoints(ctx, ns, name, svc, pods, job.serviceDeleted);
    reconcileEndpointSlices(ctx, ns, name, svc, pods, cache.slicesOf(ns, name, SLICE_CONTROLLER_NAME));
    const endpoints = store.get('Endpoints', ns, name) as unknown as EndpointsJson | undefined;
    reconcileMirroring(ctx, ns, name, svc, endpoints, cache.slicesOf(ns, name, MIRRORING_CONTROLLER_NAME));
  };

  const drain = (): void => {
    if (draining || held > 0) return;
    draining = true;
    try {
      for (let next = pending.entries().next(); !next.done; next = pending.entries().next()) {
        const [serviceKey, job] = next.value;
        pending.delete(serviceKey);
        sync(serviceKey, job);
      }
    } finally {
      draining = false;
    }
  };

  const enqueue = (serviceKey: string, serviceDeleted: boolean): void => {
    const job = pending.get(serviceKey);
    pending.set(serviceKey, { serviceDeleted: serviceDeleted || (job?.serviceDeleted ?? false) });
  };

  const listener = (change: SimChange): void => {
    if (change.rev !== lastRev + 1) {
      // A gap means the store was restored behind our back: start again from what it holds now.
      lastRev = change.rev;
      cache.rebuild(store);
      for (const k of cache.serviceKeys()) enqueue(k, false);
      drain();
      return;
    }
    lastRev = change.rev;
    const affected = cache.apply(change);
    if (ownWrite > 0 || change.kind === 'EndpointSlice') return;
    const serviceDeleted = change.kind === 'Service' && change.type === 'DELETED';
    for (const k of affected) enqueue(k, serviceDeleted);
    drain();
  };

  const detach = store.onChange(listener);
  const unregister = registerHolder(store, {
    hold: () => {
      held++;
    },
    release: () => {
      held--;
      drain();
    },
  });
  for (const k of cache.serviceKeys()) enqueue(k, false);
  drain();
  return () => {
    unregister();
    detach();
  };
}
