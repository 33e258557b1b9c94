import type { HistoryReads } from './HistoryReads.js';
import { isPostgresLocation } from './location.js';
import { openPostgresReads } from './postgres/openPostgresReads.js';
import { openReadOnly } from './sqlite/openReadOnly.js';
import { SqliteReads } from './sqlite/SqliteReads.js';

/**
 * The reads of the history at `location`, opened read-only with the backend the location names: a
 * SQLite file path (refused when missing, foreign, or of another schema version; synchronous).
 */
export function openReads(location: string): HistoryReads {
  if (isPostgresLocation(location))
    throw new Error('a PostgreSQL history is opened with connectReads (asynchronous), not openReads');
  return new SqliteReads(openReadOnly(location));
}

/**
 * The reads of the history at `location`, whatever its backend: a `postgres://` URL (or `postgres:`
 * for the PG* environment variables) or a SQLite file path. Refuses a missing, foreign or
 * other-version history as `openReads` does.
 */
export async function connectReads(location: string): Promise<HistoryReads> {
  if (isPostgresLocation(location)) return openPostgresReads(location);
  return openReads(location);
}
