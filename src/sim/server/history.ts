import type { RawObject, SimKind, SimStore } from '../simStore.js';

const keyOf = (o: RawObject): string => `${o.metadata.namespace}/${o.metadata.name}`;

/**
 * The two retention floors of a real control plane, over the store's change log:
 * - `compactRevision` (etcd compaction): reads at a revision below it fail (continue tokens, Exact lists);
 * - `watchFloor` (the watch cache's oldest-1): a watch starting below it gets 410 in-band.
 * Compaction trims `store.log` up to the compaction revision; the watch floor is never below it.
 */
export class SimHistory {
  compactRevision = 0;
  watchFloor = 0;
  /** Last snapshot per kind: a snapshot at a revision never changes, and a paginated list reads one per page. */
  private readonly snapshots = new Map<SimKind, { rev: number; objects: RawObject[] }>();

  constructor(
    private readonly store: SimStore,
    private readonly maxLogEntries?: number,
  ) {
    const first = store.log[0];
    if (first) this.compactRevision = this.watchFloor = first.rev - 1;
    else this.compactRevision = this.watchFloor = store.revision;
  }

  /** Compacts at `rev` (default head): later reads below `rev` fail, watches below it get 410. */
  compact(rev: number = this.store.revision): void {
    const r = Math.min(rev, this.store.revision);
    this.compactRevision = Math.max(this.compactRevision, r);
    this.watchFloor = Math.max(this.watchFloor, this.compactRevision);
    const log = this.store.log;
    let n = 0;
    while (n < log.length && log[n]!.rev <= this.compactRevision) n++;
    if (n > 0) log.splice(0, n);
  }

  /** Raises only the watch-cache floor (apiserver restart, slow-watcher kill): storage keeps its history. */
  raiseWatchFloor(rev: number = this.store.revision): void {
    this.watchFloor = Math.max(this.watchFloor, Math.min(rev, this.store.revision));
  }

  /** After an etcd restore to `rev` with an empty log: nothing older than `rev` is readable or watchable. */
  resetTo(rev: number): void {
    this.snapshots.clear();
    this.compactRevision = rev;
    this.watchFloor = rev;
  }

  /** Keeps the log within `maxLogEntries` by compacting, as etcd's periodic compaction would. */
  enforceLimit(): void {
    const max = this.maxLogEntries;
    if (max === undefined || this.store.log.length <= max) return;
    const cut = this.store.log[this.store.log.length - max - 1]!;
    this.compact(cut.rev);
  }

  /**
   * The objects of `kind` as they were at revision `rev` (compactRevision ≤ rev ≤ head), sorted by
   * namespace/name like etcd keys: the current state with every later change of that kind undone.
   */
  objectsAt(kind: SimKind, rev: number): RawObject[] {
    const cached = this.snapshots.get(kind);
    if (cached && cached.rev === rev && rev <= this.store.revision) return cached.objects;
    const objects = this.reconstruct(kind, rev);
    this.snapshots.set(kind, { rev, objects });
    return objects;
  }

  private reconstruct(kind: SimKind, rev: number): RawObject[] {
    const current = this.store.list(kind);
    if (rev >= this.store.revision) return current;
    const map = new Map(current.map((o) => [keyOf(o), o]));
    const log = this.store.log;
    for (let i = log.length - 1; i >= 0 && log[i]!.rev > rev; i--) {
      const c = log[i]!;
      if (c.kind !== kind) continue;
      if (c.type === 'ADDED') map.delete(keyOf(c.object));
      else if (c.old) map.set(keyOf(c.old), c.old);
    }
    return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, o]) => o);
  }
}
