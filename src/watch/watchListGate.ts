/** How a reflector should take its consistent snapshot of a kind. */
export type SnapshotMode = 'watch-list' | 'list';

/** What the one probing reflector learned from its WatchList request. */
export type ProbeOutcome = 'supported' | 'unsupported' | 'inconclusive';

/**
 * Whether this API server serves streaming lists (WatchList, KEP-3157: a server
 * feature gate, so a cluster may have it off), shared by every
 * reflector of one recorder, i.e. one server. Until it is known, ONE reflector probes (its WatchList
 * request is the probe) while the others wait for the outcome, so a server with the gate off answers
 * exactly one 422 and never another: the fallback to paginated list + watch is remembered for the
 * recorder's lifetime (a restarted recorder probes again, e.g. after a server upgrade).
 */
export class WatchListGate {
  private known: boolean | null;
  private probe: Promise<void> | null = null;
  private settleProbe: (() => void) | null = null;

  /** `enabled` false: never try WatchList (the recorder option `watchList`). */
  constructor(enabled: boolean) {
    this.known = enabled ? null : false;
  }

  /**
   * The mode for the next snapshot. `probing` is true for the caller that must report the outcome
   * (exactly once, via `settle`), while others wait here until it does or `signal` aborts.
   */
  async acquire(signal: AbortSignal): Promise<{ mode: SnapshotMode; probing: boolean }> {
    while (this.known === null && this.probe !== null && !signal.aborted) {
      const probe = this.probe;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        signal.addEventListener('abort', done, { once: true });
        void probe.then(done);
      });
    }
    if (this.known !== null) return { mode: this.known ? 'watch-list' : 'list', probing: false };
    this.probe = new Promise((resolve) => {
      this.settleProbe = resolve;
    });
    return { mode: 'watch-list', probing: true };
  }

  /** Reports the probe's outcome; `inconclusive` (network error, stop) lets the next caller probe. */
  settle(outcome: ProbeOutcome): void {
    if (outcome !== 'inconclusive') this.known = outcome === 'supported';
    const settle = this.settleProbe;
    this.probe = null;
    this.settleProbe = null;
    settle?.();
  }
}
