import { type Logger, pino } from 'pino';

/**
 * The structured log (JSON on stderr) of the long-running commands. Their stdout already narrates
 * progress for humans, so the default level is `warn`; EPH_LOG_LEVEL=info (or debug) shows more.
 */
export function cliLogger(): Logger {
  return pino({ level: process.env.EPH_LOG_LEVEL ?? 'warn' }, pino.destination(2));
}
