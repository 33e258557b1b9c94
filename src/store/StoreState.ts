import type { Kind } from '../model/types.js';
import type { FoldState, SlimObjectOf } from '../projections/index.js';
import { Ids } from './Ids.js';
import { LruCache } from './LruCache.js';
import { type AliveMemberSource, loadFoldState } from './loadFoldState.js';
import { type CachedObject, ObjectCache } from './objectCache.js';
import { KEY_FRAME_INTERVAL } from './objectCodec.js';
import { RowWriter } from './RowWriter.js';
import type { MaybePromise, StoreBackend, StoredState } from './StoreBackend.js';
import { deserialise } from './serialise.js';

const scopeKey = (clusterId: number, kind: Kind): string => `${clusterId}\u0000${kind}`;

/**
 * What the write path keeps in memory so that a batch needs no reads: every object's identity and
 * last version, the recent objects' JSON (delta bases), every id, each cluster's clock floor and
 * heartbeat, the watch cursors and open coverage, the fold state and the open rows' ids. All of it
 * is derived from the database and reloaded by `load`; one recorder writes a cluster, so nothing
 * else changes it meanwhile.
 */
export class StoreState {
  readonly objects = new ObjectCache();
  /** Last JSON by object id: the delta bases. */
  readonly lastJson: LruCache<number, Buffer>;
  readonly clusterLast = new Map<number, number>();
  readonly aliveAt = new Map<number, number>();
  /** Watch cursors by cluster id and kind. */
  readonly cursors = new Map<string, { resourceVersion: string; updatedAt: number }>();
  /** The start of the open coverage interval by cluster id and kind. */
  readonly openCoverage = new Map<string, number>();
  ids!: Ids;
  fold!: FoldState;
  writer!: RowWriter;

  constructor(deltaCacheBytes: number) {
    this.lastJson = new LruCache(deltaCacheBytes, (json) => json.length);
  }

  static scope = scopeKey;

  /**
   * Reloads everything from the backend (at open, and after a rolled-back or replaced history): at
   * once when the backend answers at once (SQLite), else when its promise settles.
   */
  load(backend: StoreBackend): MaybePromise<void> {
    const stored = backend.load();
    if (stored instanceof Promise) return stored.then((s) => this.apply(s, backend));
    this.apply(stored, backend);
  }

  private apply(stored: StoredState, backend: StoreBackend): void {
    this.objects.clear();
    this.lastJson.clear();
    this.clusterLast.clear();
    this.aliveAt.clear();
    this.cursors.clear();
    this.openCoverage.clear();
    const names = new Map<number, string>();
    for (const c of stored.clusters) {
      names.set(c.id, c.name);
      if (c.lastObservedAt !== null) this.clusterLast.set(c.id, c.lastObservedAt);
      if (c.aliveAt !== null) this.aliveAt.set(c.id, c.aliveAt);
    }
    for (const c of stored.cursors)
      this.cursors.set(scopeKey(c.clusterId, c.kind), {
        resourceVersion: c.resourceVersion,
        updatedAt: c.updatedAt,
      });
    for (const c of stored.openCoverage) this.openCoverage.set(scopeKey(c.clusterId, c.kind), c.startedAt);
    this.ids = new Ids(stored, stored.ids);
    // slices and Endpoints alive now; decoded after the scan (a backend may not read twice at once)
    const memberSources: CachedObject[] = [];
    for (const e of stored.latestEvents()) {
      const o: CachedObject = {
        id: e.objectId,
        clusterId: e.clusterId,
        kind: e.kind,
        uid: e.uid,
        namespace: e.namespace,
        name: e.name,
        lastPosition: e.position,
        lastRv: e.resourceVersion,
        lastHash: e.hash,
        alive: e.type !== 'DELETED',
        chainLength: KEY_FRAME_INTERVAL,
      };
      this.objects.set(o);
      if (o.alive && (o.kind === 'EndpointSlice' || o.kind === 'Endpoints')) memberSources.push(o);
    }
    const alive = memberSources.map(
      (o): AliveMemberSource =>
        o.kind === 'EndpointSlice'
          ? {
              kind: 'EndpointSlice',
              cluster: names.get(o.clusterId)!,
              uid: o.uid,
              namespace: o.namespace,
              position: o.lastPosition,
              object: deserialise(
                backend.objectJson(o.lastPosition),
                o.lastRv,
              ) as SlimObjectOf['EndpointSlice'],
            }
          : {
              kind: 'Endpoints',
              cluster: names.get(o.clusterId)!,
              uid: o.uid,
              namespace: o.namespace,
              name: o.name,
              position: o.lastPosition,
            },
    );
    this.writer = new RowWriter(this.ids);
    this.fold = loadFoldState(stored.openRows(), stored.marks(), alive, this.writer);
  }
}
