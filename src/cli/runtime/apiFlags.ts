import { type Command, Option } from 'commander';
import { UsageError } from '../UsageError.js';
import { parsePort } from './parsePort.js';
import { readAuthToken } from './readAuthToken.js';

/** The flags of every command that serves the API (`serve`, `run`, `demo`), as commander parses them. */
export interface ApiFlags {
  port: string;
  host: string;
  authTokenFile?: string;
  metricsPublic?: boolean;
  cors?: string;
}

/** What `ApiFlags` mean once checked. */
export interface ApiSettings {
  port: number;
  host: string;
  authToken: string | null;
  /** With a token: /metrics is served without it. */
  metricsPublic: boolean;
  /** false: no CORS headers; else the allowed origin(s) (`*` allows any). */
  cors: false | string | string[];
}

const METRICS_PUBLIC_ENV = 'EPH_METRICS_PUBLIC';

/**
 * Adds `--port`, `--host`, `--auth-token-file`, `--metrics-public` and `--cors`, each also read from
 * its EPH_* variable.
 */
export function addApiOptions(command: Command): Command {
  return command
    .addOption(new Option('--port <port>', 'HTTP port (0 = any free port)').env('EPH_PORT').default('4000'))
    .addOption(new Option('--host <host>', 'address to listen on').env('EPH_HOST').default('127.0.0.1'))
    .addOption(
      new Option(
        '--auth-token-file <file>',
        'require the token in this file ("Authorization: Bearer <token>") on every route but /healthz',
      ).env('EPH_AUTH_TOKEN_FILE'),
    )
    .addOption(
      new Option(
        '--metrics-public',
        `with a token, serve /metrics without it (env: ${METRICS_PUBLIC_ENV}=true|false)`,
      ),
    )
    .addOption(
      new Option('--cors <origins>', 'allowed CORS origin(s), comma-separated, or * for any').env('EPH_CORS'),
    );
}

/**
 * `EPH_METRICS_PUBLIC` read strictly, not by commander (for which any value, even `false`, would turn
 * a switch on): opening an endpoint by a typo must not happen.
 */
function metricsPublicFromEnv(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no' || v === '') return false;
  throw new UsageError(`invalid ${METRICS_PUBLIC_ENV}: ${value} (expected true or false)`);
}

/** Checks the API flags; bad values are usage errors (exit 2) raised before anything starts. */
export function resolveApiFlags(flags: ApiFlags, env: NodeJS.ProcessEnv = process.env): ApiSettings {
  return {
    port: parsePort('--port', flags.port),
    host: flags.host,
    authToken: readAuthToken(flags.authTokenFile),
    metricsPublic: flags.metricsPublic === true || metricsPublicFromEnv(env[METRICS_PUBLIC_ENV]),
    cors: corsOrigins(flags.cors),
  };
}

function corsOrigins(value: string | undefined): ApiSettings['cors'] {
  const origins = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (origins.length === 0) return false;
  return origins.length === 1 ? origins[0]! : origins;
}
