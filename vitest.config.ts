import { defineConfig } from 'vitest/config';

/**
 * The suites that answer questions run twice: on SQLite (every test) and on PostgreSQL (the
 * `postgres` project: EPH_TEST_BACKEND=postgres makes test/helpers/backend.ts open every store of
 * those suites on a fresh database of the run's PostgreSQL server, test/setup/postgresServer.ts).
 * Tests that are SQLite by nature (WAL budget, file locks, VACUUM, read-only files, backup) are not
 * in the postgres project; tests of PostgreSQL alone are in it only (POSTGRES_ONLY).
 */
const POSTGRES_SUITES = [
  'test/query/**/*.test.ts',
  'test/api/graphql/**/*.test.ts',
  'test/api/grafana/**/*.test.ts',
  'test/projections/properties.test.ts',
  'test/cli/env.test.ts',
  'test/cli/errors.test.ts',
  'test/cli/get.test.ts',
  'test/cli/maintenance.test.ts',
];

/**
 * Tests of PostgreSQL alone (roles, locks, the schema, the fleet end to end): in the postgres project
 * only, so that they run once. (`copy` reads a SQLite recording made on the test backend: sqlite.)
 */
const POSTGRES_ONLY = [
  'test/**/*.postgres.test.ts',
  'test/store/postgres/**/*.test.ts',
  'test/cli/postgres.test.ts',
];

/** What both projects share; the global setup is the root config's alone, so it runs once. */
const shared = { testTimeout: 30_000, hookTimeout: 30_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    // the run's temp root and its PostgreSQL server, once for every project
    globalSetup: ['test/setup/tempRoot.ts', 'test/setup/postgresServer.ts'],
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: process.env.CI ? { json: '.ci/out/vitest.json' } : undefined,
    projects: [
      { test: { ...shared, name: 'sqlite', include: ['test/**/*.test.ts'], exclude: POSTGRES_ONLY } },
      {
        test: {
          ...shared,
          name: 'postgres',
          include: [...POSTGRES_SUITES, ...POSTGRES_ONLY],
          // checks an answer against a scan of the SQLite file itself
          exclude: ['test/**/*.sqlite.test.ts'],
          env: { EPH_TEST_BACKEND: 'postgres' },
        },
      },
    ],
  },
});
