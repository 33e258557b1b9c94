import type { Kind, Observation } from '../model/types.js';
import type { CurrentObject, CurrentVersion } from '../store/types.js';
import { rvLessThan } from './kindCoverage.js';

export interface RelistDiffInput {
  cluster: string;
  kind: Kind;
  /**
   * What the store holds as alive, already restricted to the namespaces this list covers. Taken
   * over: the diff updates it with every change it emits, so it stays "what is stored (or queued)".
   */
  stored: Map<string, CurrentVersion>;
  /** Decodes the last stored object of one uid (only for deletions), null if it is not alive. */
  storedObject: (uid: string) => CurrentObject | null;
  /** Start of the window in which each inferred change happened (null = before recording began). */
  notBefore: (listedRv: string | null) => number | null;
  /** Stamps the changes handed over: `observedAt` is when a change leaves the diff. */
  now: () => number;
  /** Receives the changes in order, in chunks of `chunk` observations, all but the last. */
  emit: (observations: Observation[]) => void;
  /** Stores everything emitted so far (before a change of ours is read back to be deleted). */
  settle: () => void;
  /** Default 500 (the BatchWriter's flush size). */
  chunk?: number;
}

/** A stored version; `ours` when this diff emitted it (it may still be queued, not stored). */
interface Entry extends CurrentVersion {
  ours?: true;
}

/**
 * The changes a consistent snapshot implies against stored state, computed as the snapshot streams
 * in (page by page, or event by event for WatchList), all with source `relist`:
 * - a listed uid absent from the store → ADDED;
 * - a uid whose RV and content hash both differ → MODIFIED (an RV bump with equal content is a no-op);
 * - at `finish`, a stored uid not listed → DELETED, carrying the last stored object and the LIST's
 *   resourceVersion (the deletion RV is unknowable; the list RV keeps (uid, rv) unique and is the
 *   first revision at which we know the object was gone).
 * Only the uids seen are remembered, never the listed objects: changes leave in chunks of `chunk`,
 * each stamped with the time it leaves, and `finish` returns the last chunk (stamped with the
 * snapshot's completion time) for the caller to store with the cursor. A snapshot with fewer changes
 * than a chunk is thus stored in one unit, as one instant, with its cursor. A stored object whose (namespace,
 * name) a NEW uid takes is deleted right before that ADDED (two objects of one kind never share a
 * name in one snapshot), so a re-created name ends up alive as when all deletions came first.
 * After an RV reset (etcd restore) the list RV can be numerically at or below the object's own last RV
 * and would collide with a stored (uid, rv); such a deletion gets `<listRv>-relist-<observedAt>`.
 */
export class RelistDiff {
  /** Changes emitted so far (including those still pending). */
  changes = 0;
  /** The snapshot's RV once known (a paginated list's first page), for early deletions. */
  snapshotRv: string | null = null;
  private seen = new Set<string>();
  private pending: Observation[] = [];
  private unsettled = false;
  private readonly stored: Map<string, Entry>;
  /**
   * Uid by `namespace/name`, built at the first ADDED, of the objects stored before this snapshot;
   * ours join it only when they can be renamed: once unlisted (WatchList) or after a restart. Within
   * one pass an object of ours is seen, and a seen uid is never deleted for a rename, so a first list
   * of 150,000 pods keeps no name key for each of them.
   */
  private byName: Map<string, string> | null = null;
  private oursByName = false;
  private readonly chunk: number;

  constructor(private readonly input: RelistDiffInput) {
    this.chunk = input.chunk ?? 500;
    this.stored = input.stored;
  }

  /**
   * One object of the snapshot, slimmed (its `type`, `source`, `notBefore` are ignored). Taken over:
   * when it is a change, it is completed in place and handed on.
   */
  listed(obs: Observation): void {
    const { stored } = this;
    this.seen.add(obs.uid);
    const cur = stored.get(obs.uid);
    if (cur !== undefined && (cur.resourceVersion === obs.resourceVersion || cur.hash === obs.hash)) return;
    if (cur === undefined) this.deleteRenamed(obs);
    // the snapshot's observation is ours to complete: no copy of it per listed object
    obs.type = cur === undefined ? 'ADDED' : 'MODIFIED';
    obs.source = 'relist';
    obs.notBefore = this.input.notBefore(obs.resourceVersion);
    this.push(obs);
    stored.set(obs.uid, {
      resourceVersion: obs.resourceVersion,
      hash: obs.hash,
      namespace: obs.namespace,
      name: obs.name,
      ours: true,
    });
    if (this.oursByName) this.byName?.set(nameKey(obs.namespace, obs.name), obs.uid);
  }

