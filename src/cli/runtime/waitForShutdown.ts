/** The signals that ask a long-running command to stop cleanly. */
export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/** Exit status of a forced stop (a second signal while shutting down), as shells report SIGINT. */
const FORCED_EXIT = 130;

/**
 * Resolves on the first SIGINT or SIGTERM, after which a second one exits at once (status 130): the
 * operator who presses Ctrl-C twice means it, and a stuck flush must not hold the process hostage.
 * Our listeners replace Node's default of dying immediately, which would skip the flush and leave the
 * coverage interval open.
 */
export function waitForShutdown(): Promise<ShutdownSignal> {
  return new Promise((resolve) => {
    const first = (signal: ShutdownSignal): void => {
      for (const s of SHUTDOWN_SIGNALS) process.off(s, first);
      for (const s of SHUTDOWN_SIGNALS) process.once(s, () => process.exit(FORCED_EXIT));
      resolve(signal);
    };
    for (const s of SHUTDOWN_SIGNALS) process.on(s, first);
  });
}
