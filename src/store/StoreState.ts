import type { Database } from 'better-sqlite3';
import type { Kind, SlimEndpointSlice } from '../model/types.js';
import { createFoldState, type FoldState } from '../projections/foldState.js';
import type { SqlIds } from '../projections/sql/ids.js';
import { type AliveObject, loadState } from '../projections/sql/loadState.js';
import { ProjectionWriter } from '../projections/sql/writer.js';
import type { EventReader } from './eventReader.js';
import { LruCache } from './LruCache.js';
import { type CachedObject, ObjectCache } from './objectCache.js';
import { KEY_FRAME_INTERVAL } from './objectCodec.js';
import { deserialise } from './serialise.js';

/**
 * What the write path keeps in memory so that a batch needs no reads: every object's identity and
 * last version, the recent objects' JSON (delta bases), each cluster's clock floor, the fold state
 * and the writer's open row ids. All of it is derived from the database and reloaded by `load`.
 */
export class StoreState {
  readonly objects = new ObjectCache();
  /** Last JSON by object id: the delta bases. */
  readonly lastJson: LruCache<number, Buffer>;
  readonly clusterLast = new Map<number, number>();
  fold!: FoldState;
  writer!: ProjectionWriter;

  constructor(deltaCacheBytes: number) {
    this.lastJson = new LruCache(deltaCacheBytes, (json) => json.length);
  }

  /** Reloads everything from the database (at open, and after a rolled-back transaction). */
  load(db: Database, ids: SqlIds, reader: EventReader): void {
    this.objects.clear();
    this.lastJson.clear();
    this.clusterLast.clear();
    ids.reset();
    const clusters = db.prepare('SELECT id, name, last_observed_at FROM clusters').all() as {
      id: number;
      name: string;
      last_observed_at: number | null;
    }[];
    for (const c of clusters) if (c.last_observed_at !== null) this.clusterLast.set(c.id, c.last_observed_at);
    const clusterNames = new Map(clusters.map((c) => [c.id, c.name]));
    // each object's latest event: a covering scan of the events' (object_id, resource_version) index
    const rows = db
      .prepare(`SELECT o.id, o.cluster_id, o.kind, o.uid, o.namespace, o.name, e.position, e.type,
        e.resource_version, e.hash FROM objects o
        JOIN (SELECT object_id, MAX(position) AS position FROM events GROUP BY object_id) last ON last.object_id = o.id
        JOIN events e ON e.position = last.position`)
      .iterate() as IterableIterator<Record<string, unknown>>;
    // slices and Endpoints alive now; decoded after the scan: no other statement may run while it iterates
    const memberSources: CachedObject[] = [];
    for (const r of rows) {
      const o: CachedObject = {
        id: r.id as number,
        clusterId: r.cluster_id as number,
        kind: r.kind as Kind,
        uid: r.uid as string,
        namespace: r.namespace as string,
        name: r.name as string,
        lastPosition: r.position as number,
        lastRv: r.resource_version as string,
        lastHash: r.hash as string,
        alive: r.type !== 'DELETED',
        chainLength: KEY_FRAME_INTERVAL,
      };
      this.objects.set(o);
      if (o.alive && (o.kind === 'EndpointSlice' || o.kind === 'Endpoints')) memberSources.push(o);
    }
    const alive: AliveObject[] = memberSources.map((o) => ({
      cluster: clusterNames.get(o.clusterId)!,
      kind: o.kind as AliveObject['kind'],
      uid: o.uid,
      namespace: o.namespace,
      name: o.name,
      position: o.lastPosition,
      // the union of a service's slices needs the slices; Endpoints are complete in themselves
      object:
        o.kind === 'EndpointSlice'
          ? (deserialise(reader.objectJson(o.lastPosition), o.lastRv) as SlimEndpointSlice)
          : null,
    }));
    this.fold = createFoldState();
    this.writer = new ProjectionWriter(db, ids);
    loadState(db, this.fold, this.writer.openRowIds, alive);
  }
}
