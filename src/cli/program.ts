import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';

/** Exit code for usage errors (unknown flags, bad times, missing databases), as the contract asks. */
export const USAGE_EXIT_CODE = 2;

/** Builds the `endpoints-history` command tree; every command lives in ./commands and registers itself. */
export function buildProgram(): Command {
  const program = new Command('endpoints-history')
    .description('Records the history of Kubernetes service endpoints and pods and answers questions about the past.')
    .showHelpAfterError(false)
    .exitOverride(usageExit)
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });
  for (const register of COMMANDS) {
    const command = register(program);
    command.exitOverride(usageExit).configureOutput({
      outputError: (text, write) => write(text.split('\n')[0] + '\n'),
    });
  }
  return program;
}

function usageExit(error: CommanderError): never {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
    process.exit(0);
  }
  process.exit(USAGE_EXIT_CODE);
}

/** A usage error raised by a command after parsing (bad time, missing database): one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
