import { hostname } from 'node:os';
import pg from 'pg';
import { ephError } from '../../errors/index.js';
import { displayLocation } from '../location.js';

/** PostgreSQL type OIDs whose text form we parse ourselves (pg leaves int8 as a string by default). */
const INT8 = 20;
const INT8_ARRAY = 1016 as const;
const NUMERIC = 1700;

/** A bigint as a number: every value we store (epoch ms, ids, positions) is below 2^53. */
function safeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${text} does not fit a JavaScript number`);
  return n;
}

/**
 * One connection (a `pg.Client`, not a pool: the writer's advisory lock belongs to its session, and
 * the reads of a query run one after another) to the database `location` names: a
 * `postgres://user:password@host:port/db?…` URL, its missing parts from the PG* environment
 * variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, …) as libpq does, or the bare word
 * `postgres:` for the environment alone. bigint and numeric columns come back as numbers.
 * `purpose` is shown in pg_stat_activity (and so in a refused writer's message).
 */
export async function connectPostgres(location: string, purpose: string): Promise<pg.Client> {
  const bare = /^postgres(ql)?:$/i.test(location);
  const client = new pg.Client({
    ...(bare ? {} : { connectionString: location }),
    application_name: `endpoints-history ${purpose} (pid ${process.pid} on ${hostname()})`.slice(0, 63),
  });
  client.setTypeParser(INT8, 'text', safeNumber);
  client.setTypeParser(NUMERIC, 'text', safeNumber);
  client.setTypeParser(INT8_ARRAY as unknown as Parameters<pg.Client['setTypeParser']>[0], 'text', (text: string) =>
    text === '{}'
      ? []
      : text
          .slice(1, -1)
          .split(',')
          .map((v) => (v === 'NULL' ? null : safeNumber(v))),
  );
  // a connection lost later is reported by the next query; without a listener it would crash the process
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw ephError(
      'EPH_ERR_DB_UNREACHABLE',
      `cannot connect to PostgreSQL at ${displayLocation(location)}: ${(error as Error).message}`,
      { location: displayLocation(location) },
    );
  }
  return client;
}
