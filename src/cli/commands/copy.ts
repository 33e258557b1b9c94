import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { ephError } from '../../errors/index.js';
import {
  copyHistory,
  displayLocation,
  isPostgresLocation,
  openStore,
  type PostgresStore,
} from '../../store/index.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../UsageError.js';

interface CopyFlags {
  from: string;
  to: string;
}

/**
 * `copy --from FILE.db --to postgres://…`: moves a SQLite history into a PostgreSQL fleet store —
 * every event replayed through the write path (projections built by the same fold), every coverage
 * interval — with progress on stderr and a summary on stdout. Idempotent: what the target holds
 * already is skipped, so an interrupted copy is finished by running it again. A writer of the
 * target: refused while a recorder records one of the copied clusters there.
 */
export function registerCopy(program: Command, io: CliIo): Command {
  return program
    .command('copy')
    .description(
      'Move a SQLite history into a PostgreSQL store (events and coverage; projections rebuilt); re-running it is safe.',
    )
    .addOption(
      new Option('--from <file>', 'the SQLite database to copy (read-only)')
        .env('EPH_COPY_FROM')
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--to <url>', 'the PostgreSQL store: postgres://user@host:port/db')
        .env('EPH_COPY_TO')
        .makeOptionMandatory(),
    )
    .action(async (flags: CopyFlags) => {
      if (!isPostgresLocation(flags.to))
        throw new UsageError(`--to ${flags.to}: a postgres:// URL (copy fills a PostgreSQL store)`);
      if (!existsSync(flags.from))
        throw ephError('EPH_ERR_DB_MISSING', `database ${flags.from} does not exist`, { path: flags.from });
      const store = await openStore(flags.to, { command: 'copy' });
      try {
        const backend = (store as PostgresStore).postgres;
        let reported = -1;
        const r = await copyHistory(flags.from, store, (cluster) => backend.heldOf(cluster), {
          onProgress: ({ copied, skipped, total }) => {
            const done = copied + skipped;
            const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
            if (pct < reported + 10 && done < total) return;
            reported = pct;
            io.stderr.write(`copy: ${done}/${total} events (${pct}%), ${skipped} already there\n`);
          },
        });
        io.stdout.write(
          `copied ${flags.from} to ${displayLocation(flags.to)}: ${r.copied} events, ${r.skipped} already there, ${r.coverageIntervals} coverage intervals, clusters ${r.clusters.join(', ') || '(none)'} in ${(r.elapsedMs / 1000).toFixed(2)} s\n`,
        );
      } finally {
        await store.close();
      }
    });
}
