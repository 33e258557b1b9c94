import { isPostgresLocation } from './location.js';
import { PostgresStore, type PostgresStoreOptions } from './postgres/PostgresStore.js';
import type { Store } from './Store.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/SqliteStore.js';

export type OpenStoreOptions = SqliteStoreOptions & PostgresStoreOptions;

/**
 * Opens the history at `location` as its writer, with the backend the location names: a
 * `postgres://` / `postgresql://` URL (src/store/postgres: one writer per cluster, `cluster` names
 * the one this writer records, locked at open) or a SQLite file path (one writer per file).
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresLocation(location)) return PostgresStore.open(location, options);
  return SqliteStore.open(location, options);
}
