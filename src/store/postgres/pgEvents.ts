import type pg from 'pg';
import type { EventSource, EventType, Kind } from '../../model/types.js';
import { asFoldEvent } from '../../projections/index.js';
import { decodeObject } from '../objectCodec.js';
import { deserialise } from '../serialise.js';
import type { StoredEvent } from '../types.js';
import { clusterOfId } from './ClusterIds.js';

/**
 * The JSON of the objects stored at `positions`, each delta chain followed back to its key frame
 * in one recursive query (a chain stays within its cluster: the join keeps cluster_id).
 */
export async function objectJsons(
  client: pg.Client | pg.Pool,
  positions: readonly number[],
): Promise<Map<number, Buffer>> {
  const out = new Map<number, Buffer>();
  if (positions.length === 0) return out;
  const { rows } = await client.query<{ root: number; depth: number; object: Buffer }>({
    name: 'eph_chains',
    text: `WITH RECURSIVE chain AS (
        SELECT e.cluster_id, e.position AS root, e.base_position, e.object, 0 AS depth
          FROM events e JOIN unnest($1::bigint[], $2::bigint[]) AS p(cluster_id, position)
            ON e.cluster_id = p.cluster_id AND e.position = p.position
        UNION ALL
        SELECT e.cluster_id, c.root, e.base_position, e.object, c.depth + 1
          FROM chain c JOIN events e ON e.cluster_id = c.cluster_id AND e.position = c.base_position)
      SELECT root, depth, object FROM chain ORDER BY root, depth DESC`,
    values: [positions.map(clusterOfId), positions],
  });
  let root = -1;
  let json: Buffer | null = null;
  for (const r of rows) {
    if (r.root !== root) {
      if (root !== -1) out.set(root, json!);
      root = r.root;
      json = null;
    }
    json = decodeObject(r.object, json);
  }
  if (root !== -1) out.set(root, json!);
  for (const p of positions)
    if (!out.has(p)) throw new Error(`event ${p} missing from its object's delta chain`);
  return out;
}

export interface ObjectNames {
  cluster: string;
  kind: Kind;
  uid: string;
  namespace: string;
  name: string;
}

export interface PgEventRow {
  cluster_id: number;
  position: number;
  object_id: number;
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

export const EVENT_SELECT = `SELECT cluster_id, position, object_id, resource_version, type, source, observed_at,
  not_before, occurred_at, hash, base_position, object FROM events`;

export function storedEvent(r: PgEventRow, o: ObjectNames, json: Buffer): StoredEvent {
  return asFoldEvent({
    position: r.position,
    cluster: o.cluster,
    kind: o.kind,
    uid: o.uid,
    namespace: o.namespace,
    name: o.name,
    resourceVersion: r.resource_version,
    type: r.type,
    source: r.source,
    observedAt: r.observed_at,
    notBefore: r.not_before,
    occurredAt: r.occurred_at,
    hash: r.hash,
    object: deserialise(json, r.resource_version),
  });
}

/** Every object's names, by object id (what a replay names its events with). */
export async function objectNames(client: pg.Client): Promise<Map<number, ObjectNames>> {
  const { rows } = await client.query<ObjectNames & { id: number }>(
    `SELECT o.id, c.name AS cluster, o.kind, o.uid, o.namespace, o.name FROM objects o
      JOIN clusters c ON c.cluster_id = o.cluster_id`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Every event, cluster by cluster in position order (each cluster's fold is independent of the
 * others'), a page at a time; each object's last JSON kept as the next delta's base. `beforePage`
 * runs before each page is read (a rebuild writes the rows of the previous page there).
 */
export async function* allEvents(
  client: pg.Client,
  beforePage: () => Promise<void> = async () => {},
  pageSize = 5000,
): AsyncGenerator<StoredEvent> {
  const names = await objectNames(client);
  const last = new Map<number, { position: number; json: Buffer }>();
  let cluster = 0;
  let position = 0;
  for (;;) {
    await beforePage();
    const { rows } = await client.query<PgEventRow>({
      name: 'eph_event_page',
      text: `${EVENT_SELECT} WHERE (cluster_id, position) > ($1, $2) ORDER BY cluster_id, position LIMIT $3`,
      values: [cluster, position, pageSize],
    });
    if (rows.length === 0) return;
    const bases = rows
      .filter((r) => r.base_position !== null && last.get(r.object_id)?.position !== r.base_position)
      .map((r) => r.base_position!);
    const fetched = await objectJsons(client, [...new Set(bases)]);
    for (const r of rows) {
      let json: Buffer;
      if (r.base_position === null) json = decodeObject(r.object, null);
      else {
        const prev = last.get(r.object_id);
        const base = prev?.position === r.base_position ? prev.json : fetched.get(r.base_position)!;
        json = decodeObject(r.object, base);
      }
      if (r.type === 'DELETED') last.delete(r.object_id);
      else last.set(r.object_id, { position: r.position, json });
      yield storedEvent(r, names.get(r.object_id)!, json);
    }
    const tail = rows[rows.length - 1]!;
    cluster = tail.cluster_id;
    position = tail.position;
  }
}
