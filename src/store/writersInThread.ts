/**
 * How many histories this thread holds open for writing (SqliteStore, PostgresStore). While there
 * is none, nothing this thread does can change a history: another thread's or process's commit
 * lands whenever it lands, so a reader may answer from one version a little while — SQLite for a
 * turn of the event loop, PostgreSQL for a few milliseconds (their `version()`) — where it used to
 * ask before each memoised read. A writer in the same thread could commit between two reads (a
 * test, the bench's own store), so then every read asks again.
 */
let writers = 0;

export const writerOpened = (): void => {
  writers += 1;
};

export const writerClosed = (): void => {
  writers -= 1;
};

export const writersInThread = (): number => writers;
