import type { Database } from 'better-sqlite3';
import type { ProjectionName } from '../../projections/index.js';
import type { StoredRow } from '../StoreBackend.js';
import { readRows } from './readRows.js';

const LAST_SEEN: Record<'endpoint_members' | 'service_states', string> = {
  // the last change to a service's endpoints from each source (lastChangeAt looks back for it)
  endpoint_members: 'PARTITION BY service_id, source ORDER BY valid_to DESC, id DESC',
  // a service's last state (serviceAt answers it as last seen; outages ask whether it existed)
  service_states: 'PARTITION BY service_id ORDER BY valid_from DESC, id DESC',
};

/**
 * The rows a prune keeps although they ended before the cutoff, because answers after the cutoff
 * look back at them: each service's last state, and its last ended membership row per source. One
 * row per service and source, so they cost little. Their ids are left in temp.prune_last_seen
 * (projection, id) for the DELETE that follows.
 */
export function lastSeenRows(db: Database, cutoff: number): StoredRow[] {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS prune_last_seen (projection TEXT NOT NULL, id INTEGER NOT NULL,
    PRIMARY KEY (projection, id))`);
  db.exec('DELETE FROM prune_last_seen');
  const out: StoredRow[] = [];
  for (const [table, window] of Object.entries(LAST_SEEN) as [ProjectionName, string][]) {
    db.prepare(`INSERT INTO prune_last_seen (projection, id) SELECT ?, id FROM (
        SELECT id, ROW_NUMBER() OVER (${window}) AS n FROM ${table} WHERE valid_to < ?) WHERE n = 1`).run(
      table,
      cutoff,
    );
    const where = 'r.id IN (SELECT id FROM temp.prune_last_seen WHERE projection = ?)';
    out.push(...readRows(db, where, [table], [table]));
  }
  return out;
}
