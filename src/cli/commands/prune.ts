import { type Command, Option } from 'commander';
import { humanTime } from '../../render/times.js';
import { openStore } from '../../store/index.js';
import { alignRows } from '../format/alignRows.js';
import type { CliIo } from '../io.js';
import { dbOption, durationFlag, localOption } from '../options/index.js';

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * `prune --older-than 30d`: drops history before now − duration, keeping every answer for later
 * times (objects alive at the cutoff keep their last earlier state as a baseline), then shrinks the
 * file (VACUUM). Takes the writer lock: refused while a recorder runs. Phases on stderr.
 */
export function registerPrune(program: Command, io: CliIo): Command {
  return program
    .command('prune')
    .description(
      'Delete history older than a duration, keeping every answer after the cutoff, then shrink the ' +
        'file. Refused while a recorder writes the database (stop it first).',
    )
    .addOption(
      new Option('--older-than <duration>', 'delete what was observed before now minus this, e.g. 30d, 12h')
        .env('EPH_PRUNE_OLDER_THAN')
        .makeOptionMandatory(),
    )
    .addOption(dbOption())
    .addOption(localOption())
    .action(async (flags: { db: string; olderThan: string; local?: boolean }) => {
      const cutoff = io.now() - durationFlag('--older-than', flags.olderThan);
      const store = await openStore(flags.db, { now: io.now, command: 'prune', mustExist: true });
      try {
        const r = await store.prune(cutoff, (line) => io.stderr.write(`prune: ${line}\n`));
        io.stdout.write(`pruned history before ${humanTime(r.cutoff, flags.local)}\n`);
        io.stdout.write(
          alignRows(
            [
              ['  events deleted:', String(r.deletedEvents)],
              [
                '  events kept as the baseline (last state of objects alive at the cutoff):',
                String(r.baselineEvents),
              ],
              ['  projection rows deleted:', String(r.deletedRows)],
              ['  projection rows kept as the baseline:', String(r.baselineRows)],
              ['  database size:', `${mib(r.reclaimed.before)} → ${mib(r.reclaimed.after)}`],
            ],
            1,
          ),
        );
      } finally {
        await store.close();
      }
    });
}
