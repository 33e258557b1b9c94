import { History } from '../../query/index.js';
import type { CliIo } from '../io.js';

/** Opens the database read-only (a missing file is EPH_ERR_DB_MISSING, exit 2), runs `fn`, closes. */
export async function withHistory<T>(
  db: string,
  io: CliIo,
  fn: (history: History) => T | Promise<T>,
): Promise<T> {
  const history = await History.connect(db, { now: io.now });
  try {
    return await fn(history);
  } finally {
    history.close();
  }
}
