import { CommanderError } from 'commander';
import { type ErrorCode, isEphError } from '../errors/index.js';
import type { CliIo } from './io.js';
import { USAGE_EXIT_CODE } from './program.js';
import { UsageError } from './UsageError.js';

/** Error codes that mean "the command line was wrong": exit 2, like an unknown flag. */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'EPH_ERR_BAD_TIME',
  'EPH_ERR_BAD_RANGE',
  'EPH_ERR_BAD_ARGUMENT',
  'EPH_ERR_BAD_IP',
  'EPH_ERR_BAD_STEP',
  'EPH_ERR_DB_MISSING',
  'EPH_ERR_DB_NEWER',
  'EPH_ERR_DB_LOCKED',
  'EPH_ERR_DB_OLDER',
  'EPH_ERR_DB_NOT_HISTORY',
  'EPH_ERR_DB_UNREADABLE',
  'EPH_ERR_AMBIGUOUS_CLUSTER',
]);

/**
 * Exit code when the question was valid but nothing was recorded about it (before recording began,
 * or in a recording gap, with nothing known to print): unknown, which is neither an empty answer
 * (0) nor a failed one (1).
 */
export const NOT_RECORDED_EXIT_CODE = 3;

/**
 * Turns what a command threw into one line on stderr and an exit code: 0 for help/version, 2 for
 * usage errors (commander's own, `UsageError`, and the EPH codes above), 3 for EPH_ERR_NOT_RECORDED,
 * 1 for everything else (an unknown service is an answer to a valid question). EPH codes end the
 * line in parentheses.
 */
export function exitCodeFor(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  if (error instanceof UsageError) {
    io.stderr.write(`endpoints-history: ${error.message}\n`);
    return USAGE_EXIT_CODE;
  }
  if (isEphError(error)) {
    io.stderr.write(`endpoints-history: ${error.message} (${error.code})\n`);
    if (error.code === 'EPH_ERR_NOT_RECORDED') return NOT_RECORDED_EXIT_CODE;
    return USAGE_CODES.has(error.code) ? USAGE_EXIT_CODE : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`endpoints-history: ${message.split('\n')[0]}\n`);
  return 1;
}
