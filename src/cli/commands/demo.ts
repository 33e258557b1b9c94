import { type Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { type ApiFlags, addApiOptions, parseSpeed, resolveApiFlags, runSimulated } from '../runtime/index.js';

interface DemoFlags extends ApiFlags {
  db?: string;
  speed: string;
}

/** The first line of `demo`: what it records (nothing of the user's). */
export const DEMO_FIRST_LINE =
  'endpoints-history: recording the built-in simulated cluster (demo scenario) through the real recorder';

/**
 * `endpoints-history demo`: the whole product in seconds, with no cluster needed. A simulated
 * kube-apiserver plays the service-hello scenario, the real recorder watches it over HTTP, the
 * API serves what it records, and three example queries with real timestamps are printed.
 */
export function registerDemo(program: Command, io: CliIo): Command {
  const command = program
    .command('demo')
    .description('Record a simulated cluster playing the service-hello story, and serve the API over it.')
    .addOption(
      new Option('--db <file>', 'SQLite database (default: a temporary file removed on exit)').env('EPH_DB'),
    )
    .addOption(
      new Option('--speed <x>', 'pace of the story: 2 plays it twice as fast as real pod lifecycles')
        .env('EPH_DEMO_SPEED')
        .default('2'),
    );
  return addApiOptions(command).action(async (flags: DemoFlags) => {
    const api = resolveApiFlags(flags);
    const speed = parseSpeed(flags.speed);
    await runSimulated(io, {
      command: 'demo',
      firstLine: DEMO_FIRST_LINE,
      db: flags.db,
      speed,
      api,
      authTokenFile: flags.authTokenFile,
    });
  });
}
