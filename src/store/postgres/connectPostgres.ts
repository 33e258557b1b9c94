import { hostname } from 'node:os';
import type pg from 'pg';
import { ephError } from '../../errors/index.js';
import { displayLocation } from '../location.js';

let loaded: typeof pg | undefined;

/**
 * node-postgres, loaded the first time a PostgreSQL location is opened: importing it costs ≈ 16 MB
 * of RSS per thread, which a SQLite history should not pay (twice in `run`: both of its threads load
 * the store).
 */
async function driver(): Promise<typeof pg> {
  loaded ??= (await import('pg')).default;
  return loaded;
}

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

/** Our parsers: bigint and numeric as numbers (every value we store is below 2^53). */
export const PG_TYPES = {
  getTypeParser(oid: number, format?: string): (text: string) => unknown {
    if (format !== 'binary') {
      if (oid === INT8 || oid === NUMERIC) return safeNumber;
      if (oid === INT8_ARRAY) return parseInt8Array;
    }
    // only ever asked by a connection made with the loaded driver
    return loaded!.types.getTypeParser(oid as never, format as never) as (text: string) => unknown;
  },
};

function parseInt8Array(text: string): (number | null)[] {
  return text === '{}'
    ? []
    : text
        .slice(1, -1)
        .split(',')
        .map((v) => (v === 'NULL' ? null : safeNumber(v)));
}

/** node-postgres' settings for `location` (see connectPostgres). */
export function clientConfig(location: string, purpose: string): pg.ClientConfig {
  const bare = /^postgres(ql)?:$/i.test(location);
  return {
    ...(bare ? {} : { connectionString: location }),
    application_name: `endpoints-history ${purpose} (pid ${process.pid} on ${hostname()})`.slice(0, 63),
    types: PG_TYPES as pg.CustomTypesConfig,
  };
}

/**
 * A pool of connections for a reader (`serve` answers several requests at once), checked once at
 * open: EPH_ERR_DB_UNREACHABLE when the server cannot be reached.
 */
export async function openPostgresPool(location: string, purpose: string, max = 4): Promise<pg.Pool> {
  const pool = new (await driver()).Pool({ ...clientConfig(location, purpose), max });
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw unreachable(location, error);
  }
  return pool;
}

function unreachable(location: string, error: unknown) {
  return ephError(
    'EPH_ERR_DB_UNREACHABLE',
    `cannot connect to PostgreSQL at ${displayLocation(location)}: ${(error as Error).message}`,
    { location: displayLocation(location) },
  );
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
  const client = new (await driver()).Client(clientConfig(location, purpose));
  // a connection lost later is reported by the next query; without a listener it would crash the process
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw unreachable(location, error);
  }
  return client;
}
