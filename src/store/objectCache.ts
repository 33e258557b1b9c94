import type { Kind } from '../model/types.js';
import { getOrCreate } from '../util/getOrCreate.js';

const scopeKey = (clusterId: number, kind: Kind): string => `${clusterId}\u0000${kind}`;

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

/**
 * Every object the store knows, by (cluster, kind) and uid. Nested maps keyed by the object's own
 * uid string: a composite key string per object would cost ≈ 70 bytes each at 50,000 pods.
 */
export class ObjectCache {
  private readonly scopes = new Map<string, Map<string, CachedObject>>();

  get(clusterId: number, kind: Kind, uid: string): CachedObject | undefined {
    return this.scopes.get(scopeKey(clusterId, kind))?.get(uid);
  }

  set(o: CachedObject): void {
    getOrCreate(this.scopes, scopeKey(o.clusterId, o.kind), () => new Map()).set(o.uid, o);
  }

  /** The objects of one cluster and kind. */
  ofKind(clusterId: number, kind: Kind): Iterable<CachedObject> {
    return this.scopes.get(scopeKey(clusterId, kind))?.values() ?? [];
  }

  clear(): void {
    this.scopes.clear();
  }
}
