import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { ephError } from '../errors/index.js';
import { packageRoot } from '../util/packageRoot.js';

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
 * `schema_migrations`. A database written by a newer version (a version we do not know) is refused.
 * Returns the versions applied.
 */
export function migrate(db: Database, migrations = loadMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw ephError(
      'EPH_ERR_DB_NEWER',
      `database schema version ${newest} is newer than this endpoints-history knows (${known}); upgrade endpoints-history`,
      { databaseVersion: newest, knownVersion: known },
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    })();
    done.push(m.version);
  }
  return done;
}
