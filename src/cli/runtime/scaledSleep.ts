/** Thrown by a `scaledSleep` once its signal aborts: the demo is stopping, the story ends there. */
export class DemoStopped extends Error {
  override name = 'DemoStopped';
}

/**
 * A sleep that waits `ms / speed` (so `speed` 2 plays a story twice as fast) and rejects with
 * `DemoStopped` as soon as `signal` aborts, clearing its timer so a stopped demo holds no handle open.
 */
export function scaledSleep(speed: number, signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new DemoStopped());
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new DemoStopped());
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms / speed);
      signal.addEventListener('abort', onAbort, { once: true });
    });
}
