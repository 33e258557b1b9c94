import { CommanderError } from 'commander';
import { ERROR_CODES, exitCodeOf, isEphError } from '../errors/index.js';
import type { CliIo } from './io.js';
import { USAGE_EXIT_CODE } from './program.js';
import { UsageError } from './UsageError.js';

/**
 * Exit code when the question was valid but nothing was recorded about it (before recording began,
 * or in a recording gap, with nothing known to print): unknown, which is neither an empty answer
 * (0) nor a failed one (1).
 */
export const NOT_RECORDED_EXIT_CODE = ERROR_CODES.EPH_ERR_NOT_RECORDED.exit;

/**
 * Turns what a command threw into one line on stderr and an exit code: 0 for help/version, 2 for
 * usage errors (commander's own and `UsageError`), the exit code of the error table for an EPH code
 * (2 for a bad flag, time or database, 3 for EPH_ERR_NOT_RECORDED, 1 for a failure of a valid
 * question such as an unknown service), 1 for anything else. EPH codes end the line in parentheses.
 */
export function exitCodeFor(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  if (error instanceof UsageError) {
    io.stderr.write(`endpoints-history: ${error.message}\n`);
    return USAGE_EXIT_CODE;
  }
  if (isEphError(error)) {
    io.stderr.write(`endpoints-history: ${error.message} (${error.code})\n`);
    return exitCodeOf(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`endpoints-history: ${message.split('\n')[0]}\n`);
  return 1;
}
