import { existsSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ephError } from '../../errors/index.js';
import { loadMigrations } from './migrate.js';
import { checkSchema, schemaState } from './schemaState.js';

/** Above this, an archive that can only be read from memory is refused rather than loaded. */
const MAX_IN_MEMORY_BYTES = 1024 * 1024 * 1024;

/**
 * Opens an endpoints-history database for reading only (every query command, `serve`, `backup`):
 * SQLite's read-only mode, so nothing can be written through the connection — no migration, no
 * journal-mode switch, no schema. Refuses, with one coded line, a missing file (EPH_ERR_DB_MISSING),
 * a file that is not an endpoints-history database (EPH_ERR_DB_NOT_HISTORY: another application's,
 * an empty or a non-SQLite file), a newer schema (EPH_ERR_DB_NEWER) and an older one, which a reader
 * cannot migrate (EPH_ERR_DB_OLDER).
 *
 * A WAL database is read through its `-shm` index beside it, which SQLite creates when missing (an
 * empty index file, not data: the database file itself is never written). Where it cannot — an
 * archived copy in a read-only directory — and no `-wal` holds changes, the file is read into memory
 * instead (SQLite cannot be told the file is immutable here: better-sqlite3 builds it without URI
 * filenames). A `-wal` with changes that cannot be read that way is refused (EPH_ERR_DB_UNREADABLE)
 * rather than silently ignored.
 */
export function openReadOnly(path: string): Database.Database {
  if (path === ':memory:' || !existsSync(path)) {
    throw ephError('EPH_ERR_DB_MISSING', `database ${path} does not exist`, { path });
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    checked(db, path);
    return db;
  } catch (error) {
    if (db.open) db.close();
    if (!cannotCreateIndex(error)) throw error;
  }
  return checked(inMemoryCopy(path), path);
}

function checked(db: Database.Database, path: string): Database.Database {
  try {
    const known = Math.max(0, ...loadMigrations().map((m) => m.version));
    checkSchema(schemaState(db, path), path, known, 'read');
    return db;
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
}

/** SQLite could not create the `-shm`/`-wal` beside a WAL database: its directory is read-only. */
function cannotCreateIndex(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY_CANTINIT'
  );
}

/**
 * The database file read into memory as a read-only database. Its WAL flag (header bytes 18–19) is
 * cleared in the copy: an in-memory database has no WAL, and without a `-wal` file there is nothing
 * in one to read.
 */
function inMemoryCopy(path: string): Database.Database {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw ephError(
      'EPH_ERR_DB_UNREADABLE',
      `cannot read ${path}: changes in ${wal} can only be read through ${path}-shm, which SQLite cannot create in a read-only directory; copy the database with its -wal to a writable directory, or make archives with \`endpoints-history backup\``,
      { path },
    );
  }
  const size = statSync(path).size;
  if (size > MAX_IN_MEMORY_BYTES) {
    throw ephError(
      'EPH_ERR_DB_UNREADABLE',
      `cannot read ${path} in a read-only directory: a WAL-mode database needs its -shm index beside it, and at ${Math.round(size / 2 ** 20)} MiB it is too large to read into memory; copy it to a writable directory, or make archives with \`endpoints-history backup\` (they open anywhere)`,
      { path },
    );
  }
  const bytes = readFileSync(path);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  const db = new Database(bytes, { readonly: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
