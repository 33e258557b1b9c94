import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ephError } from '../../errors/index.js';
import { loadMigrations, migrate } from './migrate.js';
import { openReadOnly } from './openReadOnly.js';
import { checkSchema, schemaState } from './schemaState.js';

export interface OpenDatabaseOptions {
  /**
   * Open without writing anything (see openReadOnly): no migration, no mode change; refuses a file
   * that is missing, not an endpoints-history database, or of another schema version.
   */
  readonly?: boolean;
  /** Refuse to create a missing file (readers should not invent an empty history). */
  mustExist?: boolean;
}

/**
 * Opens a database. For writing (the default): creates it if missing, refuses another application's
 * file or a newer schema before changing anything, then switches it to WAL and migrates it. Only the
 * holder of the writer lock should open for writing (`Store.open` takes it).
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  if (options.readonly) return openReadOnly(path);
  if (options.mustExist && path !== ':memory:' && !existsSync(path)) {
    throw ephError('EPH_ERR_DB_MISSING', `database ${path} does not exist`, { path });
  }
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    const known = Math.max(0, ...loadMigrations().map((m) => m.version));
    checkSchema(schemaState(db, path), path, known, 'write');
    configureConnection(db, path);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The settings of every writing connection (also the bench's raw baselines, so they are measured
 * alike): WAL, foreign keys, a busy timeout, durability and checkpoint policy.
 */
export function configureConnection(db: Database.Database, path: string): void {
  db.pragma('busy_timeout = 5000');
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // NORMAL in WAL mode: a commit survives a process kill (-9); only an OS crash can lose the last ones.
  db.pragma('synchronous = NORMAL');
  // Checkpoint every ~64 MB of WAL rather than 4 MB. A commit that runs a checkpoint waits for it
  // (150-300 ms on the development machine, at 4,000 and at 16,000 pages alike: mostly the fsync), so
  // fewer, larger checkpoints mean fewer such pauses, and a page changed by many commits is copied
  // into the database once per checkpoint: −35 % commit time per event at a million events.
  // The WAL file keeps its high-water mark (≈ 64 MB) on disk.
  db.pragma('wal_autocheckpoint = 16000');
}
