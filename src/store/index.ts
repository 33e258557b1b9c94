export { Store, type StoreOptions } from './Store.js';
export { openDatabase, type OpenDatabaseOptions } from './openDatabase.js';
export { migrate, loadMigrations } from './migrate.js';
export { EventReader } from './eventReader.js';
export type * from './types.js';
