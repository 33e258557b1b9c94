import type { Store } from './Store.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/SqliteStore.js';

/**
 * Opens the history at `location` as its one writer, with the backend the location names: today a
 * SQLite file path (every other backend is a folder beside src/store/sqlite, chosen here by its URL).
 */
export function openStore(location: string, options: SqliteStoreOptions = {}): Store {
  return SqliteStore.open(location, options);
}
