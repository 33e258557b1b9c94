import { existsSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Command, Option } from 'commander';
import { ephError } from '../../errors/index.js';
import { backupDatabase, displayLocation, isPostgresLocation } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { dbOption } from '../options/index.js';
import { UsageError } from '../UsageError.js';

interface BackupFlags {
  db: string;
  to: string;
  force?: boolean;
}

/**
 * `backup --db F --to COPY`: a consistent copy of a database, also while a recorder writes it (SQLite's
 * online backup API; copying the .db file alone misses what still sits in its WAL). Progress on
 * stderr, a summary on stdout. An existing COPY is replaced only with --force. On PostgreSQL it
 * refuses, giving the pg_dump command that does it (EPH_ERR_BACKUP_POSTGRES).
 */
export function registerBackup(program: Command, io: CliIo): Command {
  return program
    .command('backup')
    .description('Copy a database consistently, also while it is being recorded into.')
    .addOption(dbOption())
    .addOption(new Option('--to <file>', 'the copy to write').env('EPH_BACKUP_TO').makeOptionMandatory())
    .addOption(new Option('--force', 'replace an existing copy').env('EPH_BACKUP_FORCE'))
    .action(async (flags: BackupFlags) => {
      if (isPostgresLocation(flags.db)) {
        const url = displayLocation(flags.db).replace(':***@', '@');
        throw ephError(
          'EPH_ERR_BACKUP_POSTGRES',
          `backup copies SQLite files; back a PostgreSQL history up with pg_dump (password from PGPASSWORD or ~/.pgpass): pg_dump --format=custom --file=${flags.to} '${url}'`,
          { db: displayLocation(flags.db) },
        );
      }
      if (!existsSync(dirname(flags.to))) throw new UsageError(`--to ${flags.to}: no such directory`);
      if (existsSync(flags.to)) {
        if (existsSync(flags.db) && realpathSync(flags.to) === realpathSync(flags.db))
          throw new UsageError(`--to ${flags.to} is the database itself`);
        if (!flags.force) throw new UsageError(`${flags.to} already exists; --force replaces it`);
      }
      let reported = -1;
      const r = await backupDatabase(flags.db, flags.to, {
        onProgress: ({ copiedPages, totalPages }) => {
          const pct = totalPages > 0 ? Math.floor((copiedPages / totalPages) * 100) : 100;
          if (pct < reported + 10 && copiedPages < totalPages) return;
          reported = pct;
          io.stderr.write(`backup: ${copiedPages}/${totalPages} pages (${pct}%)\n`);
        },
      });
      io.stdout.write(
        `backed up ${flags.db} to ${flags.to}: ${r.pages} pages, ${(r.bytes / 2 ** 20).toFixed(1)} MiB in ${(r.elapsedMs / 1000).toFixed(2)} s\n`,
      );
    });
}
