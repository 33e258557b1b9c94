import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { ephError } from '../../errors/index.js';
import { Store, type StoreOptions } from '../Store.js';
import { writerClosed, writerOpened } from '../writersInThread.js';
import { openDatabase } from './openDatabase.js';
import { SqliteBackend, type SqliteBackendOptions } from './SqliteBackend.js';
import { takeWriterLock } from './takeWriterLock.js';

export interface SqliteStoreOptions extends StoreOptions, Omit<SqliteBackendOptions, 'onClose'> {
  /** The command opening it, named to whoever is refused the writer lock meanwhile. */
  command?: string;
  /** Refuse a missing file (EPH_ERR_DB_MISSING) instead of creating an empty history. */
  mustExist?: boolean;
}

/** The store on a SQLite file: its connection (`db`) is the writer's. */
export class SqliteStore extends Store {
  constructor(
    readonly sqlite: SqliteBackend,
    options: StoreOptions = {},
  ) {
    super(sqlite, options);
  }

  get db(): Database {
    return this.sqlite.db;
  }

  /**
   * Opens (creating and migrating) the database at `path` as its one writer: takes the writer lock
   * first (EPH_ERR_DB_LOCKED, naming the holder, when another process or Store writes it), and
   * holds it until `close()`.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    if (options.mustExist && path !== ':memory:' && !existsSync(path))
      throw ephError('EPH_ERR_DB_MISSING', `database ${path} does not exist`, { path });
    const lock = path === ':memory:' ? null : takeWriterLock(path, options.command ?? '');
    try {
      const db = openDatabase(path);
      writerOpened();
      let counted = true;
      const uncount = () => {
        if (counted) writerClosed();
        counted = false;
      };
      try {
        const backend = new SqliteBackend(db, {
          ...(options.freeBytes === undefined ? {} : { freeBytes: options.freeBytes }),
          onClose: () => {
            uncount();
            lock?.release();
          },
        });
        return new SqliteStore(backend, options);
      } catch (error) {
        db.close();
        uncount();
        throw error;
      }
    } catch (error) {
      lock?.release();
      throw error;
    }
  }
}
