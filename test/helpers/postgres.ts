import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The test run's PostgreSQL server (test/setup/postgresServer.ts), as a URL of its `postgres`
 * database: from EPH_TEST_PG_URL, which the global setup sets before the test processes start (they
 * inherit it; so do the benchmarks and child processes that reuse these helpers).
 */
export function postgresServerUrl(): string {
  const url = process.env.EPH_TEST_PG_URL;
  if (!url) throw new Error('no PostgreSQL test server: test/setup/postgresServer.ts did not run');
  return url;
}

/**
 * A new database on the test server, for one test (or one file): tests never share one, so files
 * run in parallel. Empty (`template0`), or `migrated`: an empty history of the current schema,
 * copied from the run's `eph_template`. Returns its URL. The server and every database go when the
 * run ends.
 */
export async function freshPostgresDb(migrated = false): Promise<string> {
  const name = `eph_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${migrated ? 'eph_template' : 'template0'}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `sql` on the database at `url` (for tests that look at the schema or break things on purpose). */
export async function onPostgres<T extends pg.QueryResultRow = pg.QueryResultRow>(
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
