import { toObservation } from '../model/index.js';
import type { Kind, Observation, Rejection } from '../model/types.js';
import { rawUid } from './rawUid.js';

/** Where the snapshot goes as it streams in (a RelistDiff). */
export interface SnapshotSink {
  listed(obs: Observation): void;
  unlisted(uid: string): void;
  present(uid: string): void;
}

export interface InitialEventsInput {
  cluster: string;
  kind: Kind;
  now: () => number;
  sink: SnapshotSink;
  /** An item could not be slimmed: counted here; its uid still counts as present (SnapshotSink.present). */
  onReject?: (rejection: Rejection) => void;
}

/**
 * The state part of a WatchList stream: the synthetic ADDED events before the BOOKMARK
 * annotated `k8s.io/initial-events-end`, the same snapshot a paginated list yields. Objects are
 * slimmed as they arrive and handed to the sink at once, so neither raw JSON nor slim objects of a
 * large cluster are held. The server sends only ADDED here; a MODIFIED is folded in all the same and
 * a DELETED takes the uid out of the snapshot again.
 */
export class InitialEvents {
  constructor(private readonly input: InitialEventsInput) {}

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
      // an object we cannot read still exists (or, DELETED, no longer does)
      const uid = rawUid(raw);
      if (uid !== null) {
        if (type === 'DELETED') this.input.sink.unlisted(uid);
        else this.input.sink.present(uid);
      }
      return;
    }
    if (type === 'DELETED') this.input.sink.unlisted(r.observation.uid);
    else this.input.sink.listed(r.observation);
  }
}
