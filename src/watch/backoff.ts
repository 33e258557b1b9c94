/** Exponential backoff with full jitter between `baseMs` and `maxMs`. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Returns a number in [0, 1); injected so tests can pin the jitter. */
  random?: () => number;
}

/**
 * A per-stream retry delay: each `next()` doubles the ceiling (base, 2·base, … up to max) and returns a
 * delay drawn in [ceiling/2, ceiling), so that many recorders restarting together spread out but a
 * failing server is never hit in a tight loop. `reset()` after a healthy stream.
 */
export class Backoff {
  private attempt = 0;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.random = options.random ?? Math.random;
  }

  next(): number {
    const ceiling = Math.min(this.options.maxMs, this.options.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}
