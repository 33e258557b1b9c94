import type { EventSource, Kind, Observation, SlimObject } from '../model/types.js';
import type { FoldEvent } from '../projections/index.js';

/** A consistent-view interval change for one (cluster, kind), written with the batch that caused it. */
export type CoverageOp =
  | { op: 'open'; cluster: string; kind: Kind; at: number; reason: string }
  | { op: 'close'; cluster: string; kind: Kind; at: number; reason: string };

/** The watch resume point for one (cluster, kind), written in the same transaction as the events. */
export interface CursorUpdate {
  cluster: string;
  kind: Kind;
  resourceVersion: string;
}

export interface AppendBatch {
  observations: readonly Observation[];
  cursors?: readonly CursorUpdate[];
  coverage?: readonly CoverageOp[];
  /** The recorder of `cluster` was alive at `at` (its heartbeat; never moves backwards). */
  alive?: { cluster: string; at: number };
}

/** Expected outcomes of an append are counted, not thrown. */
export interface AppendResult {
  /** Events written. */
  appended: number;
  /** Same (cluster, kind, uid, resourceVersion) already stored: re-delivery, ignored. */
  duplicates: number;
  /** MODIFIED whose slim object hashes like the stream's previous one: not stored. */
  unchanged: number;
  /** observed_at was earlier than the cluster's last one and was raised to it. */
  clockClamped: number;
  /** Positions of the events written, in batch order. */
  positions: number[];
  /** Per-kind counts of written events, for metrics. */
  appendedByKind: Partial<Record<Kind, number>>;
}

/** What the store holds as the current state of one object (the last event, if not a deletion). */
export interface CurrentObject {
  kind: Kind;
  uid: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  hash: string;
  object: SlimObject;
}

export interface CurrentVersion {
  resourceVersion: string;
  hash: string;
  namespace: string;
  name: string;
}

export interface WatchCursor {
  cluster: string;
  kind: Kind;
  resourceVersion: string;
  /** Epoch ms of the last batch that touched this cursor (a liveness hint after a crash). */
  updatedAt: number;
}

/** A stored event as read back: what a fold consumes (narrowed by kind), and the rest of its row. */
export type StoredEvent = FoldEvent & {
  resourceVersion: string;
  source: EventSource;
  notBefore: number | null;
  occurredAt: number | null;
  hash: string;
};

/**
 * The store as the recorder sees it. Implemented by `Store` (src/store/Store.ts): every read is
 * answered from memory, and every write is one transaction of its backend (on SQLite written before
 * `append` returns its promise).
 */
export interface EventStore {
  /** Appends observations, cursor moves and coverage changes in ONE transaction, with the projections. */
  append(batch: AppendBatch): Promise<AppendResult>;
  /** True when `appendNow` writes at once (SQLite): the recorder then learns a failure at once. */
  readonly synchronous: boolean;
  /** `append`, written (or thrown) before returning; only where `synchronous`. */
  appendNow(batch: AppendBatch): AppendResult;
  /** The persisted watch resume point, or null if this (cluster, kind) was never listed. */
  getCursor(cluster: string, kind: Kind): WatchCursor | null;
  /** Objects alive in the store now for (cluster, kind), keyed by uid, decoded (costly on big stores). */
  currentObjects(cluster: string, kind: Kind): Map<string, CurrentObject>;
  /** Versions of the objects alive now for (cluster, kind), keyed by uid, from memory: what a relist diff needs. */
  currentVersions(cluster: string, kind: Kind): Map<string, CurrentVersion>;
  /** One alive object, decoded; null when the store has no alive object with that uid. */
  currentObject(cluster: string, kind: Kind, uid: string): CurrentObject | null;
  /** Start time of the open coverage interval of (cluster, kind), or null if none is open. */
  openCoverageSince(cluster: string, kind: Kind): number | null;
  /** The highest observed_at stored for the cluster (the clamp floor), or null. */
  lastObservedAt(cluster: string): number | null;
  /** The recorder's last heartbeat for the cluster (AppendBatch.alive), or null if none was written. */
  aliveAt(cluster: string): number | null;
  close(): Promise<void>;
}
