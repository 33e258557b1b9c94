import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';

/** Who holds a database's writer lock, as the holder wrote it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command that took it (`record`, `run`, `rebuild`, `prune`, …). */
  command: string;
  /** Epoch ms when it was taken. */
  since: number;
}

export type LockOutcome =
  | { acquired: true; lock: WriterLock }
  | { acquired: false; holder: LockHolder | null; lockPath: string };

/** The side file that carries the lock of database `dbPath`. */
export const lockPathOf = (dbPath: string): string => `${dbPath}.lock`;

/**
 * The one-writer lock of a database, held by the process for as long as it writes: an OS advisory
 * lock (SQLite's fcntl locks) on the side file `<db>.lock`, a tiny SQLite database of its own. The
 * kernel drops it when the process dies, however it dies (kill -9 included), so a crash never leaves
 * a stale lock behind; SQLite tracks locks per file across connections of one process too, so a
 * second Store in the same process is refused as well.
 *
 * Protocol (rollback journal): write your name and COMMIT, then hold a read transaction (a SHARED
 * lock) and check the name is still yours. A COMMIT needs an EXCLUSIVE lock, which nobody gets while
 * a holder keeps its SHARED one, so once a holder is established nobody can overwrite its name; of
 * two contenders racing, the one that committed last reads its own name and wins, the other reads the
 * winner's and gives up. Others can always read the name (SHARED is compatible with SHARED).
 * Nothing else in this process may open the side file: closing any descriptor on it would drop the
 * process's fcntl locks (SQLite itself defers such closes).
 */
export class WriterLock {
  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    readonly holder: LockHolder,
  ) {}

  /** Takes the lock of `dbPath` for `command`, or says who holds it. Never waits. */
  static acquire(dbPath: string, command: string): LockOutcome {
    const path = lockPathOf(dbPath);
    const db = new Database(path, { timeout: 0 });
    const me: LockHolder = { pid: process.pid, host: hostname(), command, since: Date.now() };
    const token = randomUUID();
    try {
      db.pragma('journal_mode = DELETE');
      db.pragma('synchronous = OFF');
      db.exec(`CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1),
        pid INTEGER NOT NULL, host TEXT NOT NULL, command TEXT NOT NULL, since INTEGER NOT NULL,
        token TEXT NOT NULL)`);
      db.exec('BEGIN IMMEDIATE');
      db.prepare(
        'INSERT OR REPLACE INTO holder (id, pid, host, command, since, token) VALUES (1, ?, ?, ?, ?, ?)',
      ).run(me.pid, me.host, me.command, me.since, token);
      db.exec('COMMIT');
      db.exec('BEGIN');
      if (db.prepare('SELECT token FROM holder WHERE id = 1').pluck().get() === token)
        return { acquired: true, lock: new WriterLock(db, path, me) };
      return refuse(db, path);
    } catch (error) {
      if (!isBusy(error)) {
        db.close();
        throw error;
      }
      return refuse(db, path);
    }
  }

  /** Lets the lock go (closing the connection ends its read transaction). Idempotent. */
  release(): void {
    if (this.db.open) this.db.close();
  }
}

function refuse(db: Database.Database, path: string): LockOutcome {
  if (db.inTransaction) db.exec('ROLLBACK');
  let holder: LockHolder | null = null;
  try {
    holder = readHolder(db);
  } catch {
    // a contender is mid-commit: the holder is unknown for a moment, the lock is still taken
  }
  db.close();
  return { acquired: false, holder, lockPath: path };
}

function readHolder(db: Database.Database): LockHolder | null {
  const row = db.prepare('SELECT pid, host, command, since FROM holder WHERE id = 1').get() as
    | LockHolder
    | undefined;
  return row ?? null;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
