import pg from 'pg';
import { connectPostgres } from '../../src/store/postgres/connectPostgres.js';
import { migratePostgres } from '../../src/store/postgres/migratePostgres.js';
import { cpuMs } from '../proc/procStats.js';

/** Runs `sql` over a connection of its own to `url` (superuser on the bench's server). */
export async function onDatabase<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A new database `name` on the server at `serverUrl` (its `postgres` database), its URL; with
 * `migrated`, every migration of migrations/postgres applied (the schema the store writes).
 */
export async function createDatabase(serverUrl: string, name: string, migrated = false): Promise<string> {
  await onDatabase(serverUrl, `CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (migrated) {
    const client = await connectPostgres(url.toString(), 'bench migrate');
    try {
      await migratePostgres(client, name);
    } finally {
      await client.end();
    }
  }
  return url.toString();
}

/**
 * CPU time (ms) the server process behind `client`'s session has used so far: read from /proc, as
 * the bench's server runs on this machine. What the database itself spent, whatever the load.
 */
export async function serverCpuMs(client: pg.Client): Promise<() => number> {
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  return () => cpuMs(pid);
}

/** Bytes the tables of the `public` schema take on disk: heap, TOAST and every index. */
export async function tablesBytes(client: pg.Client, tables?: readonly string[]): Promise<number> {
  const { rows } = await client.query<{ bytes: number | null }>(
    `SELECT SUM(pg_total_relation_size(c.oid))::float8 AS bytes FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND ($1::text[] IS NULL OR c.relname = ANY($1))`,
    [tables ?? null],
  );
  return rows[0]!.bytes ?? 0;
}
