import { displayLocation } from '../location.js';
import { openPostgresPool } from './connectPostgres.js';
import { checkPostgresSchema, loadPostgresMigrations, postgresSchemaState } from './migratePostgres.js';
import { PostgresReads } from './PostgresReads.js';

/**
 * The reads of a PostgreSQL history, never writing: refuses a database that is empty, foreign, or
 * of another schema version (readers never migrate: `endpoints-history migrate --db URL`). Point it
 * at a read replica as well as at the primary.
 */
export async function openPostgresReads(location: string): Promise<PostgresReads> {
  const pool = await openPostgresPool(location, 'reader');
  try {
    const client = await pool.connect();
    try {
      const known = Math.max(0, ...loadPostgresMigrations().map((m) => m.version));
      checkPostgresSchema(
        await postgresSchemaState(client as never),
        displayLocation(location),
        known,
        'read',
      );
    } finally {
      client.release();
    }
    return new PostgresReads(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}
