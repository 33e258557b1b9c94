/**
 * Whether the API server answers, shared by every stream of a recorder. Any HTTP answer — a 200, a
 * 410, a 500 — proves the server reachable, for every kind: a stream backing off after network
 * failures then starts over from the base delay, and one sleeping in such a backoff is woken at once
 * (after a short API-server outage the first stream through wakes the others, instead of each
 * sleeping out a delay that grew while the server was away).
 */
export class Reachability {
  /** Answers seen so far; a stream compares it with the count at its last failure. */
  answers = 0;
  private readonly waiters = new Set<() => void>();

  /** The server answered a request (called when response headers arrive). */
  answered(): void {
    this.answers += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * A signal that aborts when `stop` does or when the server next answers anyone; `dispose()` when
   * done waiting.
   */
  untilAnswer(stop: AbortSignal): { signal: AbortSignal; dispose: () => void } {
    const ac = new AbortController();
    const wake = (): void => ac.abort();
    this.waiters.add(wake);
    stop.addEventListener('abort', wake, { once: true });
    return {
      signal: ac.signal,
      dispose: () => {
        this.waiters.delete(wake);
        stop.removeEventListener('abort', wake);
      },
    };
  }
}
