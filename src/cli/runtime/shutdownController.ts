import { type ShutdownSignal, waitForShutdown } from './waitForShutdown.js';

/** The first SIGINT/SIGTERM, as a promise and as an AbortSignal for steps that must give up early. */
export interface Shutdown {
  readonly requested: Promise<ShutdownSignal>;
  readonly signal: AbortSignal;
}

/**
 * Listens for SIGINT/SIGTERM from the very start of a long-running command, so that a signal during
 * startup (a long initial list) also stops it cleanly instead of killing the process mid-write.
 */
export function listenForShutdown(): Shutdown {
  const controller = new AbortController();
  const requested = waitForShutdown().then((signal) => {
    controller.abort();
    return signal;
  });
  return { requested, signal: controller.signal };
}
