import type { EventType, Kind } from '../model/types.js';
import type { AttrsByProjection, ProjectionName } from '../projections/index.js';
import type { BaselineRow } from './baseline.js';
import type { IdSpace, InternedRows } from './Ids.js';
import type { StoredEvent } from './types.js';
import type { RowSink, WritePlan } from './WritePlan.js';

/** Each object's identity and latest stored event (what dedupe, deltas and relist diffs need). */
export interface LatestEvent {
  objectId: number;
  clusterId: number;
  kind: Kind;
  uid: string;
  namespace: string;
  name: string;
  position: number;
  type: EventType;
  resourceVersion: string;
  hash: string;
}

/** A projection row read back as the fold produced it (attributes rebuilt through its table). */
export interface StoredRow<P extends ProjectionName = ProjectionName> {
  projection: P;
  id: number;
  scope: string;
  key: string;
  attrs: AttrsByProjection[P];
  validFrom: number;
  validTo: number;
  fromPosition: number;
  /** Position of the event that closed the row (endpoint_members only; null elsewhere or while open). */
  toPosition: number | null;
}

/** When a service first had rows from each source. */
export interface StoredMark {
  cluster: string;
  namespace: string;
  name: string;
  firstSliceAt: number | null;
  firstEndpointsAt: number | null;
}

/**
 * What the write path keeps in memory, as a backend reads it (at open, and again after a failed
 * commit, a rebuild or a prune). The iterables are read once, in the order listed, each to its end
 * before the next is asked for.
 */
export interface StoredState extends InternedRows {
  clusters: readonly { id: number; name: string; lastObservedAt: number | null; aliveAt: number | null }[];
  /** How the store numbers new rows, counters starting after the stored ones. */
  ids: IdSpace;
  cursors: readonly { clusterId: number; kind: Kind; resourceVersion: string; updatedAt: number }[];
  /** The start of each open coverage interval. */
  openCoverage: readonly { clusterId: number; kind: Kind; startedAt: number }[];
  latestEvents(): Iterable<LatestEvent>;
  /** Every projection row still open (valid_to = OPEN_END). */
  openRows(): Iterable<StoredRow>;
  marks(): Iterable<StoredMark>;
}

/** Expected outcomes of a commit are values: a re-delivered event stored before is not a failure. */
export type CommitOutcome =
  | { committed: true }
  /** Nothing was written: these (object, resourceVersion) pairs were already in the log. */
  | { committed: false; duplicates: readonly { objectId: number; resourceVersion: string }[] };

/** A baseline row a prune kept, with its table. */
export interface StoredBaselineRow {
  projection: ProjectionName;
  row: BaselineRow;
}

/**
 * A rebuild in progress, inside ONE transaction of the backend, with the projection tables emptied
 * (and, where it pays, their indexes dropped until the end): the rows it is handed are written as
 * they come.
 */
export interface RebuildSession extends RowSink {
  /** Events in the log (for progress). */
  readonly total: number;
  readonly interned: InternedRows;
  /** Row ids restart at the first of their range; the interned tables keep theirs. */
  readonly ids: IdSpace;
  /** The first-seen marks a prune's cutoff keeps (the others were cleared: the replay sets them again). */
  marks(): Iterable<StoredMark>;
  /** The rows a prune kept at its cutoff (open ones, and each service's last ended ones), in the order it saved them. */
  baseline(): Iterable<StoredBaselineRow>;
  /** Prune cutoffs by cluster name: events observed before them only restore the fold's state. */
  pruneFloors(): ReadonlyMap<string, number>;
  /** The log in position order (PostgreSQL pages through it, writing the rows handed over meanwhile). */
  events(): Iterable<StoredEvent> | AsyncIterable<StoredEvent>;
  /** Every row was handed over: the projections have applied the log up to `position`. */
  finish(position: number): MaybePromise<void>;
}

export interface PruneResult {
  cutoff: number;
  deletedEvents: number;
  /**
   * Events kept before the cutoff: each alive object's last state, the new starting point (and the
   * log's newest event, whatever it is, so that no position is ever used twice).
   */
  baselineEvents: number;
  baselineRows: number;
  deletedRows: number;
}

export interface ReclaimResult {
  /** The database's size (free space included) before and after, bytes. */
  before: number;
  after: number;
  elapsedMs: number;
}

/** A value, or a promise of it: SQLite answers at once (better-sqlite3 is synchronous), PostgreSQL later. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * The write side's seam: what the store (src/store/Store.ts) needs of a database. The store decides
 * everything a batch writes in memory — positions, ids, encoded objects, projection rows — and the
 * backend only reads state and writes plans, each in ONE transaction. SQLite implements it in
 * src/store/sqlite (synchronously, better-sqlite3: every MaybePromise is a plain value), PostgreSQL
 * in src/store/postgres (asynchronously). `objectJson` stays synchronous on both: the recorder's
 * relist diff asks it mid-batch (PostgreSQL keeps each alive object's latest JSON in memory).
 */
export interface StoreBackend {
  /** Every method answers at once (SQLite): a Store then writes each batch before `append` returns. */
  readonly synchronous: boolean;
  /** The newest migration the database has (opening it as a writer applied every one this code has). */
  schemaVersion(): MaybePromise<number>;
  load(): MaybePromise<StoredState>;
  /**
   * Registers these clusters (by name) before a batch that writes them is planned, when the
   * database numbers clusters itself (PostgreSQL: one recorder per cluster, many at once); absent
   * where the store numbers them in the plan (SQLite).
   */
  registerClusters?(names: readonly string[]): Promise<{ id: number; name: string }[]>;
  /** The JSON of the object stored at `position`, its delta chain resolved. */
  objectJson(position: number): Buffer;
  /** Writes `plan` in ONE transaction, or nothing (then says which events were already stored). */
  commit(plan: WritePlan): MaybePromise<CommitOutcome>;
  /** Runs `replay` as one transaction over emptied projections; a throw leaves them as they were. */
  rebuild<T>(replay: (session: RebuildSession) => Promise<T>): Promise<T>;
  /**
   * Drops history before `cutoff` (or an earlier prune's cutoff, if later: the result's `cutoff`)
   * keeping every answer for T ≥ cutoff (see src/store/sqlite/prune.ts).
   */
  prune(cutoff: number): MaybePromise<PruneResult>;
  /** Gives the space freed by a prune back to the filesystem. */
  reclaimSpace(onPhase: (line: string) => void): MaybePromise<ReclaimResult>;
  /** Lets go of the connection (and with it the writer's lock). */
  close(): MaybePromise<void>;
}
