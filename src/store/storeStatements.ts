import type { Database, Statement } from 'better-sqlite3';

/** The write path's prepared statements, prepared once per Store. */
export interface StoreStatements {
  addObject: Statement;
  addEvent: Statement;
  setClusterLast: Statement;
  setAlive: Statement;
  getAlive: Statement;
  setCursor: Statement;
  getCursor: Statement;
  openCoverage: Statement;
  addCoverage: Statement;
  closeCoverage: Statement;
  hasOpenCoverage: Statement;
}

export function prepareStoreStatements(db: Database): StoreStatements {
  return {
    addObject: db.prepare(
      'INSERT INTO objects (cluster_id, kind, uid, namespace, name) VALUES (?, ?, ?, ?, ?)',
    ),
    addEvent:
      db.prepare(`INSERT INTO events (object_id, resource_version, type, source, observed_at, not_before,
      occurred_at, hash, base_position, object) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING`),
    setClusterLast: db.prepare('UPDATE clusters SET last_observed_at = ? WHERE id = ?'),
    setAlive: db.prepare('UPDATE clusters SET alive_at = MAX(COALESCE(alive_at, 0), ?) WHERE id = ?'),
    getAlive: db.prepare('SELECT alive_at FROM clusters WHERE name = ?').pluck(),
    setCursor:
      db.prepare(`INSERT INTO watch_cursors (cluster_id, kind, resource_version, updated_at) VALUES (?,?,?,?)
      ON CONFLICT (cluster_id, kind) DO UPDATE SET resource_version = excluded.resource_version, updated_at = excluded.updated_at`),
    getCursor:
      db.prepare(`SELECT w.resource_version, w.updated_at FROM watch_cursors w JOIN clusters c ON c.id = w.cluster_id
      WHERE c.name = ? AND w.kind = ?`),
    openCoverage: db.prepare(`SELECT c.started_at FROM coverage c JOIN clusters k ON k.id = c.cluster_id
      WHERE k.name = ? AND c.kind = ? AND c.ended_at IS NULL`),
    addCoverage: db.prepare(
      'INSERT INTO coverage (cluster_id, kind, started_at, start_reason) VALUES (?,?,?,?)',
    ),
    closeCoverage: db.prepare(`UPDATE coverage SET ended_at = MAX(?, started_at), end_reason = ?
      WHERE cluster_id = ? AND kind = ? AND ended_at IS NULL`),
    hasOpenCoverage: db.prepare(
      'SELECT 1 FROM coverage WHERE cluster_id = ? AND kind = ? AND ended_at IS NULL',
    ),
  };
}
