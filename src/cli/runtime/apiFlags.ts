import { type Command, Option } from 'commander';
import { parsePort } from './parsePort.js';
import { readAuthToken } from './readAuthToken.js';

/** The flags of every command that serves the API (`serve`, `run`, `demo`), as commander parses them. */
export interface ApiFlags {
  port: string;
  host: string;
  authTokenFile?: string;
  cors?: string;
}

/** What `ApiFlags` mean once checked. */
export interface ApiSettings {
  port: number;
  host: string;
  authToken: string | null;
  /** false: no CORS headers; else the allowed origin(s) (`*` allows any). */
  cors: false | string | string[];
}

/** Adds `--port`, `--host`, `--auth-token-file` and `--cors`, each also read from its EPH_* variable. */
export function addApiOptions(command: Command): Command {
  return command
    .addOption(new Option('--port <port>', 'HTTP port (0 = any free port)').env('EPH_PORT').default('4000'))
    .addOption(new Option('--host <host>', 'address to listen on').env('EPH_HOST').default('127.0.0.1'))
    .addOption(
      new Option(
        '--auth-token-file <file>',
        'require "Authorization: Bearer <token in file>" on /graphql and /api',
      ).env('EPH_AUTH_TOKEN_FILE'),
    )
    .addOption(
      new Option('--cors <origins>', 'allowed CORS origin(s), comma-separated, or * for any').env('EPH_CORS'),
    );
}

/** Checks the API flags; bad values are usage errors (exit 2) raised before anything starts. */
export function resolveApiFlags(flags: ApiFlags): ApiSettings {
  return {
    port: parsePort('--port', flags.port),
    host: flags.host,
    authToken: readAuthToken(flags.authTokenFile),
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
