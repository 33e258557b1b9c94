import { History } from '../../src/query/index.js';
import {
  allEventsPg,
  connectReads,
  type HistoryReads,
  openStore,
  PostgresStore,
  readRows,
  readRowsPg,
  SqliteReads,
  SqliteStore,
  type Store,
  type StoredEvent,
  type StoredRow,
} from '../../src/store/index.js';
import { tempDbPath } from './k8s.js';
import { freshPostgresDb } from './postgres.js';

/**
 * The backend the shared suites run against: SQLite by default, PostgreSQL in the `postgres`
 * vitest project (EPH_TEST_BACKEND=postgres, vitest.config.ts). Scenario builders and harnesses
 * open their stores through `openTestStore`, so the same tests pin both backends' answers.
 */
export const TEST_BACKEND: 'sqlite' | 'postgres' =
  process.env.EPH_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/** A new empty history on the test backend: a SQLite file, or a fresh database on the test server. */
export async function newTestLocation(): Promise<string> {
  return TEST_BACKEND === 'postgres' ? freshPostgresDb(true) : tempDbPath();
}

/** A writer on a new empty history of the test backend, and where it is (`--db` for the CLI). */
export async function openTestStore(location?: string): Promise<{ store: Store; path: string }> {
  const path = location ?? (await newTestLocation());
  return { store: await openStore(path), path };
}

/** Reads of the history the store writes (SQLite: over the writer's connection, as before). */
export async function readsOf(store: Store, path: string): Promise<HistoryReads> {
  if (store instanceof SqliteStore) return new SqliteReads(store.db);
  return connectReads(path);
}

/** A History over the store's history, at a fixed "now". */
export async function historyOf(store: Store, path: string, now: number): Promise<History> {
  return new History(await readsOf(store, path), () => now);
}

/** Projection rows valid at `t` (or every row), whatever the backend. */
export async function storedRows(store: Store, at?: number): Promise<StoredRow[]> {
  if (store instanceof SqliteStore)
    return at === undefined
      ? Array.from(readRows(store.db, '1 = 1', []))
      : Array.from(readRows(store.db, 'r.valid_from <= ? AND r.valid_to > ?', [at, at]));
  const client = (store as PostgresStore).postgres.client;
  const out: StoredRow[] = [];
  const rows =
    at === undefined
      ? readRowsPg(client, 'true', [])
      : readRowsPg(client, 'r.valid_from <= $1 AND r.valid_to > $1', [at]);
  for await (const r of rows) out.push(r);
  return out;
}

/** Each service's first-seen marks (namespace, name, first_slice_at, first_endpoints_at), by namespace and name. */
export async function storedMarks(store: Store): Promise<unknown[]> {
  const sql =
    'SELECT namespace, name, first_slice_at, first_endpoints_at FROM service_keys ORDER BY namespace, name';
  if (store instanceof SqliteStore) return store.db.prepare(sql).all();
  return (await (store as PostgresStore).postgres.client.query(sql)).rows;
}

/** Every stored event in replay order, whatever the backend. */
export async function storedEvents(store: Store): Promise<StoredEvent[]> {
  if (store instanceof SqliteStore) return Array.from(store.sqlite.reader.all());
  const out: StoredEvent[] = [];
  for await (const e of allEventsPg((store as PostgresStore).postgres.client)) out.push(e);
  return out;
}

export { PostgresStore };
