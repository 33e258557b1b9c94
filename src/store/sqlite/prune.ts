import type { Database } from 'better-sqlite3';
import { ownerOf, PROJECTIONS } from '../../projections/index.js';
import { baselineRowOf } from '../baseline.js';
import { encodeObject } from '../objectCodec.js';
import type { PruneResult } from '../StoreBackend.js';
import { EventReader } from './eventReader.js';
import { lastSeenRows } from './lastSeenRows.js';
import { readRows } from './readRows.js';

/**
 * Removes history older than `requested` for every cluster while keeping every answer for T ≥ cutoff,
 * the cutoff being `requested` or, if later, the cutoff of an earlier prune (returned as `cutoff`):
 * each object alive at the cutoff keeps its last earlier event (re-encoded as a key frame, since its
 * delta base goes away), the projection rows open across the cutoff are saved as the baseline a
 * rebuild starts from, rows closed before it are deleted but for each service's last ones
 * (lastSeenRows, saved in the baseline too), coverage before it is dropped. One transaction. The
 * Store's caches must be reloaded afterwards.
 */
export function pruneBefore(db: Database, requested: number): PruneResult {
  const reader = new EventReader(db);
  return db.transaction((): PruneResult => {
    // never back before an earlier prune's cutoff: that history is gone, and the baseline must hold
    // every row open at it (one opened between the two cutoffs would be lost by a rebuild)
    const earlier = db.prepare('SELECT MAX(cutoff) FROM prune_floors').pluck().get() as number | null;
    const cutoff = Math.max(requested, earlier ?? requested);
    // each object alive at the cutoff keeps its last event before it, and so does the log's newest
    // event, even a DELETED: positions are rowids (MAX + 1), and one used twice would be taken as
    // already seen by a subscription or a changes() cursor
    const keep = db
      .prepare(`SELECT e.position FROM events e JOIN (SELECT object_id, MAX(position) AS position FROM events
        WHERE observed_at < ? GROUP BY object_id) last ON last.position = e.position
        WHERE e.type != 'DELETED' OR e.position = (SELECT MAX(position) FROM events)`)
      .pluck()
      .all(cutoff) as number[];
    const reencode = db.prepare('UPDATE events SET object = ?, base_position = NULL WHERE position = ?');
    const jsons = keep.map((p) => [p, reader.objectJson(p)] as const);
    for (const [p, json] of jsons) reencode.run(encodeObject(json, null), p);

    db.exec('CREATE TEMP TABLE IF NOT EXISTS prune_keep (position INTEGER PRIMARY KEY)');
    db.exec('DELETE FROM prune_keep');
    const addKeep = db.prepare('INSERT INTO prune_keep (position) VALUES (?)');
    for (const p of keep) addKeep.run(p);
    const deletedEvents = db
      .prepare(
        'DELETE FROM events WHERE observed_at < ? AND position NOT IN (SELECT position FROM prune_keep)',
      )
      .run(cutoff).changes;
    db.exec('DELETE FROM objects WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.object_id = objects.id)');

    const baseline = [
      ...readRows(db, 'r.valid_from < ? AND r.valid_to >= ?', [cutoff, cutoff]),
      ...lastSeenRows(db, cutoff),
    ];
    db.exec('DELETE FROM projection_baseline');
    const addBaseline = db.prepare(
      'INSERT INTO projection_baseline (cluster_id, cutoff, projection, row) VALUES (?, ?, ?, ?)',
    );
    const clusterOf = db.prepare('SELECT id FROM clusters WHERE name = ?').pluck();
    for (const r of baseline) {
      const owner = ownerOf(r.attrs);
      const row = baselineRowOf(r, cutoff);
      addBaseline.run(
        clusterOf.get(typeof owner === 'string' ? owner : owner.cluster),
        cutoff,
        r.projection,
        JSON.stringify(row),
      );
    }
    let deletedRows = 0;
    for (const t of PROJECTIONS) {
      deletedRows += db
        .prepare(
          `DELETE FROM ${t} WHERE valid_to < ? AND id NOT IN (SELECT id FROM temp.prune_last_seen WHERE projection = ?)`,
        )
        .run(cutoff, t).changes;
    }
    db.prepare('DELETE FROM coverage WHERE ended_at IS NOT NULL AND ended_at < ?').run(cutoff);
    db.prepare('UPDATE coverage SET started_at = ? WHERE started_at < ?').run(cutoff, cutoff);
    db.prepare(`INSERT INTO prune_floors (cluster_id, cutoff) SELECT id, ? FROM clusters WHERE true
      ON CONFLICT (cluster_id) DO UPDATE SET cutoff = MAX(cutoff, excluded.cutoff)`).run(cutoff);
    // the clock floor the store clamps observed_at to: an event recorded later (by a clock behind the
    // cutoff) must not land before it, where a rebuild would take it for the baseline and drop it
    db.prepare('UPDATE clusters SET last_observed_at = MAX(COALESCE(last_observed_at, ?), ?)').run(
      cutoff,
      cutoff,
    );
    return { cutoff, deletedEvents, baselineEvents: keep.length, baselineRows: baseline.length, deletedRows };
  })();
}
