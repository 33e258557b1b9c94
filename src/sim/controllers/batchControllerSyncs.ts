import type { SimStore } from '../simStore.js';

type Holder = { hold(): void; release(): void };

const holders = new WeakMap<SimStore, Set<Holder>>();

/** Used by attachControllers to make its queue holdable; returns the unregister function. */
export function registerHolder(store: SimStore, holder: Holder): () => void {
  let set = holders.get(store);
  if (!set) {
    set = new Set();
    holders.set(store, set);
  }
  set.add(holder);
  return () => set.delete(holder);
}

/**
 * Runs `writes` with the store's controllers holding their queue, then syncs each affected service
 * once — what a real controller's workqueue does with a burst of pod updates (deduplicated keys,
 * endpoint-updates batch period). Without it every write is synced at once. Nested calls flush at the
 * outermost. Returns what `writes` returns.
 */
export function batchControllerSyncs<T>(store: SimStore, writes: () => T): T {
  const set = [...(holders.get(store) ?? [])];
  for (const h of set) h.hold();
  try {
    return writes();
  } finally {
    for (const h of set) h.release();
  }
}
