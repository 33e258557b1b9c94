import type { Kind } from '../model/types.js';

/** What the write path remembers about each object, so dedupe and deltas need no reads. */
export interface CachedObject {
  id: number;
  clusterId: number;
  kind: Kind;
  uid: string;
  namespace: string;
  name: string;
  lastPosition: number;
  lastRv: string;
  lastHash: string;
  alive: boolean;
  /** Deltas since the last key frame; KEY_FRAME_INTERVAL forces a key frame (also after a restart). */
  chainLength: number;
}

export const objectCacheKey = (clusterId: number, kind: Kind, uid: string): string =>
  `${clusterId}\u0000${kind}\u0000${uid}`;

/**
 * Every object the store knows, by (cluster, kind) and uid. Nested maps keyed by the object's own
 * uid string: a composite key string per object would cost ≈ 70 bytes each at 50,000 pods.
 */
export class ObjectCache {
  private readonly scopes = new Map<string, Map<string, CachedObject>>();

  get(clusterId: number, kind: Kind, uid: string): CachedObject | undefined {
    return this.scopes.get(`${clusterId}\u0000${kind}`)?.get(uid);
  }

  set(o: CachedObject): void {
    const scope = `${o.clusterId}\u0000${o.kind}`;
    let objects = this.scopes.get(scope);
    if (objects === undefined) {
      objects = new Map();
      this.scopes.set(scope, objects);
    }
    objects.set(o.uid, o);
  }

  /** The objects of one cluster and kind. */
  ofKind(clusterId: number, kind: Kind): Iterable<CachedObject> {
    return this.scopes.get(`${clusterId}\u0000${kind}`)?.values() ?? [];
  }

  clear(): void {
    this.scopes.clear();
  }
}
