import { toObservation } from '../model/index.js';
import type { Kind, Observation, Rejection } from '../model/types.js';
import type { ListSnapshot } from './listSnapshot.js';

export interface InitialEventsInput {
  cluster: string;
  kind: Kind;
  now: () => number;
  /** An item could not be slimmed; it is left out of the snapshot (as a list page would). */
  onReject?: (rejection: Rejection) => void;
}

/**
 * The state part of a WatchList stream (reference §1.8): the synthetic events before the BOOKMARK
 * annotated `k8s.io/initial-events-end`, folded into the same snapshot a paginated list yields.
 * Objects are slimmed as they arrive, so raw JSON of a large cluster is never held at once. The
 * server sends only ADDED here; a MODIFIED or DELETED is folded in all the same (last one wins).
 */
export class InitialEvents {
  private readonly listed = new Map<string, Observation>();

  constructor(private readonly input: InitialEventsInput) {}

  get size(): number {
    return this.listed.size;
  }

  add(type: 'ADDED' | 'MODIFIED' | 'DELETED', raw: Record<string, unknown>, bytes: number): void {
    const r = toObservation({
      cluster: this.input.cluster,
      kind: this.input.kind,
      type: 'ADDED',
      source: 'relist',
      raw,
      rawBytes: bytes,
      observedAt: this.input.now(),
      notBefore: null,
    });
    if (!r.ok) {
      this.input.onReject?.(r);
      return;
    }
    if (type === 'DELETED') this.listed.delete(r.observation.uid);
    else this.listed.set(r.observation.uid, r.observation);
  }

  /** The state as of the initial-events-end bookmark's resourceVersion. */
  finish(resourceVersion: string): ListSnapshot {
    return { resourceVersion, listed: this.listed };
  }
}
