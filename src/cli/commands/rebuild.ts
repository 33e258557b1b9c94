import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { dbOption } from '../options/index.js';

/**
 * `rebuild`: throws the projections away and replays the event log into them (after an upgrade, or
 * to check that they equal a rebuild). Progress on stderr, a summary on stdout. It takes the
 * writer lock: refused while a recorder runs (a rebuild beside it would leave projections that
 * disagree with the log).
 */
export function registerRebuild(program: Command, io: CliIo): Command {
  return program
    .command('rebuild')
    .description(
      'Recreate every projection from the event log. Refused while a recorder writes the database (stop it first).',
    )
    .addOption(dbOption())
    .action(async (flags: { db: string }) => {
      const store = await openStore(flags.db, { now: io.now, command: 'rebuild', mustExist: true });
      try {
        const result = await store.rebuild({
          progressEvery: 50_000,
          onProgress: (p) => {
            const rate = p.elapsedMs > 0 ? Math.round((p.applied / p.elapsedMs) * 1000) : 0;
            const pct = p.total > 0 ? Math.round((p.applied / p.total) * 100) : 100;
            io.stderr.write(`rebuild: ${p.applied}/${p.total} events (${pct}%), ${rate} events/s\n`);
          },
        });
        io.stdout.write(
          `rebuilt projections from ${result.events} events in ${(result.elapsedMs / 1000).toFixed(2)} s (${Math.round(result.eventsPerSecond)} events/s)\n`,
        );
      } finally {
        await store.close();
      }
    });
}
