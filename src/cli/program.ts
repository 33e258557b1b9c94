import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { packageRoot } from '../util/packageRoot.js';
import { COMMANDS } from './commands/index.js';
import type { CliIo } from './io.js';

export { UsageError } from './UsageError.js';

/** Exit code for usage errors (unknown flags, bad times, missing databases), as the contract asks. */
export const USAGE_EXIT_CODE = 2;

const PROCESS_IO: CliIo = { stdout: process.stdout, stderr: process.stderr, now: Date.now };

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** Commander's first line of an error, without its `error: ` prefix: one line on stderr, no help dump. */
const oneLine = (text: string): string =>
  `endpoints-history: ${(text.split('\n')[0] ?? '').replace(/^error: /, '')}\n`;

/**
 * Builds the `endpoints-history` command tree; every command lives in ./commands and registers itself.
 * Parse errors throw (`exitOverride`) instead of exiting, so `runCli` decides the exit code; output
 * goes to `io`, and subcommands inherit both settings.
 */
export function buildProgram(io: CliIo = PROCESS_IO): Command {
  const program = new Command('endpoints-history')
    .description(
      'Records the history of Kubernetes service endpoints and pods and answers questions about the past.',
    )
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(oneLine(text)),
    });
  for (const register of COMMANDS) register(program, io);
  return program;
}
