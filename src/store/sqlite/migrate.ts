import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { packageRoot } from '../../util/packageRoot.js';
import { checkSchema, schemaState } from './schemaState.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered SQL files `migrations/NNNN_name.sql`, in order. */
export function loadMigrations(dir = join(packageRoot(), 'migrations')): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d{4})_(.+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies every migration newer than the database, each in its own transaction, recording it in
 * `schema_migrations`. Refuses, before writing anything, a file that holds another application's
 * tables (EPH_ERR_DB_NOT_HISTORY) and one written by a newer version (EPH_ERR_DB_NEWER). Returns the
 * versions applied.
 */
export function migrate(db: Database, migrations = loadMigrations()): number[] {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const state = schemaState(db, db.name);
  checkSchema(state, db.name, known, 'write');
  const applied = state.kind === 'history' ? state.versions : new Set<number>();
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      );
    })();
    done.push(m.version);
  }
  return done;
}