  /**
   * An object of the snapshot that could not be slimmed (too large, malformed): it exists, so it is
   * not deleted, and what is stored of it stays as it was.
   */
  present(uid: string): void {
    this.seen.add(uid);
  }

  /** A WatchList initial DELETED: the uid is not part of the snapshot after all (last one wins). */
  unlisted(uid: string): void {
    this.seen.delete(uid);
    const cur = this.stored.get(uid);
    if (cur?.ours) this.byName?.set(nameKey(cur.namespace, cur.name), uid);
  }

  /**
   * The snapshot starts over (a continue token expired): forget the uids seen. What was emitted is
   * already in `stored`, so the new pass diffs against it.
   */
  restart(): void {
    this.seen = new Set();
    this.oursByName = true;
    this.byName = null;
  }

  /**
   * The snapshot is complete at `observedAt`: emits the deletions of stored uids not seen, in
   * chunks, and returns the LAST chunk, unemitted and stamped `observedAt`, for the caller to store
   * in one unit with the cursor.
   */
  finish(listResourceVersion: string, observedAt: number): Observation[] {
    for (const uid of this.stored.keys()) {
      if (this.seen.has(uid)) continue;
      const del = this.deletion(uid, listResourceVersion, observedAt);
      if (del !== null) this.push(del);
    }
    const last = this.pending;
    this.pending = [];
    for (const o of last) o.observedAt = observedAt;
    return last;
  }

  private deletion(uid: string, listRv: string, observedAt: number): Observation | null {
    if (this.stored.get(uid)?.ours && this.unsettled) {
      this.drain();
      this.input.settle();
      this.unsettled = false;
    }
    const cur = this.input.storedObject(uid);
    if (cur === null) return null;
    const resourceVersion = deletionRv(listRv, cur.resourceVersion, observedAt);
    this.changes += 1;
    return {
      cluster: this.input.cluster,
      kind: this.input.kind,
      type: 'DELETED',
      source: 'relist',
      uid,
      namespace: cur.namespace,
      name: cur.name,
      resourceVersion,
      observedAt,
      notBefore: this.input.notBefore(null),
      occurredAt: null,
      // contentHash ignores meta.resourceVersion, so the stored hash still matches this body.
      object: { ...cur.object, meta: { ...cur.object.meta, resourceVersion } },
      hash: cur.hash,
    };
  }

  /** A new uid under a stored name: that older object is gone; delete it first. */
  private deleteRenamed(obs: Observation): void {
    const { stored } = this;
    if (stored.size === 0) return;
    if (this.byName === null) {
      this.byName = new Map();
      for (const [uid, v] of stored)
        if (!v.ours || this.oursByName || !this.seen.has(uid))
          this.byName.set(nameKey(v.namespace, v.name), uid);
    }
    const old = this.byName.get(nameKey(obs.namespace, obs.name));
    if (old === undefined || old === obs.uid || this.seen.has(old) || !stored.has(old)) return;
    // Until the snapshot RV is known (WatchList tells it at the end), this object's own RV is a
    // revision at which the old one was already gone.
    const del = this.deletion(old, this.snapshotRv ?? obs.resourceVersion, obs.observedAt);
    stored.delete(old);
    if (del !== null) this.push(del);
  }

  private push(o: Observation): void {
    if (o.type !== 'DELETED') this.changes += 1;
    this.pending.push(o);
    if (this.pending.length >= this.chunk) this.drain();
  }

  private drain(): void {
    if (this.pending.length === 0) return;
    const out = this.pending;
    this.pending = [];
    const at = this.input.now();
    for (const o of out) o.observedAt = at;
    this.unsettled = true;
    this.input.emit(out);
  }
}

function nameKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function deletionRv(listRv: string, lastRv: string, observedAt: number): string {
  const numeric = /^\d+$/.test(listRv) && /^\d+$/.test(lastRv);
  const collides = numeric ? !rvLessThan(lastRv, listRv) : listRv === lastRv;
  return collides ? `${listRv}-relist-${observedAt}` : listRv;
}
