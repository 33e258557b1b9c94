/**
 * How many history databases this thread holds open for writing (SqliteStore). While there is none,
 * nothing this thread does between two turns of its event loop can change a history: another
 * thread's or process's commit lands whenever it lands, so a reader may keep one data version for a
 * whole turn (SqliteReads.version). A writer in the same thread could commit between two reads of
 * one turn (a test, the bench's own store), so then every read asks again.
 */
let writers = 0;

export const writerOpened = (): void => {
  writers += 1;
};

export const writerClosed = (): void => {
  writers -= 1;
};

export const writersInThread = (): number => writers;
