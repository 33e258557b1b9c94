export {
  type BackupOptions,
  type BackupProgress,
  type BackupResult,
  backupDatabase,
} from './backupDatabase.js';
export { EventReader } from './eventReader.js';
export { loadMigrations, migrate } from './migrate.js';
export { configureConnection, type OpenDatabaseOptions, openDatabase } from './openDatabase.js';
export { openReadOnly } from './openReadOnly.js';
export { Store, type StoreOpenOptions, type StoreOptions } from './Store.js';
export type * from './types.js';
export { type LockHolder, lockPathOf, WriterLock } from './WriterLock.js';
