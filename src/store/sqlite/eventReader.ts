import type { Database, Statement } from 'better-sqlite3';
import type { EventSource, EventType, Kind } from '../../model/types.js';
import { asFoldEvent } from '../../projections/index.js';
import { decodeObject } from '../objectCodec.js';
import { deserialise } from '../serialise.js';
import type { StoredEvent } from '../types.js';

const EVENT_COLUMNS = `position, object_id, resource_version, type, source, observed_at, not_before, occurred_at,
  hash, base_position, object`;

const OBJECT_NAMES = `SELECT o.id, c.name AS cluster, o.kind, o.uid, o.namespace, o.name
  FROM objects o JOIN clusters c ON c.id = o.cluster_id`;

interface ObjectNames {
  cluster: string;
  kind: Kind;
  uid: string;
  namespace: string;
  name: string;
}

/** An events row (EVENT_COLUMNS), column by column. */
export type EventRow = [
  position: number,
  objectId: number,
  resourceVersion: string,
  type: EventType,
  source: EventSource,
  observedAt: number,
  notBefore: number | null,
  occurredAt: number | null,
  hash: string,
  basePosition: number | null,
  object: Buffer,
];

function toStored(r: EventRow, o: ObjectNames, json: Buffer): StoredEvent {
  const [position, , resourceVersion, type, source, observedAt, notBefore, occurredAt, hash] = r;
  return asFoldEvent({
    position,
    cluster: o.cluster,
    kind: o.kind,
    uid: o.uid,
    namespace: o.namespace,
    name: o.name,
    resourceVersion,
    type,
    source,
    observedAt,
    notBefore,
    occurredAt,
    hash,
    object: deserialise(json, resourceVersion),
  });
}

/** Reads events back, undoing the per-object delta encoding. */
export class EventReader {
  private readonly one: Statement;
  private readonly blob: Statement;
  private readonly objectName: Statement;

  constructor(private readonly db: Database) {
    this.one = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position = ?`).raw();
    this.blob = db.prepare('SELECT base_position, object FROM events WHERE position = ?');
    this.objectName = db.prepare(`${OBJECT_NAMES} WHERE o.id = ?`);
  }

  /** The JSON of the object stored at `position`, following its delta chain back to a key frame. */
  objectJson(position: number): Buffer {
    const chain: { base: number | null; object: Buffer }[] = [];
    let at: number | null = position;
    while (at !== null) {
      const row = this.blob.get(at) as { base_position: number | null; object: Buffer } | undefined;
      if (!row) throw new Error(`event ${at} missing from its object's delta chain`);
      chain.push({ base: row.base_position, object: row.object });
      at = row.base_position;
    }
    let json: Buffer | null = null;
    for (let i = chain.length - 1; i >= 0; i--) json = decodeObject(chain[i]!.object, json);
    return json!;
  }

  event(position: number): StoredEvent | null {
    const r = this.one.get(position) as EventRow | undefined;
    if (!r) return null;
    const json = r[9] === null ? decodeObject(r[10], null) : decodeObject(r[10], this.objectJson(r[9]));
    return toStored(r, this.objectName.get(r[1]) as ObjectNames, json);
  }

  /**
   * Every event after `afterPosition` in position order. Decodes sequentially, keeping each object's
   * last JSON as the next delta's dictionary, so a full replay inflates each event exactly once.
   * Reads bare event rows and names their objects from a map loaded once: a replay of the whole log
   * spends its time decoding, not re-reading the same object's strings per event.
   */
  *all(afterPosition = 0, pageSize = 5000): Generator<StoredEvent> {
    const objects = new Map<number, ObjectNames>();
    for (const o of this.db.prepare(OBJECT_NAMES).iterate() as IterableIterator<ObjectNames & { id: number }>)
      objects.set(o.id, o);
    for (const [r, json] of this.decoded(afterPosition, pageSize)) {
      let o = objects.get(r[1]);
      if (o === undefined) {
        // an object first written after the map was loaded
        o = this.objectName.get(r[1]) as ObjectNames;
        objects.set(r[1], o);
      }
      yield toStored(r, o, json);
    }
  }

  /** As `all`, but each event as its bare row (EVENT_COLUMNS) and its object's JSON, not yet parsed. */
  *decoded(afterPosition = 0, pageSize = 5000): Generator<[EventRow, Buffer]> {
    const page = this.db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw();
    const last = new Map<number, { position: number; json: Buffer }>();
    let cursor = afterPosition;
    for (;;) {
      const rows = page.all(cursor, pageSize) as EventRow[];
      if (rows.length === 0) return;
      for (const r of rows) {
        const [position, objectId, , type, , , , , , base, blob] = r;
        const prev = last.get(objectId);
        let json: Buffer;
        if (base === null) json = decodeObject(blob, null);
        else if (prev && prev.position === base) json = decodeObject(blob, prev.json);
        else json = decodeObject(blob, this.objectJson(base));
        if (type === 'DELETED') last.delete(objectId);
        else last.set(objectId, { position, json });
        yield [r, json];
      }
      cursor = rows[rows.length - 1]![0];
    }
  }
}
