import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The test run's PostgreSQL server (test/setup/postgresServer.ts), as a URL of its `postgres` database. */
export function postgresServerUrl(): string {
  const url = process.env.EPH_TEST_PG_URL ?? inject('postgresUrl');
  if (!url) throw new Error('no PostgreSQL test server: test/setup/postgresServer.ts did not run');
  return url;
}

/**
 * A new empty database on the test server, for one test (or one file): tests never share one, so
 * files run in parallel. Returns its URL. The server and every database go when the run ends.
 */
export async function freshPostgresDb(): Promise<string> {
  const name = `eph_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
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
