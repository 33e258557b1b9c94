import { Option } from 'commander';
import { ENDPOINT_SOURCES } from '../../query/index.js';

/** The output formats of commands that print objects. */
export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * `--db F` (EPH_DB, default ./endpoints-history.db): a SQLite file, or a PostgreSQL database as a
 * `postgres://user[:password]@host[:port]/db[?…]` URL (parts left out come from PGHOST, PGPORT,
 * PGUSER, PGPASSWORD, PGDATABASE, … as with libpq) or the bare `postgres:` (all from PG*).
 */
export const dbOption = () =>
  new Option(
    '--db <file|url>',
    'SQLite database file, or postgres://user@host:port/db (PG* variables fill the rest)',
  )
    .env('EPH_DB')
    .default('./endpoints-history.db');

/**
 * `--cluster X` (EPH_CLUSTER): needed only when the database holds several clusters (without it the
 * command exits 2 listing them; an unknown name too).
 */
export const clusterOption = (description = 'cluster to ask about (default: the only one recorded)') =>
  new Option('--cluster <name>', description).env('EPH_CLUSTER');

/** `-n, --namespace NS` (EPH_NAMESPACE, default `default`, as kubectl without a context namespace). */
export const namespaceOption = () =>
  new Option('-n, --namespace <ns>', 'namespace').env('EPH_NAMESPACE').default('default');

/** `--at T` (EPH_AT, default now). */
export const atOption = () =>
  new Option('--at <time>', 'point in time: RFC 3339, epoch ms, "now" or relative like -2h')
    .env('EPH_AT')
    .default('now');

export const fromOption = (fallback: string) =>
  new Option('--from <time>', 'start of the range (RFC 3339, epoch ms, now, -2h)')
    .env('EPH_FROM')
    .default(fallback);

export const toOption = () =>
  new Option('--to <time>', 'end of the range (RFC 3339, epoch ms, now, -2h)').env('EPH_TO').default('now');

/** `--local` (EPH_LOCAL): print times in the local zone instead of UTC. */
export const localOption = () =>
  new Option('--local', 'print times in the local time zone instead of UTC').env('EPH_LOCAL');

/** `--source S` (EPH_SOURCE): which recording answers for endpoints, `auto` by default. */
export const sourceOption = (description: string) =>
  new Option('--source <source>', description).env('EPH_SOURCE').choices(ENDPOINT_SOURCES).default('auto');

/** `-o, --output FORMAT` (EPH_OUTPUT) restricted to `formats`. */
export const outputOption = (formats: readonly string[], fallback: string) =>
  new Option('-o, --output <format>', `output format: ${formats.join('|')}`)
    .env('EPH_OUTPUT')
    .choices(formats)
    .default(fallback);

/** The flags every query command shares. */
export interface QueryFlags {
  db: string;
  cluster?: string;
  local?: boolean;
}
