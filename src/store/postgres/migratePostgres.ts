import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { ephError } from '../../errors/index.js';
import { packageRoot } from '../../util/packageRoot.js';
import type { Migration } from '../sqlite/migrate.js';

/** Numbered SQL files `migrations/postgres/NNNN_name.sql`, in order. */
export function loadPostgresMigrations(dir = join(packageRoot(), 'migrations', 'postgres')): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d{4})_(.+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/** What the connection's schema holds, as far as endpoints-history is concerned. */
export type PostgresSchemaState =
  | { kind: 'empty' }
  | { kind: 'foreign' }
  | { kind: 'history'; versions: ReadonlySet<number> };

/** Reads the schema (the connection's current schema, usually `public`) without writing. */
export async function postgresSchemaState(client: pg.Client): Promise<PostgresSchemaState> {
  const names = (
    await client.query<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
    )
  ).rows.map((r) => r.name);
  if (names.length === 0) return { kind: 'empty' };
  if (!names.includes('schema_migrations') || !names.includes('events')) return { kind: 'foreign' };
  const versions = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows;
  return { kind: 'history', versions: new Set(versions.map((v) => v.version)) };
}

/**
 * Refuses what a connection must not use, as for SQLite (checkSchema): another application's
 * tables (EPH_ERR_DB_NOT_HISTORY), a schema newer than this code (EPH_ERR_DB_NEWER), and, for a
 * reader (which never migrates), an empty or older one.
 */
export function checkPostgresSchema(
  state: PostgresSchemaState,
  where: string,
  known: number,
  mode: 'read' | 'write',
): void {
  if (state.kind === 'foreign')
    throw ephError(
      'EPH_ERR_DB_NOT_HISTORY',
      `${where} is not an endpoints-history database: its schema holds tables but not the ones endpoints-history writes; refusing to touch it`,
      { path: where },
    );
  if (state.kind === 'empty') {
    if (mode === 'read')
      throw ephError('EPH_ERR_DB_NOT_HISTORY', `${where} is not an endpoints-history database: it is empty`, {
        path: where,
      });
    return;
  }
  const newest = Math.max(0, ...state.versions);
  if (newest > known)
    throw ephError(
      'EPH_ERR_DB_NEWER',
      `database schema version ${newest} is newer than this endpoints-history knows (${known}); upgrade endpoints-history`,
      { databaseVersion: newest, knownVersion: known },
    );
  if (mode === 'read' && newest < known)
    throw ephError(
      'EPH_ERR_DB_OLDER',
      `database ${where} has schema version ${newest}, older than this endpoints-history reads (${known}); readers never migrate: run \`endpoints-history migrate --db ${where}\` first`,
      { databaseVersion: newest, knownVersion: known },
    );
}

/** The advisory lock (transaction-scoped) that makes writers opening the same database at once migrate one at a time. */
const MIGRATION_LOCK = 0x45504800;

/**
 * Applies every migration newer than the database, each in its own transaction recorded in
 * `schema_migrations`; recorders starting together migrate one after another (an advisory lock),
 * the later ones finding nothing left to do. Refuses a foreign schema or a newer one before writing
 * anything. Returns the versions applied.
 */
export async function migratePostgres(
  client: pg.Client,
  where: string,
  migrations = loadPostgresMigrations(),
): Promise<number[]> {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const done: number[] = [];
  for (const m of migrations) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const state = await postgresSchemaState(client);
      checkPostgresSchema(state, where, known, 'write');
      if (state.kind === 'history' && state.versions.has(m.version)) {
        await client.query('COMMIT');
        continue;
      }
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        Date.now(),
      ]);
      await client.query('COMMIT');
      done.push(m.version);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }
  if (migrations.length === 0) checkPostgresSchema(await postgresSchemaState(client), where, known, 'write');
  return done;
}
