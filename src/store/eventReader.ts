import type { Database, Statement } from 'better-sqlite3';
import type { EventSource, EventType, Kind } from '../model/types.js';
import { decodeObject } from './objectCodec.js';
import { deserialise } from './serialise.js';
import type { StoredEvent } from './types.js';

interface EventRow {
  position: number;
  object_id: number;
  cluster: string;
  kind: Kind;
  uid: string;
  namespace: string;
  name: string;
  resource_version: string;
  type: EventType;
  source: EventSource;
  observed_at: number;
  not_before: number | null;
  occurred_at: number | null;
  hash: string;
  base_position: number | null;
  object: Buffer;
}

const SELECT = `SELECT e.position, e.object_id, c.name AS cluster, o.kind, o.uid, o.namespace, o.name,
  e.resource_version, e.type, e.source, e.observed_at, e.not_before, e.occurred_at, e.hash, e.base_position, e.object
  FROM events e JOIN objects o ON o.id = e.object_id JOIN clusters c ON c.id = o.cluster_id`;

function toStored(r: EventRow, json: Buffer): StoredEvent {
  return {
    position: r.position,
    cluster: r.cluster,
    kind: r.kind,
    uid: r.uid,
    namespace: r.namespace,
    name: r.name,
    resourceVersion: r.resource_version,
    type: r.type,
    source: r.source,
    observedAt: r.observed_at,
    notBefore: r.not_before,
    occurredAt: r.occurred_at,
    hash: r.hash,
    object: deserialise(json, r.resource_version),
  };
}

/** Reads events back, undoing the per-object delta encoding. */
export class EventReader {
  private readonly one: Statement;
  private readonly blob: Statement;
  private readonly range: Statement;

  constructor(db: Database) {
    this.one = db.prepare(`${SELECT} WHERE e.position = ?`);
    this.blob = db.prepare('SELECT base_position, object FROM events WHERE position = ?');
    this.range = db.prepare(`${SELECT} WHERE e.position > ? ORDER BY e.position LIMIT ?`);
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
    return r ? toStored(r, this.objectJson(position)) : null;
  }

  /**
   * Every event after `afterPosition` in position order. Decodes sequentially, keeping each object's
   * last JSON as the next delta's dictionary, so a full replay inflates each event exactly once.
   */
  *all(afterPosition = 0, pageSize = 5000): Generator<StoredEvent> {
    const last = new Map<number, { position: number; json: Buffer }>();
    let cursor = afterPosition;
    for (;;) {
      const rows = this.range.all(cursor, pageSize) as EventRow[];
      if (rows.length === 0) return;
      for (const r of rows) {
        const prev = last.get(r.object_id);
        let json: Buffer;
        if (r.base_position === null) json = decodeObject(r.object, null);
        else if (prev && prev.position === r.base_position) json = decodeObject(r.object, prev.json);
        else json = decodeObject(r.object, this.objectJson(r.base_position));
        if (r.type === 'DELETED') last.delete(r.object_id);
        else last.set(r.object_id, { position: r.position, json });
        yield toStored(r, json);
      }
      cursor = rows[rows.length - 1]!.position;
    }
  }
}
