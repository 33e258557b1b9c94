import { exitCodeFor } from './exitCode.js';
import type { CliIo, CliOutput } from './io.js';
import { buildProgram } from './program.js';

export interface RunCliOptions {
  stdout: CliOutput;
  stderr: CliOutput;
  /** The clock behind `now`, relative times and AGE columns (default Date.now). */
  now?: () => number;
}

/**
 * Runs one command line in-process (`argv` = the user's arguments, without node and the script) and
 * resolves to its exit code: 0 success, 1 a failed answer (e.g. unknown service), 2 a usage error,
 * 3 not recorded (the moment asked about was not recorded: unknown, not empty).
 * Never calls process.exit, so tests and `main.ts` share it.
 */
export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<number> {
  const io: CliIo = { stdout: options.stdout, stderr: options.stderr, now: options.now ?? Date.now };
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}
