import type { Database } from 'better-sqlite3';
import { ephError } from '../../errors/index.js';

/** What a SQLite file holds, as far as endpoints-history is concerned. */
export type SchemaState =
  | { kind: 'empty' }
  /** Tables, but not ours: another application's database. */
  | { kind: 'foreign' }
  | { kind: 'history'; versions: ReadonlySet<number> };

/** Reads the schema without writing; a file that is not SQLite at all is EPH_ERR_DB_NOT_HISTORY. */
export function schemaState(db: Database, path: string): SchemaState {
  let names: string[];
  try {
    names = db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
      .pluck()
      .all() as string[];
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB')
      throw notHistory(path, 'it is not a SQLite database');
    throw error;
  }
  if (names.length === 0) return { kind: 'empty' };
  if (!names.includes('schema_migrations') || !names.includes('events')) return { kind: 'foreign' };
  const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[];
  return { kind: 'history', versions: new Set(versions) };
}

/**
 * Refuses what a connection must not use: a foreign file, a schema newer than `known` (the newest
 * migration this code has), and — for a reader, which cannot migrate — one older than it.
 */
export function checkSchema(state: SchemaState, path: string, known: number, mode: 'read' | 'write'): void {
  if (state.kind === 'foreign')
    throw notHistory(path, 'it holds tables but not the ones endpoints-history writes; refusing to touch it');
  if (state.kind === 'empty') {
    if (mode === 'read') throw notHistory(path, 'it is empty');
    return;
  }
  const newest = Math.max(0, ...state.versions);
  if (newest > known) {
    throw ephError(
      'EPH_ERR_DB_NEWER',
      `database schema version ${newest} is newer than this endpoints-history knows (${known}); upgrade endpoints-history`,
      { databaseVersion: newest, knownVersion: known },
    );
  }
  if (mode === 'read' && newest < known) {
    throw ephError(
      'EPH_ERR_DB_OLDER',
      `database ${path} has schema version ${newest}, older than this endpoints-history reads (${known}); readers never migrate: run \`endpoints-history migrate --db ${path}\` first`,
      { databaseVersion: newest, knownVersion: known },
    );
  }
}

function notHistory(path: string, why: string) {
  return ephError('EPH_ERR_DB_NOT_HISTORY', `${path} is not an endpoints-history database: ${why}`, { path });
}
