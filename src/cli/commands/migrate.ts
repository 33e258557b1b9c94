import type { Command } from 'commander';
import { displayLocation, openStore } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { dbOption } from '../options/index.js';

/**
 * `migrate`: brings an existing database to this version's schema (readers never migrate: they
 * refuse an older schema with EPH_ERR_DB_OLDER). Takes the writer lock like every writer.
 */
export function registerMigrate(program: Command, io: CliIo): Command {
  return program
    .command('migrate')
    .description('Upgrade an existing database to the schema of this version (stop the recorder first).')
    .addOption(dbOption())
    .action(async (flags: { db: string }) => {
      const store = await openStore(flags.db, { now: io.now, command: 'migrate', mustExist: true });
      try {
        io.stdout.write(
          `database ${displayLocation(flags.db)} is at schema version ${await store.schemaVersion()}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
