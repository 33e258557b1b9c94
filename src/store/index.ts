export type { BaselineRow } from './baseline.js';
export { type CopyProgress, type CopyResult, copyHistory } from './copyHistory.js';
export { eventNumber } from './eventNumber.js';
export type * from './HistoryReads.js';
export { displayLocation, isPostgresLocation } from './location.js';
export { connectReads, openReads } from './openReads.js';
export { type OpenStoreOptions, openStore } from './openStore.js';
export { PostgresBackend } from './postgres/PostgresBackend.js';
export { PostgresReads } from './postgres/PostgresReads.js';
export { PostgresStore } from './postgres/PostgresStore.js';
export { allEvents as allEventsPg } from './postgres/pgEvents.js';
export { readRowsPg } from './postgres/readRowsPg.js';
export type { RebuildOptions, RebuildProgress, RebuildResult } from './rebuild.js';
export { Store, type StoreOptions } from './Store.js';
export type * from './StoreBackend.js';
export {
  type BackupOptions,
  type BackupProgress,
  type BackupResult,
  backupDatabase,
} from './sqlite/backupDatabase.js';
export { EventReader } from './sqlite/eventReader.js';
export { loadMigrations, migrate } from './sqlite/migrate.js';
export { configureConnection, type OpenDatabaseOptions, openDatabase } from './sqlite/openDatabase.js';
export { openReadOnly } from './sqlite/openReadOnly.js';
export { readRows } from './sqlite/readRows.js';
export { SqliteBackend } from './sqlite/SqliteBackend.js';
export { SqliteReads } from './sqlite/SqliteReads.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite/SqliteStore.js';
export { type LockHolder, lockPathOf, WriterLock } from './sqlite/WriterLock.js';
export type * from './types.js';
export type * from './WritePlan.js';
