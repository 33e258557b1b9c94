import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { postgresBinDir } from '../../scripts/throwawayPostgres.js';

/** A program's output; its stderr in the error when it fails. */
function execFileText(file: string, args: readonly string[], input: string) {
  return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    const child = execFile(file, [...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve({ stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

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

/**
 * Runs PostgreSQL's `psql` (from the server's bin directory, as a user would) with `args`, feeding
 * `input` on stdin; resolves to its output, rejects with its stderr when it fails.
 */
export async function psql(args: readonly string[], input = ''): Promise<string> {
  const { stdout } = await execFileText(join(postgresBinDir(), 'psql'), args, input);
  return stdout;
}

/**
 * Runs `fn` while holding a lock of the whole test server (an advisory lock taken in its `postgres`
 * database): for what changes the server's roles, which every database shares — two test files
 * running deploy/fleet/roles.sql at once would both try to create the same roles.
 */
export async function withServerLock<T>(fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('eph test roles'))");
    return await fn();
  } finally {
    await client.end();
  }
}

/** `url` with another user (and password), e.g. one of deploy/fleet/roles.sql's roles. */
export function asRole(url: string, user: string, password?: string): string {
  const u = new URL(url);
  u.username = user;
  if (password !== undefined) u.password = password;
  return u.toString();
}
