import { ephError } from '../../errors/index.js';
import { WriterLock } from './WriterLock.js';

/**
 * Takes the writer lock of `dbPath` for `command`, or throws EPH_ERR_DB_LOCKED with one line naming
 * the holder (command, pid, host, since when): a second recorder, a `rebuild` or a `prune` beside a
 * running recorder would leave projections that disagree with the log.
 */
export function takeWriterLock(dbPath: string, command: string): WriterLock {
  const outcome = WriterLock.acquire(dbPath, command);
  if (outcome.acquired) return outcome.lock;
  const h = outcome.holder;
  const who =
    h === null
      ? `another process (it holds ${outcome.lockPath})`
      : `${h.command === '' ? 'a process' : `\`endpoints-history ${h.command}\``} (pid ${h.pid} on host ${h.host}, since ${new Date(h.since).toISOString()})`;
  throw ephError(
    'EPH_ERR_DB_LOCKED',
    `database ${dbPath} is being written by ${who}: one writer at a time; stop it first or use another --db`,
    { path: dbPath, holder: h },
  );
}
