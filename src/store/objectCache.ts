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
