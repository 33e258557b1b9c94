import { displayLocation } from '../location.js';
import { Store, type StoreOptions } from '../Store.js';
import { ClusterLocks } from './ClusterLocks.js';
import { connectPostgres } from './connectPostgres.js';
import { migratePostgres } from './migratePostgres.js';
import { PostgresBackend } from './PostgresBackend.js';
import { refusedByRole } from './refusedByRole.js';

export interface PostgresStoreOptions extends StoreOptions {
  /** The command opening it (shown in pg_stat_activity, so in a refused writer's message). */
  command?: string;
  /** The cluster this writer records: registered and locked at open (a second recorder is refused). */
  cluster?: string;
}

/** The store on a PostgreSQL database: its connection is the writer's, its locks per cluster. */
export class PostgresStore extends Store {
  constructor(
    readonly postgres: PostgresBackend,
    options: StoreOptions = {},
  ) {
    super(postgres, options);
  }

  /**
   * Connects to `location`, migrates the schema (refusing a foreign or newer one), registers and
   * locks `options.cluster` when given (EPH_ERR_DB_LOCKED while another writer records it), and
   * loads the write path's state; EPH_ERR_DB_PERMISSION when the role may not (a read-only role). Other clusters are locked when first written.
   */
  static async open(location: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const where = displayLocation(location);
    const client = await connectPostgres(location, options.command ?? 'writer');
    try {
      await migratePostgres(client, where);
      const backend = new PostgresBackend(client, new ClusterLocks(client, where), where);
      if (options.cluster !== undefined) await backend.registerClusters([options.cluster]);
      const store = await new PostgresStore(backend, options).ready();
      backend.countAsWriter();
      return store;
    } catch (error) {
      await client.end().catch(() => {});
      throw refusedByRole(error, where, client.user);
    }
  }
}
