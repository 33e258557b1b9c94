import type { Shutdown } from './shutdownController.js';
import type { RecordingSession } from './startRecording.js';

/**
 * Waits for SIGINT/SIGTERM; throws the reason instead when the recorder thread dies first, so that
 * the command exits non-zero (a supervisor restarts the process whole) rather than serve a history
 * that silently stopped growing.
 */
export async function untilStopped(shutdown: Shutdown, session: RecordingSession): Promise<void> {
  const died = await Promise.race([shutdown.requested.then(() => null), session.failed]);
  if (died !== null) throw new Error(`the recorder thread died: ${died.message}`);
}
