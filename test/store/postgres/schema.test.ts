import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { freshPostgresDb, onPostgres } from '../../helpers/postgres.js';

/** Tables replicated whole on Citus (reference tables): no cluster_id of their own to distribute by. */
const REFERENCE_TABLES = ['clusters', 'schema_migrations'];

let url: string;
let store: Store;
beforeAll(async () => {
  url = await freshPostgresDb();
  store = await openStore(url, { cluster: 'prod-eu' });
});
afterAll(() => store.close());

describe('the PostgreSQL schema, ready to distribute by cluster', () => {
  it('gives every table but the reference tables a cluster_id column', async () => {
    const tables = await onPostgres<{ table_name: string; has: boolean }>(
      url,
      `SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c
         WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'cluster_id') AS has
       FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    const missing = tables.filter((t) => !t.has && !REFERENCE_TABLES.includes(t.table_name));
    expect(missing.map((t) => t.table_name)).toEqual([]);
  });

  it('puts cluster_id in every primary key and unique index of every distributed table', async () => {
    const indexes = await onPostgres<{ table: string; index: string; columns: string[] }>(
      url,
      `SELECT c.relname AS "table", i.relname AS "index",
         ARRAY(SELECT a.attname FROM unnest(x.indkey) k JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k)::text[] AS columns
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND (x.indisunique OR x.indisprimary)`,
    );
    const distributed = indexes.filter((i) => !REFERENCE_TABLES.includes(i.table));
    expect(distributed.length).toBeGreaterThan(10);
    const without = distributed.filter((i) => !i.columns.includes('cluster_id'));
    expect(without.map((i) => `${i.table}.${i.index}(${i.columns.join(', ')})`)).toEqual([]);
    // and every constraint declared as such, for good measure
    const constraints = await onPostgres<{ name: string; table: string }>(
      url,
      `SELECT con.conname AS name, c.relname AS "table" FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND con.contype IN ('p', 'u') AND NOT EXISTS (
         SELECT 1 FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k
         WHERE a.attname = 'cluster_id')`,
    );
    expect(constraints.filter((c) => !REFERENCE_TABLES.includes(c.table))).toEqual([]);
  });

  it('records each migration applied and refuses a schema newer than the code with EPH_ERR_DB_NEWER', async () => {
    const applied = await onPostgres<{ version: number }>(url, 'SELECT version FROM schema_migrations');
    expect(applied.map((r) => r.version)).toContain(1);
    const other = await freshPostgresDb();
    await (await openStore(other)).close();
    await onPostgres(
      other,
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)",
    );
    await expect(openStore(other)).rejects.toMatchObject({ code: 'EPH_ERR_DB_NEWER' });
  });

  it("refuses another application's database before writing to it", async () => {
    const other = await freshPostgresDb();
    await onPostgres(other, 'CREATE TABLE invoices (id int PRIMARY KEY)');
    await expect(openStore(other)).rejects.toMatchObject({ code: 'EPH_ERR_DB_NOT_HISTORY' });
    const tables = await onPostgres<{ n: number }>(
      other,
      "SELECT COUNT(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables[0]!.n).toBe(1);
  });

  it('says the server cannot be reached with EPH_ERR_DB_UNREACHABLE, without the password', async () => {
    const err = await openStore('postgres://eph:s3cret@127.0.0.1:1/nowhere').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EPH_ERR_DB_UNREACHABLE' });
    expect(String((err as Error).message)).not.toContain('s3cret');
  });
});
