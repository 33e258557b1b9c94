import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../../scripts/throwawayPostgres.js';
import { connectPostgres } from '../../src/store/postgres/connectPostgres.js';
import { migratePostgres } from '../../src/store/postgres/migratePostgres.js';

/**
 * One real PostgreSQL server for the whole test run (scripts/throwawayPostgres.ts: `initdb` into a
 * temporary directory, `pg_ctl` on a free TCP port, as the `postgres` user when running as root;
 * fsync off: a test server), stopped and removed when the run ends. Each test takes a fresh database
 * of its own from it (test/helpers/postgres.ts), so test files run in parallel. Missing binaries
 * fail the run with a message saying how to install them: PostgreSQL tests are never skipped.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startThrowawayPostgres({
    purpose: 'PostgreSQL test server',
    settings: ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'shared_buffers=64MB'],
  });
  try {
    await migratedTemplate(server.url);
  } catch (error) {
    server.stop();
    throw error;
  }
  process.env.EPH_TEST_PG_URL = server.url;
  project.provide('postgresUrl', server.url);
  return async () => server.stop();
}

/**
 * `eph_template`: an empty history with every migration applied, which each test's database is
 * copied from (CREATE DATABASE … TEMPLATE: a file copy, faster than migrating every time). The
 * migrations themselves are exercised on databases made from template0 (test/store/postgres).
 */
async function migratedTemplate(serverUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE eph_template TEMPLATE template0');
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = '/eph_template';
  const client = await connectPostgres(url.toString(), 'test template');
  try {
    await migratePostgres(client, 'eph_template');
  } finally {
    await client.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
